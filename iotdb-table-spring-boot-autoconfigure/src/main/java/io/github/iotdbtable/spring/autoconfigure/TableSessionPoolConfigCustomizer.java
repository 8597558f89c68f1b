package io.github.iotdbtable.spring.autoconfigure;

import io.github.iotdbtable.client.TableSessionPoolConfig;

/**
 * Changes the pool's settings after they were taken from the properties, before the pool
 * is created.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TableSessionPoolConfigCustomizer {

	void customize(TableSessionPoolConfig.Builder builder);

}
