package io.github.iotdbtable.client.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.iotdbtable.client.ColumnCategory;
import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed API's example, step by step: a database with two tables, two threads each
 * writing a row tablet, a flush and a columnar tablet into its table, then both tables
 * queried and the database dropped.
 */
@IoTDBTest
class SeedExampleIT {

	static final List<String> COLUMN_NAMES = List.of("id1", "attr1", "m1");

	static final List<DataType> DATA_TYPES = List.of(DataType.STRING, DataType.STRING, DataType.DOUBLE);

	// the seed spells the categories ID and MEASUREMENT: accepted as aliases of TAG and
	// FIELD
	static final List<ColumnCategory> COLUMN_TYPES = List.of(ColumnCategory.ID, ColumnCategory.ATTRIBUTE,
			ColumnCategory.MEASUREMENT);

	@Test
	void runsTheSeedExample(IoTDBCluster cluster) throws Exception {
		TableSessionConfig config = cluster.sessionConfig().database("seed_db1").fetchSize(1024).build();
		try (TableSession session = cluster.openSession()) {
			session.executeNonQueryStatement("CREATE DATABASE IF NOT EXISTS seed_db1");
			session.executeNonQueryStatement("USE \"seed_db1\"");
			for (String table : List.of("table0", "table1")) {
				session.executeNonQueryStatement(
						"CREATE TABLE " + table + " (id1 string tag, attr1 string attribute, m1 double field)");
			}
			assertThat(StatementsIT.column(session, "SHOW TABLES", "TableName")).containsExactlyInAnyOrder("table0",
					"table1");
		}

		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int table = 0; table < 2; table++) {
				int number = table;
				writers.add(threads.submit(() -> {
					try (TableSession session = TableSession.open(config)) {
						insertData(session, number);
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get();
			}
		}
		finally {
			threads.shutdown();
		}

		try (TableSession session = TableSession.open(config)) {
			for (String table : List.of("table0", "table1")) {
				try (SessionDataSet rows = session.executeQueryStatement("select * from " + table)) {
					assertThat(rows.getColumnNames()).containsExactly("time", "id1", "attr1", "m1");
					int count = 0;
					while (rows.hasNext()) {
						Row row = rows.next();
						long time = row.getLong("time");
						assertThat(row.getString("id1")).isEqualTo("id:" + time);
						assertThat(row.getString("attr1")).isEqualTo("attr:" + time);
						assertThat(row.getDouble("m1")).isEqualTo(time * 1.0);
						count++;
					}
					assertThat(count).as("rows of %s", table).isEqualTo(30);
				}
			}
			session.executeNonQueryStatement("drop database seed_db1");
			assertThat(StatementsIT.column(session, "show databases", "Database")).doesNotContain("seed_db1");
		}
	}

	/**
	 * The seed's insert_data: a row tablet, a flush, then a columnar tablet into
	 * table{number}.
	 */
	static void insertData(TableSession session, int number) {
		List<List<Object>> values = new ArrayList<>();
		List<Long> timestamps = new ArrayList<>();
		for (int row = 0; row < 15; row++) {
			timestamps.add((long) row);
			values.add(List.of("id:" + row, "attr:" + row, row * 1.0));
		}
		Tablet tablet = new Tablet("table" + number, COLUMN_NAMES, DATA_TYPES, values, timestamps, COLUMN_TYPES);
		session.insert(tablet);
		session.executeNonQueryStatement("FLush");

		long[] npTimestamps = new long[15];
		String[] ids = new String[15];
		String[] attrs = new String[15];
		double[] m1 = new double[15];
		for (int i = 0; i < 15; i++) {
			npTimestamps[i] = 15 + i;
			ids[i] = "id:" + (15 + i);
			attrs[i] = "attr:" + (15 + i);
			m1[i] = 15.0 + i;
		}
		ColumnarTablet npTablet = new ColumnarTablet("table" + number, COLUMN_NAMES, DATA_TYPES, COLUMN_TYPES,
				npTimestamps, List.of(ids, attrs, m1), null);
		session.insert(npTablet);
	}

}
