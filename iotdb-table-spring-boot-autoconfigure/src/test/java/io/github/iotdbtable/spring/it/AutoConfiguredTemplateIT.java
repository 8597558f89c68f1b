package io.github.iotdbtable.spring.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolListener;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.spring.autoconfigure.IoTDBConnectionDetails;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableProperties;
import io.github.iotdbtable.spring.core.BadSqlGrammarException;
import io.github.iotdbtable.spring.core.SessionCallback;
import io.github.iotdbtable.spring.core.TableTemplate;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link TableTemplate} against a real IoTDB: wired to the pool and
 * its database, the pool's metrics, and the password kept out of actuator output. The
 * template's own operations are tested in its module, without Spring Boot.
 */
@IoTDBTest
@SpringBootTest(classes = AutoConfiguredTemplateIT.Application.class,
		properties = { "iotdb.table.pool.name=template-it", "management.endpoints.jmx.exposure.include=*",
				"spring.jmx.enabled=true", "management.endpoint.configprops.show-values=always",
				"management.endpoint.env.show-values=always" })
class AutoConfiguredTemplateIT {

	private static TestDatabase database;

	@Autowired
	private TableTemplate template;

	@Autowired
	private TableSessionPool pool;

	@Autowired
	private CountingListener listener;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	@Qualifier("tableSessionPoolsMeterBinder")
	private MeterBinder poolsBinder;

	@Autowired
	private ConfigurationPropertiesReportEndpoint configprops;

	@Autowired
	private EnvironmentEndpoint env;

	@Autowired
	private IoTDBTableProperties properties;

	@Autowired
	private IoTDBConnectionDetails connectionDetails;

	@BeforeAll
	static void useTheTestDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@DynamicPropertySource
	static void iotdb(DynamicPropertyRegistry registry) {
		registry.add("iotdb.table.node-urls", () -> database.cluster().nodeUrl());
		registry.add("iotdb.table.username", () -> database.cluster().username());
		registry.add("iotdb.table.password", () -> database.cluster().password());
		registry.add("iotdb.table.database", () -> database.name());
	}

	@Test
	void theAutoConfiguredTemplateUsesThePoolAndItsDatabase() {
		this.template.execute("CREATE TABLE IF NOT EXISTS readings (device STRING TAG, temperature DOUBLE FIELD)");
		Tablet tablet = Tablet.builder("readings").tag("device").field("temperature", DataType.DOUBLE).build();
		tablet.addRow(1_000L, "d1", 20.5);
		this.template.insert(tablet);
		assertThat(this.template.queryForObject("SELECT count(*) FROM readings", Long.class)).isEqualTo(1L);
		assertThat(this.template.getPool()).isSameAs(this.pool);
		assertThat(this.template.execute((SessionCallback<String>) (session) -> session.getDatabase()))
			.isEqualTo(database.name());
		assertThatExceptionOfType(BadSqlGrammarException.class)
			.isThrownBy(() -> this.template.execute("CREAT TABLE nope (a INT32 FIELD)"));
		assertThat(this.pool.getStats().active()).isZero();
		assertThat(this.listener.acquired.get()).as("the user's listener bean hears the pool")
			.isGreaterThanOrEqualTo(5);
	}

	@Test
	void poolMetricsAreInTheMeterRegistry() {
		for (int i = 0; i < 20; i++) {
			this.template.queryForList("SHOW DATABASES");
		}
		var acquire = this.meters.get("iotdb.table.pool.acquire").tag("pool", "template-it").timer();
		assertThat(acquire.count()).isGreaterThanOrEqualTo(20);
		assertThat(this.meters.get("iotdb.table.pool.usage").tag("pool", "template-it").timer().count())
			.isGreaterThanOrEqualTo(20);
		assertThat(this.meters.get("iotdb.table.pool.creation").tag("pool", "template-it").timer().count())
			.isPositive();
		assertThat(this.meters.get("iotdb.table.pool.sessions.max").tag("pool", "template-it").gauge().value())
			.isEqualTo(5);
		assertThat(this.meters.get("iotdb.table.pool.sessions")
			.tags("pool", "template-it", "state", "idle")
			.gauge()
			.value()).isPositive();
		assertThat(this.meters.get("iotdb.table.pool.sessions")
			.tags("pool", "template-it", "state", "active")
			.gauge()
			.value()).isZero();
		assertThat(this.meters.get("iotdb.table.pool.created").tag("pool", "template-it").functionCounter().count())
			.isPositive();
		assertThat(this.meters.get("iotdb.table.pool.timeouts").tag("pool", "template-it").functionCounter().count())
			.isZero();
		// bound to the same registry again: still one count per borrow
		this.poolsBinder.bindTo(this.meters);
		long before = acquire.count();
		for (int i = 0; i < 10; i++) {
			this.template.queryForList("SHOW DATABASES");
		}
		assertThat(acquire.count() - before).isEqualTo(10);
	}

	@Test
	void thePasswordIsHiddenInActuatorOutput() {
		var report = this.configprops.configurationProperties();
		Map<String, Object> properties = report.getContexts()
			.values()
			.stream()
			.flatMap((context) -> context.getBeans().values().stream())
			.filter((bean) -> "iotdb.table".equals(bean.getPrefix()))
			.findFirst()
			.orElseThrow()
			.getProperties();
		assertThat(properties.get("username")).as("values are shown in %s", properties).isEqualTo("root");
		assertThat(properties.get("password")).isEqualTo("******");
		assertThat(this.env.environmentEntry("iotdb.table.node-urls").getProperty().getValue())
			.isEqualTo(database.cluster().nodeUrl());
		assertThat(this.env.environmentEntry("iotdb.table.password").getProperty().getValue()).isEqualTo("******");
		String password = database.cluster().password();
		report.getContexts()
			.values()
			.stream()
			.flatMap((context) -> context.getBeans().values().stream())
			.forEach((bean) -> assertThat(bean.getProperties() + " " + bean.getInputs()).as(bean.getPrefix())
				.doesNotContain(password));
		this.env.environment(null)
			.getPropertySources()
			.forEach((source) -> source.getProperties()
				.forEach(
						(key, value) -> assertThat(String.valueOf(value.getValue())).as(key).doesNotContain(password)));
	}

	@Test
	void thePasswordIsInNoToStringOfTheBeans() {
		String password = database.cluster().password();
		assertThat(this.pool.getConfig().getSessionConfig().getPassword()).isEqualTo(password);
		for (Object bean : List.of(this.properties, this.connectionDetails, this.pool, this.pool.getConfig(),
				this.template)) {
			assertThat(bean.toString()).as(bean.getClass().getSimpleName()).doesNotContain(password);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		CountingListener countingListener() {
			return new CountingListener();
		}

	}

	/** A user's listener bean, which the auto-configured pool calls. */
	static final class CountingListener implements TableSessionPoolListener {

		private final AtomicInteger acquired = new AtomicInteger();

		@Override
		public void sessionAcquired(long waitNanos) {
			this.acquired.incrementAndGet();
		}

	}

}
