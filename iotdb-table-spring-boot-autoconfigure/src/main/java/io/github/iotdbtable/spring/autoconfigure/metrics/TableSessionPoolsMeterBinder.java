package io.github.iotdbtable.spring.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.metrics.TableSessionPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;

/**
 * Binds the meters of every {@link TableSessionPool} bean (the pools the health
 * contributor covers too), each tagged with its pool's name. If two pools share a name,
 * every pool is tagged with its bean name instead, so that no two pools share meters.
 */
final class TableSessionPoolsMeterBinder implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(TableSessionPoolsMeterBinder.class);

	private final ConfigurableListableBeanFactory beanFactory;

	/** One binder per pool, which binds each registry once. */
	private final Map<String, TableSessionPoolMetrics> metrics = new ConcurrentHashMap<>();

	TableSessionPoolsMeterBinder(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Map<String, TableSessionPool> pools = SimpleAutowireCandidateResolver
			.resolveAutowireCandidates(this.beanFactory, TableSessionPool.class);
		Map<String, String> tags = tags(pools);
		pools.forEach(
				(beanName,
						pool) -> this.metrics
							.computeIfAbsent(beanName,
									(name) -> new TableSessionPoolMetrics(pool,
											Tags.of("pool", tags.getOrDefault(name, name))))
							.bindTo(registry));
	}

	private static Map<String, String> tags(Map<String, TableSessionPool> pools) {
		Map<String, List<String>> beansByPoolName = new HashMap<>();
		pools.forEach((beanName, pool) -> beansByPoolName
			.computeIfAbsent(pool.getConfig().getPoolName(), (name) -> new ArrayList<>())
			.add(beanName));
		Map<String, String> tags = new LinkedHashMap<>();
		boolean shared = beansByPoolName.values().stream().anyMatch((beans) -> beans.size() > 1);
		if (shared) {
			beansByPoolName.forEach((name, beans) -> {
				if (beans.size() > 1) {
					logger.warn("Pools {} share the name '{}': the meters of every pool are tagged with bean names;"
							+ " give each pool a name of its own", beans, name);
				}
			});
		}
		pools.forEach((beanName, pool) -> tags.put(beanName, shared ? beanName : pool.getConfig().getPoolName()));
		return tags;
	}

}
