/**
 * Auto-configuration of the session pools' Micrometer metrics.
 */
@NullMarked
package io.github.iotdbtable.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
