/**
 * A real local IoTDB started for a Spring Boot application in development.
 */
@NullMarked
package io.github.iotdbtable.spring.embedded;

import org.jspecify.annotations.NullMarked;
