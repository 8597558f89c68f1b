/**
 * A Spring Boot service that stores sensor readings in IoTDB through the starter.
 */
@NullMarked
package io.github.iotdbtable.samples.sensors;

import org.jspecify.annotations.NullMarked;
