/**
 * {@link io.github.iotdbtable.spring.core.TableTemplate}: IoTDB table-model work with
 * pooled sessions and Spring's {@code DataAccessException} hierarchy.
 */
@NullMarked
package io.github.iotdbtable.spring.core;

import org.jspecify.annotations.NullMarked;
