package io.github.iotdbtable.spring.autoconfigure.metrics;

import java.util.HashMap;
import java.util.Map;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.metrics.TableSessionPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Binds the meters of every {@link TableSessionPool} bean, each tagged with its pool's
 * name. Pools that share a name would share meters, so those are tagged with their bean
 * names instead.
 */
final class TableSessionPoolsMeterBinder implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(TableSessionPoolsMeterBinder.class);

	private final ListableBeanFactory beanFactory;

	TableSessionPoolsMeterBinder(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Map<String, TableSessionPool> pools = this.beanFactory.getBeansOfType(TableSessionPool.class, false, true);
		Map<String, Integer> namesInUse = new HashMap<>();
		pools.values().forEach((pool) -> namesInUse.merge(pool.getConfig().getPoolName(), 1, Integer::sum));
		pools.forEach((beanName, pool) -> {
			String poolName = pool.getConfig().getPoolName();
			String tag = poolName;
			if (namesInUse.getOrDefault(poolName, 0) > 1) {
				logger.warn("Pools {} share the name '{}': their meters are tagged with the bean name '{}' instead;"
						+ " give each pool a name of its own", pools.keySet(), poolName, beanName);
				tag = beanName;
			}
			new TableSessionPoolMetrics(pool, Tags.of("pool", tag)).bindTo(registry);
		});
	}

}
