package io.github.iotdbtable.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.TableDefinition;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.client.TableWriterConfig;
import io.github.iotdbtable.client.WriteFailureHandler;
import io.github.iotdbtable.spring.autoconfigure.metrics.IoTDBMetricsAutoConfiguration;
import io.github.iotdbtable.spring.core.TabletMapper;
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

/**
 * The {@link TableWriter} bean: on the single pool, configured by
 * {@code iotdb.table.writer.*}, declaring the tables of the definition and mapper beans,
 * metered when Micrometer is there.
 */
class TableWriterAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IoTDBTableAutoConfiguration.class));

	@Test
	void aWriterWithTheClientsDefaultsAndTheDeclaredTables() {
		this.contextRunner.withUserConfiguration(Tables.class).run((context) -> {
			assertThat(context).hasSingleBean(TableWriter.class);
			TableWriterConfig config = context.getBean(TableWriter.class).getConfig();
			TableWriterConfig defaults = TableWriterConfig.builder().build();
			assertThat(config.getBatchSize()).isEqualTo(defaults.getBatchSize());
			assertThat(config.getMaxBatchAge()).isEqualTo(defaults.getMaxBatchAge());
			assertThat(config.getMaxBufferedRows()).isEqualTo(defaults.getMaxBufferedRows());
			assertThat(config.getAddTimeout()).isEqualTo(defaults.getAddTimeout());
			assertThat(config.getOverflow()).isEqualTo(defaults.getOverflow());
			assertThat(config.getSenderThreads()).isEqualTo(defaults.getSenderThreads());
			assertThat(config.getTables()).extracting(TableDefinition::getTable).containsExactly("sensors", "readings");
			assertThat(config.getFailureHandler()).isSameAs(context.getBean(WriteFailureHandler.class));
		});
	}

	@Test
	void bindsEveryWriterProperty() {
		this.contextRunner
			.withPropertyValues("iotdb.table.writer.name=ingest", "iotdb.table.writer.batch-size=500",
					"iotdb.table.writer.max-batch-age=250ms", "iotdb.table.writer.max-buffered-rows=5000",
					"iotdb.table.writer.add-timeout=2s", "iotdb.table.writer.overflow=drop",
					"iotdb.table.writer.sender-threads=3")
			.run((context) -> {
				TableWriterConfig config = context.getBean(TableWriter.class).getConfig();
				assertThat(config.getWriterName()).isEqualTo("ingest");
				assertThat(config.getBatchSize()).isEqualTo(500);
				assertThat(config.getMaxBatchAge()).isEqualTo(Duration.ofMillis(250));
				assertThat(config.getMaxBufferedRows()).isEqualTo(5000);
				assertThat(config.getAddTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.getOverflow()).isEqualTo(TableWriterConfig.Overflow.DROP);
				assertThat(config.getSenderThreads()).isEqualTo(3);
			});
	}

	@Test
	void aBadValueFailsTheStartNamingTheProperty() {
		this.contextRunner.withPropertyValues("iotdb.table.writer.max-buffered-rows=10").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"iotdb.table.writer.max-buffered-rows: maxBufferedRows must be at least batchSize (1000),"
							+ " was 10");
		});
		this.contextRunner.withPropertyValues("iotdb.table.writer.max-batch-age=0s")
			.run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"iotdb.table.writer.max-batch-age: maxBatchAge must be at least 1ms, was PT0S"));
	}

	@Test
	void noWriterWhenTurnedOffOrTheApplicationHasItsOwn() {
		this.contextRunner.withPropertyValues("iotdb.table.writer.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(TableSessionPool.class)
				.doesNotHaveBean(TableWriter.class));
		this.contextRunner.withUserConfiguration(OwnWriter.class)
			.run((context) -> assertThat(context).hasSingleBean(TableWriter.class).hasBean("ownWriter"));
	}

	@Test
	void noWriterForTwoPoolsWithoutAPrimary() {
		this.contextRunner.withUserConfiguration(TwoPools.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TableWriter.class));
	}

	@Test
	void theWriterIsMeteredWhenMicrometerIsThere() {
		ApplicationContextRunner metered = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					IoTDBTableAutoConfiguration.class, IoTDBMetricsAutoConfiguration.class))
			.withPropertyValues("iotdb.table.writer.name=ingest");
		metered.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("iotdb.table.writer.buffered.max").tag("writer", "ingest").gauge().value())
				.isEqualTo(100_000);
			assertThat(registry.get("iotdb.table.writer.buffered").tag("writer", "ingest").gauge().value()).isZero();
			assertThat(registry.get("iotdb.table.writer.rows").tag("result", "sent").functionCounter().count())
				.isZero();
			assertThat(registry.find("iotdb.table.writer.rows").functionCounters()).hasSize(3);
			assertThat(registry.find("iotdb.table.writer.batch").timers()).hasSize(2);
		});
		metered.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TableWriter.class));
	}

	record Reading(Instant at, String device, double value) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Tables {

		@Bean
		TableDefinition sensors() {
			return TableDefinition.builder("sensors").tag("device").field("temperature", DataType.DOUBLE).build();
		}

		@Bean
		TabletMapper<Reading> readings() {
			return TabletMapper.<Reading>forTable("readings")
				.time(Reading::at)
				.tag("device", Reading::device)
				.field("value", DataType.DOUBLE, Reading::value)
				.build();
		}

		@Bean
		WriteFailureHandler deadLetters() {
			return (rows, cause) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWriter {

		@Bean(destroyMethod = "close")
		TableWriter ownWriter(TableSessionPool pool) {
			return new TableWriter(pool, TableWriterConfig.builder().build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPools {

		@Bean(destroyMethod = "close")
		TableSessionPool plantPool() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("plant").build());
		}

		@Bean(destroyMethod = "close")
		TableSessionPool fleetPool() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("fleet").build());
		}

	}

}
