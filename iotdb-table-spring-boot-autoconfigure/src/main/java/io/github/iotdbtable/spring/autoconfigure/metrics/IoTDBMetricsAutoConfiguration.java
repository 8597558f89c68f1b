package io.github.iotdbtable.spring.autoconfigure.metrics;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.spring.metrics.TableSessionPoolMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of every {@link TableSessionPool} bean,
 * when Micrometer is on the classpath: Spring Boot binds them to the application's meter
 * registry. No pool, no meters. An application that defines a
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

}
