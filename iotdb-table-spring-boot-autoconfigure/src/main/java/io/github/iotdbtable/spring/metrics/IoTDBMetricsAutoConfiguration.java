package io.github.iotdbtable.spring.metrics;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the session pool's Micrometer meters, when Micrometer is on the
 * classpath. Spring Boot binds them to the application's meter registry.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = IoTDBTableAutoConfiguration.class)
@ConditionalOnClass({ TableSessionPool.class, MeterBinder.class })
public final class IoTDBMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TableSessionPoolMetrics tableSessionPoolMetrics(ObjectProvider<TableSessionPool> pool) {
		return new TableSessionPoolMetrics(pool);
	}

}
