/**
 * Micrometer metrics of the IoTDB table client's session pool.
 */
@NullMarked
package io.github.iotdbtable.spring.metrics;

import org.jspecify.annotations.NullMarked;
