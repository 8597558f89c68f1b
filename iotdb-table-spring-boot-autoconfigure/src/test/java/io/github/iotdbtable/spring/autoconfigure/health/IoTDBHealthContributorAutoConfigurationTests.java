package io.github.iotdbtable.spring.autoconfigure.health;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.spring.health.IoTDBHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IoTDBHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(IoTDBTableAutoConfiguration.class, IoTDBHealthContributorAutoConfiguration.class));

	@Test
	void onePoolGetsOneIndicator() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(HealthContributor.class);
			assertThat(context.getBean("iotdbHealthContributor")).isInstanceOf(IoTDBHealthIndicator.class);
		});
	}

	@Test
	void twoPoolsGetACompositeNamedByBean() {
		this.contextRunner.withUserConfiguration(TwoPools.class).run((context) -> {
			HealthContributor contributor = context.getBean("iotdbHealthContributor", HealthContributor.class);
			assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
			CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
			assertThat(composite.getContributor("plant")).isInstanceOf(IoTDBHealthIndicator.class);
			assertThat(composite.getContributor("fleet")).isInstanceOf(IoTDBHealthIndicator.class);
			assertThat(composite.stream().map((entry) -> entry.name())).containsExactlyInAnyOrder("plant", "fleet");
		});
	}

	@Test
	void noPoolNoContributor() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IoTDBHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthContributor.class));
	}

	@Test
	void canBeTurnedOff() {
		this.contextRunner.withPropertyValues("management.health.iotdb.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthContributor.class)
				.hasSingleBean(TableSessionPool.class));
	}

	@Test
	void aUserIndicatorReplacesIt() {
		this.contextRunner.withBean("iotdbHealthIndicator", HealthIndicator.class, () -> () -> null)
			.run((context) -> assertThat(context).doesNotHaveBean("iotdbHealthContributor"));
	}

	@Test
	void backsOffWithoutActuatorHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(TableSessionPool.class)
				.doesNotHaveBean("iotdbHealthContributor"));
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPools {

		@Bean(destroyMethod = "close")
		TableSessionPool plant() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("plant").build());
		}

		@Bean(destroyMethod = "close")
		TableSessionPool fleet() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("fleet").build());
		}

	}

}
