/**
 * A real IoTDB server for tests: {@link io.github.iotdbtable.test.IoTDBCluster} starts a
 * ConfigNode and DataNodes as child JVMs, {@link io.github.iotdbtable.test.IoTDBTest}
 * gives JUnit 5 tests a running server and a database of their own.
 */
@NullMarked
package io.github.iotdbtable.test;

import org.jspecify.annotations.NullMarked;
