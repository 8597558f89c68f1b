/**
 * Auto-configuration of IoTDB's health for Spring Boot's actuator.
 */
@NullMarked
package io.github.iotdbtable.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
