package io.github.iotdbtable.spring.autoconfigure.metrics;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.spring.metrics.TableSessionPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IoTDBMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				IoTDBTableAutoConfiguration.class, IoTDBMetricsAutoConfiguration.class));

	@Test
	void theAutoConfiguredPoolIsMeteredWithItsTimers() {
		this.contextRunner.withPropertyValues("iotdb.table.pool.name=main").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("iotdb.table.pool.sessions.max").tag("pool", "main").gauge().value()).isEqualTo(5);
			assertThat(registry.find("iotdb.table.pool.acquire").tag("pool", "main").timer()).isNotNull();
			assertThat(registry.find("iotdb.table.pool.usage").tag("pool", "main").timer()).isNotNull();
			assertThat(registry.find("iotdb.table.pool.creation").tag("pool", "main").timer()).isNotNull();
		});
	}

	@Test
	void everyPoolIsMeteredByName() {
		this.contextRunner.withUserConfiguration(TwoPools.class).run((context) -> {
			assertThat(context).hasNotFailed();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("iotdb.table.pool.sessions.max").tag("pool", "plant").gauge().value()).isEqualTo(3);
			assertThat(registry.get("iotdb.table.pool.sessions.max").tag("pool", "fleet").gauge().value()).isEqualTo(7);
			assertThat(registry.find("iotdb.table.pool.acquire").timers()).hasSize(2);
		});
	}

	@Test
	void poolsThatShareANameAreTaggedByBeanName() {
		this.contextRunner.withUserConfiguration(TwoPoolsOneName.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("iotdb.table.pool.sessions.max").tag("pool", "east").gauge().value()).isEqualTo(2);
			assertThat(registry.get("iotdb.table.pool.sessions.max").tag("pool", "west").gauge().value()).isEqualTo(4);
		});
	}

	@Test
	void aBeanNameThatIsAnotherPoolsNameCannotMakeTwoPoolsShareMeters() {
		this.contextRunner.withUserConfiguration(TwoPoolsOneName.class)
			.withBean("third", TableSessionPool.class,
					() -> new TableSessionPool(
							TableSessionPoolConfig.builder().poolName("east").maxPoolSize(6).build()))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("iotdb.table.pool.sessions.max").gauges()).hasSize(3);
				assertThat(registry.get("iotdb.table.pool.sessions.max").tag("pool", "third").gauge().value())
					.isEqualTo(6);
				assertThat(registry.get("iotdb.table.pool.sessions.max").tag("pool", "east").gauge().value())
					.isEqualTo(2);
			});
	}

	@Test
	void aUsersOwnPoolMetricsBeanTakesOver() {
		this.contextRunner.withPropertyValues("iotdb.table.pool.name=main")
			.withBean("myMetrics", TableSessionPoolMetrics.class,
					() -> new TableSessionPoolMetrics(
							new TableSessionPool(TableSessionPoolConfig.builder().poolName("mine").build())))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TableSessionPoolsMeterBinder.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("iotdb.table.pool.sessions.max").tag("pool", "main").gauge()).isNull();
				assertThat(registry.find("iotdb.table.pool.sessions.max").tag("pool", "mine").gauge()).isNotNull();
			});
	}

	@Test
	void noPoolNoMetersAndNoFailure() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
							SimpleMetricsExportAutoConfiguration.class, IoTDBMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MeterRegistry.class).find("iotdb.table.pool.sessions.max").gauges())
					.isEmpty();
			});
	}

	@Test
	void withoutARegistryNothingIsBound() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(IoTDBTableAutoConfiguration.class, IoTDBMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TableSessionPool.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(TableSessionPool.class)
				.doesNotHaveBean(TableSessionPoolsMeterBinder.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPools {

		@Bean(destroyMethod = "close")
		TableSessionPool plantPool() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("plant").maxPoolSize(3).build());
		}

		@Bean(destroyMethod = "close")
		TableSessionPool fleetPool() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("fleet").maxPoolSize(7).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPoolsOneName {

		@Bean(destroyMethod = "close")
		TableSessionPool east() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("shared").maxPoolSize(2).build());
		}

		@Bean(destroyMethod = "close")
		TableSessionPool west() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("shared").maxPoolSize(4).build());
		}

	}

}
