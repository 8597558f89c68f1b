package io.github.iotdbtable.spring.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.spring.core.BadSqlGrammarException;
import io.github.iotdbtable.spring.core.SessionCallback;
import io.github.iotdbtable.spring.core.TableTemplate;
import io.github.iotdbtable.spring.core.TabletMapper;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TableTemplate} on a plain pool against a real IoTDB, without Spring Boot: a
 * round trip through every operation and the translation of each kind of failure.
 */
@IoTDBTest
class TableTemplateIT {

	static final String WRONG_PASSWORD = "not-the-password";

	private static TestDatabase database;

	private static TableSessionPool pool;

	private static TableTemplate template;

	@BeforeAll
	static void openThePool(TestDatabase testDatabase) {
		database = testDatabase;
		pool = new TableSessionPool(testDatabase.poolConfig().poolName("template-it").build());
		template = new TableTemplate(pool);
	}

	@AfterAll
	static void closeThePool() {
		pool.close();
	}

	@Test
	void writesAndReadsThroughEveryOperation() {
		template.execute("CREATE TABLE IF NOT EXISTS readings (device STRING TAG, temperature DOUBLE FIELD)");
		Tablet tablet = Tablet.builder("readings").tag("device").field("temperature", DataType.DOUBLE).build();
		tablet.addRow(1_000L, "d1", 20.5);
		tablet.addRow(2_000L, "d1", 21.0);
		template.insert(tablet);
		template.insert(ColumnarTablet.builder("readings", new long[] { 3_000 })
			.tag("device", new String[] { "d1" })
			.field("temperature", DataType.DOUBLE, new double[] { 21.5 })
			.build());
		List<Reading> more = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			more.add(new Reading(Instant.ofEpochSecond(10 + i), "d2", i));
		}
		TabletMapper<Reading> mapper = TabletMapper.<Reading>forTable("readings")
			.time(Reading::at)
			.tag("device", Reading::device)
			.field("temperature", DataType.DOUBLE, Reading::temperature)
			.batchSize(10)
			.build();
		assertThat(template.insert(more, mapper)).isEqualTo(25);

		List<Reading> d1 = template.query(
				"SELECT time, device, temperature FROM readings WHERE device = 'd1' ORDER BY time",
				(row, rowNumber) -> new Reading(row.getTimestamp("time"), row.getString("device"),
						row.getDouble("temperature")));
		assertThat(d1).extracting(Reading::temperature).containsExactly(20.5, 21.0, 21.5);
		assertThat(template.queryForObject("SELECT count(*) FROM readings", Long.class)).isEqualTo(28L);
		assertThat(template.queryForObject("SELECT max(temperature) FROM readings WHERE device = 'd2'", Double.class))
			.isEqualTo(24.0);
		List<Map<String, Object>> rows = template
			.queryForList("SELECT time, temperature FROM readings WHERE device = 'd1' ORDER BY time LIMIT 1");
		assertThat(rows).containsExactly(Map.of("time", Instant.ofEpochSecond(1), "temperature", 20.5));
		double[] sum = { 0 };
		template.query("SELECT temperature FROM readings WHERE device = 'd2'",
				(io.github.iotdbtable.spring.core.RowCallbackHandler) (row) -> sum[0] += row.getDouble(0));
		assertThat(sum[0]).isEqualTo(300.0);
		int count = template.query("SELECT * FROM readings",
				(io.github.iotdbtable.spring.core.DataSetExtractor<Integer>) this::count);
		assertThat(count).isEqualTo(28);
		try (Stream<String> devices = template.queryForStream("SELECT device FROM readings ORDER BY time",
				(row, rowNumber) -> row.getString(0))) {
			assertThat(devices.limit(2)).containsExactly("d1", "d1");
		}
		assertThat(pool.getStats().active()).as("every session given back").isZero();
		List<String> all = template
			.queryForStream("SELECT device FROM readings ORDER BY time", (row, rowNumber) -> row.getString(0))
			.toList();
		assertThat(all).hasSize(template.queryForObject("SELECT count(*) FROM readings", Long.class).intValue());
		assertThat(pool.getStats().active()).as("a stream read to its end, never closed, gives its session back")
			.isZero();
		assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
			.isThrownBy(() -> template.queryForObject("SELECT temperature FROM readings", Double.class));
		String current = template.execute((SessionCallback<String>) (session) -> session.getDatabase());
		assertThat(current).isEqualTo(database.name());
	}

	@Test
	void translatesEachKindOfFailure() {
		assertThatExceptionOfType(BadSqlGrammarException.class)
			.isThrownBy(() -> template.execute("CREAT TABLE nope (a INT32 FIELD)"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(700))
			.withMessageContaining("CREAT TABLE nope");
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class)
			.isThrownBy(() -> template.queryForList("SELECT * FROM no_such_table"))
			.withMessageContaining("550");
		template.execute("CREATE TABLE IF NOT EXISTS slow (device STRING TAG, value DOUBLE FIELD)");
		int rows = 200_000;
		long[] times = new long[rows];
		String[] devices = new String[rows];
		double[] values = new double[rows];
		for (int i = 0; i < rows; i++) {
			times[i] = i;
			devices[i] = "dev" + (i % 50);
			values[i] = Math.sin(i);
		}
		template.insert(ColumnarTablet.builder("slow", times)
			.tag("device", devices)
			.field("value", DataType.DOUBLE, values)
			.build());
		assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(() -> template.execute((session) -> {
			try (SessionDataSet result = session.executeQueryStatement(
					"SELECT device, count(*), avg(value), stddev(value) FROM slow GROUP BY device ORDER BY device",
					1)) {
				return count(result);
			}
		}));
		TabletMapper<Reading> wrongType = TabletMapper.<Reading>forTable("readings")
			.time(Reading::at)
			.field("temperature", DataType.FLOAT, Reading::temperature)
			.build();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> template.insert(List.of(new Reading(Instant.EPOCH, "d", 1.0)), wrongType))
			.withMessageContaining("temperature");
		assertThat(pool.getStats().active()).isZero();
	}

	@Test
	void translatesLoginConnectionAndPoolFailures() {
		TableSessionPoolConfig.Builder base = database.poolConfig();
		try (TableSessionPool wrongPassword = new TableSessionPool(base.password(WRONG_PASSWORD).build())) {
			assertThatExceptionOfType(PermissionDeniedDataAccessException.class)
				.isThrownBy(() -> new TableTemplate(wrongPassword).execute("FLUSH"))
				.withMessageContaining("801")
				.withMessageNotContaining(WRONG_PASSWORD);
		}
		try (TableSessionPool unreachable = new TableSessionPool(
				TableSessionPoolConfig.builder().nodeUrls("127.0.0.1:1").maxRetry(0).build())) {
			assertThatExceptionOfType(DataAccessResourceFailureException.class)
				.isThrownBy(() -> new TableTemplate(unreachable).execute("FLUSH"));
		}
		try (TableSessionPool single = new TableSessionPool(base.password(database.cluster().password())
			.maxPoolSize(1)
			.waitTimeout(java.time.Duration.ofMillis(200))
			.build())) {
			TableTemplate template = new TableTemplate(single);
			assertThatExceptionOfType(TransientDataAccessResourceException.class)
				.isThrownBy(() -> template.execute((session) -> template.execute((nested) -> null)))
				.withMessageContaining("no free session");
		}
	}

	private int count(SessionDataSet rows) {
		int count = 0;
		while (rows.hasNext()) {
			rows.next();
			count++;
		}
		return count;
	}

	record Reading(Instant at, String device, double temperature) {
	}

}
