package io.github.iotdbtable.spring.autoconfigure.metrics;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.spring.metrics.TableWriterMetrics;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of every {@link TableSessionPool} and
 * {@link TableWriter} bean, when Micrometer is on the classpath: Spring Boot binds them
 * to the application's meter registry. No pool, no meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IoTDBTableAutoConfiguration.class)
@ConditionalOnClass({ TableSessionPool.class, MeterBinder.class })
public final class IoTDBMetricsAutoConfiguration {

	@Bean
	TableSessionPoolsMeterBinder tableSessionPoolsMeterBinder(ListableBeanFactory beanFactory) {
		return new TableSessionPoolsMeterBinder(beanFactory);
	}

	/**
	 * Binds the meters of every {@link TableWriter} bean, each tagged with its writer's
	 * name.
	 */
	@Bean
	MeterBinder tableWritersMeterBinder(ListableBeanFactory beanFactory) {
		return (registry) -> beanFactory.getBeansOfType(TableWriter.class, false, true)
			.values()
			.forEach((writer) -> new TableWriterMetrics(writer).bindTo(registry));
	}

}
