package io.github.iotdbtable.samples.sensors;

import java.util.ArrayList;
import java.util.List;

import io.github.iotdbtable.client.ColumnCategory;
import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.Tablet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code sample.demo=true}: the IoTDB table-session pool example, step by step
 * through the application's pool. Creates database {@code db1} with two tables, writes a
 * row tablet and a columnar tablet into each from two threads, queries both tables and
 * drops the database.
 */
@Component
@Order(1)
@ConditionalOnProperty("sample.demo")
public class SeedDemo implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(SeedDemo.class);

	private static final List<String> COLUMN_NAMES = List.of("id1", "attr1", "m1");

	private static final List<DataType> DATA_TYPES = List.of(DataType.STRING, DataType.STRING, DataType.DOUBLE);

	private static final List<ColumnCategory> COLUMN_TYPES = List.of(ColumnCategory.ID, ColumnCategory.ATTRIBUTE,
			ColumnCategory.MEASUREMENT);

	private final TableSessionPool pool;

	public SeedDemo(TableSessionPool pool) {
		this.pool = pool;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		run();
	}

	/**
	 * Runs the example.
	 * @return the rows read back from table0 and table1, as the example prints them
	 */
	public List<String> run() throws InterruptedException {
		prepareData();
		List<Throwable> failures = new ArrayList<>();
		Thread first = new Thread(() -> insertData(0), "demo-insert-0");
		Thread second = new Thread(() -> insertData(1), "demo-insert-1");
		for (Thread thread : List.of(first, second)) {
			thread.setUncaughtExceptionHandler((t, ex) -> failures.add(ex));
			thread.start();
		}
		first.join();
		second.join();
		if (!failures.isEmpty()) {
			throw new IllegalStateException("the demo's inserts failed", failures.get(0));
		}
		List<String> rows = queryData();
		deleteData();
		logger.info("The example is finished: {} rows read", rows.size());
		return rows;
	}

	private void prepareData() {
		try (TableSession session = this.pool.getSession()) {
			session.executeNonQueryStatement("CREATE DATABASE IF NOT EXISTS db1");
			session.executeNonQueryStatement("USE \"db1\"");
			session.executeNonQueryStatement(
					"CREATE TABLE table0 (id1 string tag, attr1 string attribute, m1 double field)");
			session.executeNonQueryStatement(
					"CREATE TABLE table1 (id1 string tag, attr1 string attribute, m1 double field)");
			try (SessionDataSet tables = session.executeQueryStatement("SHOW TABLES")) {
				while (tables.hasNext()) {
					logger.info("table {}", tables.next().getString(0));
				}
			}
		}
	}

	private void insertData(int number) {
		try (TableSession session = this.pool.getSession()) {
			session.executeNonQueryStatement("USE \"db1\"");
			List<List<Object>> values = new ArrayList<>();
			List<Long> timestamps = new ArrayList<>();
			for (int row = 0; row < 15; row++) {
				timestamps.add((long) row);
				values.add(List.of("id:" + row, "attr:" + row, row * 1.0));
			}
			session.insert(new Tablet("table" + number, COLUMN_NAMES, DATA_TYPES, values, timestamps, COLUMN_TYPES));
			session.executeNonQueryStatement("FLush");

			long[] npTimestamps = new long[15];
			String[] ids = new String[15];
			String[] attrs = new String[15];
			double[] m1 = new double[15];
			for (int i = 0; i < 15; i++) {
				npTimestamps[i] = 15L + i;
				ids[i] = "id:" + (15 + i);
				attrs[i] = "attr:" + (15 + i);
				m1[i] = 15.0 + i;
			}
			session.insert(new ColumnarTablet("table" + number, COLUMN_NAMES, DATA_TYPES, COLUMN_TYPES, npTimestamps,
					List.of(ids, attrs, m1), null));
		}
	}

	private List<String> queryData() {
		List<String> rows = new ArrayList<>();
		try (TableSession session = this.pool.getSession()) {
			session.executeNonQueryStatement("USE \"db1\"");
			for (String table : List.of("table0", "table1")) {
				try (SessionDataSet result = session.executeQueryStatement("select * from " + table)) {
					while (result.hasNext()) {
						Row row = result.next();
						String line = table + " " + row.values();
						logger.info(line);
						rows.add(line);
					}
				}
			}
		}
		return rows;
	}

	private void deleteData() {
		try (TableSession session = this.pool.getSession()) {
			session.executeNonQueryStatement("drop database db1");
			try (SessionDataSet databases = session.executeQueryStatement("show databases")) {
				while (databases.hasNext()) {
					logger.info("database {}", databases.next().getString(0));
				}
			}
		}
	}

}
