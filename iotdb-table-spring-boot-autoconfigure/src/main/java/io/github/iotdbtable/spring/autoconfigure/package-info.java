/**
 * Spring Boot auto-configuration of the IoTDB table client.
 */
@NullMarked
package io.github.iotdbtable.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
