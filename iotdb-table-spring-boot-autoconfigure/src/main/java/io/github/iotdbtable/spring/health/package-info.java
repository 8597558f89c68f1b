/**
 * Health of IoTDB for Spring Boot's actuator.
 */
@NullMarked
package io.github.iotdbtable.spring.health;

import org.jspecify.annotations.NullMarked;
