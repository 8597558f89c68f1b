package io.github.iotdbtable.spring.health;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code iotdb} health indicator
 * ({@code management.health.iotdb.enabled}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IoTDBTableAutoConfiguration.class)
@ConditionalOnClass({ TableSessionPool.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(TableSessionPool.class)
@ConditionalOnEnabledHealthIndicator("iotdb")
public final class IoTDBHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "iotdbHealthIndicator")
	IoTDBHealthIndicator iotdbHealthIndicator(TableSessionPool pool, IoTDBTableProperties properties) {
		return new IoTDBHealthIndicator(pool, properties.getHealth().getTimeout());
	}

}
