package io.github.iotdbtable.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.spring.autoconfigure.health.IoTDBHealthContributorAutoConfiguration;
import io.github.iotdbtable.spring.autoconfigure.metrics.IoTDBMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auto-configuration together, for an application with no pool, the auto-configured
 * one, or two of its own, each with and without the actuator's health and Micrometer on
 * the class path: the context starts, and health and meters cover exactly the pools there
 * are.
 */
class PoolCountMatrixTests {

	static Stream<Arguments> shapes() {
		List<Arguments> shapes = new ArrayList<>();
		for (int pools = 0; pools <= 2; pools++) {
			shapes.add(Arguments.of(pools, true, true));
			shapes.add(Arguments.of(pools, false, true));
		}
		// an application with pools of its own may leave the pool's auto-configuration
		// out
		shapes.add(Arguments.of(2, true, false));
		shapes.add(Arguments.of(2, false, false));
		return shapes.stream();
	}

	@ParameterizedTest(name = "{0} pools, actuator and Micrometer: {1}, pool auto-configuration: {2}")
	@MethodSource("shapes")
	void healthAndMetersCoverThePoolsThereAre(int pools, boolean observed, boolean poolAutoConfiguration) {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					IoTDBHealthContributorAutoConfiguration.class, IoTDBMetricsAutoConfiguration.class));
		if (pools >= 1 && poolAutoConfiguration) {
			runner = runner.withConfiguration(AutoConfigurations.of(IoTDBTableAutoConfiguration.class))
				.withPropertyValues("iotdb.table.pool.name=first");
		}
		if (pools == 2) {
			runner = runner
				.withBean("first", TableSessionPool.class,
						() -> new TableSessionPool(TableSessionPoolConfig.builder().poolName("first").build()))
				.withBean("second", TableSessionPool.class,
						() -> new TableSessionPool(TableSessionPoolConfig.builder().poolName("second").build()));
		}
		if (!observed) {
			runner = runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterBinder.class));
		}
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(TableSessionPool.class)).hasSize(pools);
			if (!observed || pools == 0) {
				assertThat(context).doesNotHaveBean(HealthContributor.class);
			}
			else if (pools == 1) {
				assertThat(context.getBean(HealthContributor.class)).isInstanceOf(HealthIndicator.class);
			}
			else {
				assertThat(((CompositeHealthContributor) context.getBean(HealthContributor.class)).stream()
					.map((entry) -> entry.name())).containsExactlyInAnyOrder("first", "second");
			}
			if (observed) {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				List<String> metered = registry.find("iotdb.table.pool.sessions.max")
					.gauges()
					.stream()
					.map((gauge) -> gauge.getId().getTag("pool"))
					.toList();
				assertThat(metered).containsExactlyInAnyOrderElementsOf(
						(pools == 0) ? List.of() : (pools == 1) ? List.of("first") : List.of("first", "second"));
			}
		});
	}

}
