package io.github.iotdbtable.spring.autoconfigure.health;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableProperties;
import io.github.iotdbtable.spring.health.IoTDBHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code iotdb} health contributor
 * ({@code management.health.iotdb.enabled}): an {@link IoTDBHealthIndicator} for the
 * application's one {@link TableSessionPool}, or a composite with one per pool, named by
 * bean name, when it talks to several clusters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IoTDBTableAutoConfiguration.class)
@ConditionalOnClass({ TableSessionPool.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(TableSessionPool.class)
@ConditionalOnEnabledHealthIndicator("iotdb")
public final class IoTDBHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<IoTDBHealthIndicator, TableSessionPool> {

	IoTDBHealthContributorAutoConfiguration(ObjectProvider<IoTDBTableProperties> properties) {
		// the properties are there unless the pool's auto-configuration was left out
		super((pool) -> new IoTDBHealthIndicator(pool,
				properties.getIfAvailable(IoTDBTableProperties::new).getHealth().getTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean(name = { "iotdbHealthIndicator", "iotdbHealthContributor" })
	HealthContributor iotdbHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, TableSessionPool.class);
	}

}
