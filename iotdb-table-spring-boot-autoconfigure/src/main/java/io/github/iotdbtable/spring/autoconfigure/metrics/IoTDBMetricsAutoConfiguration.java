package io.github.iotdbtable.spring.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.spring.metrics.TableSessionPoolMetrics;
import io.github.iotdbtable.spring.metrics.TableWriterMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of every {@link TableSessionPool} and
 * {@link TableWriter} bean, when Micrometer is on the classpath: Spring Boot binds them
 * to the application's meter registry. No pool, no meters. An application that defines a
 * {@link TableSessionPoolMetrics} bean binds its pools itself.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IoTDBTableAutoConfiguration.class)
@ConditionalOnClass({ TableSessionPool.class, MeterBinder.class })
public final class IoTDBMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TableSessionPoolMetrics.class)
	TableSessionPoolsMeterBinder tableSessionPoolsMeterBinder(ConfigurableListableBeanFactory beanFactory) {
		return new TableSessionPoolsMeterBinder(beanFactory);
	}

	/**
	 * Binds the meters of every {@link TableWriter} bean, each tagged with its writer's
	 * name.
	 */
	@Bean
	MeterBinder tableWritersMeterBinder(ConfigurableListableBeanFactory beanFactory) {
		// one binder per writer, which binds each registry once
		Map<String, TableWriterMetrics> metrics = new ConcurrentHashMap<>();
		return (registry) -> SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory, TableWriter.class)
			.forEach((name, writer) -> metrics.computeIfAbsent(name, (key) -> new TableWriterMetrics(writer))
				.bindTo(registry));
	}

}
