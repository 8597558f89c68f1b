package io.github.iotdbtable.client.it;

import java.util.ArrayList;
import java.util.List;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * DDL and DML through SQL, and the session's current database.
 */
@IoTDBTest
class StatementsIT {

	@Test
	void createsUsesAndDropsADatabase(IoTDBCluster cluster) {
		try (TableSession session = cluster.openSession()) {
			assertThat(session.getDatabase()).isNull();
			session.executeNonQueryStatement("CREATE DATABASE stmt_lifecycle");
			assertThat(column(session, "SHOW DATABASES", "Database")).contains("stmt_lifecycle");
			session.executeNonQueryStatement("USE stmt_lifecycle");
			assertThat(session.getDatabase()).isEqualTo("stmt_lifecycle");
			session.executeNonQueryStatement("DROP DATABASE stmt_lifecycle");
			assertThat(column(session, "SHOW DATABASES", "Database")).doesNotContain("stmt_lifecycle");
		}
	}

	@Test
	void createsATableWithEveryColumnCategoryAndDescribesIt(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement(
					"CREATE TABLE rooms (building STRING TAG, room STRING TAG, floor_plan STRING ATTRIBUTE, "
							+ "temperature DOUBLE FIELD, occupied BOOLEAN FIELD) WITH (TTL='INF')");
			assertThat(column(session, "SHOW TABLES", "TableName")).contains("rooms");
			List<String> description = new ArrayList<>();
			try (SessionDataSet rows = session.executeQueryStatement("DESC rooms")) {
				while (rows.hasNext()) {
					var row = rows.next();
					description.add(row.getString("ColumnName") + " " + row.getString("DataType") + " "
							+ row.getString("Category"));
				}
			}
			assertThat(description).containsExactly("time TIMESTAMP TIME", "building STRING TAG", "room STRING TAG",
					"floor_plan STRING ATTRIBUTE", "temperature DOUBLE FIELD", "occupied BOOLEAN FIELD");
		}
	}

	@Test
	void insertsQueriesAndDeletesWithSql(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE meter (id STRING TAG, kwh DOUBLE FIELD)");
			session.executeNonQueryStatement(
					"INSERT INTO meter (time, id, kwh) VALUES (1, 'm1', 1.5), (2, 'm1', 2.5), (3, 'm2', 4.0)");
			assertThat(column(session, "SELECT kwh FROM meter ORDER BY time", "kwh")).containsExactly("1.5", "2.5",
					"4.0");
			session.executeNonQueryStatement("DELETE FROM meter WHERE time <= 2");
			assertThat(column(session, "SELECT id FROM meter", "id")).containsExactly("m2");
		}
	}

	@Test
	void useSwitchesTheDatabaseOfLaterStatements(IoTDBCluster cluster) {
		try (TableSession session = cluster.openSession()) {
			for (String name : List.of("use_a", "use_b")) {
				session.executeNonQueryStatement("CREATE DATABASE IF NOT EXISTS " + name);
				session.executeNonQueryStatement("CREATE TABLE IF NOT EXISTS " + name + ".t (v STRING FIELD)");
				session.executeNonQueryStatement("INSERT INTO " + name + ".t (time, v) VALUES (1, '" + name + "')");
			}
			session.executeNonQueryStatement("USE use_a");
			assertThat(column(session, "SELECT v FROM t", "v")).containsExactly("use_a");
			session.executeNonQueryStatement("USE \"use_b\"");
			assertThat(session.getDatabase()).isEqualTo("use_b");
			assertThat(column(session, "SELECT v FROM t", "v")).containsExactly("use_b");
			session.executeNonQueryStatement("DROP DATABASE use_a");
			session.executeNonQueryStatement("DROP DATABASE use_b");
		}
	}

	@Test
	void aQueryThatRunsOutOfTimeFailsWithTheServersTimeoutCode(TestDatabase database) {
		int rows = 200_000;
		long[] times = new long[rows];
		String[] devices = new String[rows];
		double[] values = new double[rows];
		for (int i = 0; i < rows; i++) {
			times[i] = i;
			devices[i] = "dev" + (i % 50);
			values[i] = Math.sin(i);
		}
		try (TableSession session = database.openSession()) {
			session.insert(ColumnarTablet.builder("slow", times)
				.tag("device", devices)
				.field("value", DataType.DOUBLE, values)
				.build());
			assertThatExceptionOfType(StatementExecutionException.class).isThrownBy(() -> {
				try (SessionDataSet result = session.executeQueryStatement(
						"SELECT device, count(*), avg(value), stddev(value) FROM slow GROUP BY device ORDER BY device",
						1)) {
					while (result.hasNext()) {
						result.next();
					}
				}
			}).satisfies((ex) -> assertThat(ex.getStatusCode()).isIn(712, 720));
			assertThat(column(session, "SELECT count(*) FROM slow", "_col0")).containsExactly(String.valueOf(rows));
		}
	}

	static List<String> column(TableSession session, String sql, String column) {
		List<String> values = new ArrayList<>();
		try (SessionDataSet rows = session.executeQueryStatement(sql)) {
			while (rows.hasNext()) {
				values.add(rows.next().getString(column));
			}
		}
		return values;
	}

}
