package io.github.iotdbtable.client.it;

import java.util.BitSet;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Big tablets and results larger than the fetch size.
 */
@IoTDBTest
class LargeResultsIT {

	@Test
	void insertsOneHundredThousandRowsInOneColumnarTablet(TestDatabase database) {
		int rows = 100_000;
		long[] times = new long[rows];
		String[] devices = new String[rows];
		double[] values = new double[rows];
		long[] counters = new long[rows];
		for (int i = 0; i < rows; i++) {
			times[i] = i;
			devices[i] = "d" + (i % 4);
			values[i] = i * 0.5;
			counters[i] = i;
		}
		ColumnarTablet tablet = ColumnarTablet.builder("big", times)
			.tag("device", devices)
			.field("value", DataType.DOUBLE, values)
			.field("counter", DataType.INT64, counters)
			.build();
		try (TableSession session = database.openSession()) {
			session.insert(tablet);
			try (SessionDataSet result = session
				.executeQueryStatement("SELECT count(*), sum(counter), min(time), max(time) FROM big")) {
				Row row = result.next();
				assertThat(row.getLong(0)).isEqualTo(rows);
				assertThat(row.getDouble(1)).isEqualTo((double) rows * (rows - 1) / 2);
				assertThat(row.getTimestamp(2).toEpochMilli()).isZero();
				assertThat(row.getTimestamp(3).toEpochMilli()).isEqualTo(rows - 1);
			}
		}
	}

	@Test
	void insertsOneHundredThousandRowsInOneRowTablet(TestDatabase database) {
		int rows = 100_000;
		Tablet tablet = Tablet.builder("big_rows")
			.tag("device")
			.field("value", DataType.INT32)
			.initialCapacity(rows)
			.build();
		for (int i = 0; i < rows; i++) {
			tablet.addRow(i, "d" + (i % 3), i);
		}
		try (TableSession session = database.openSession()) {
			session.insert(tablet);
			try (SessionDataSet result = session
				.executeQueryStatement("SELECT count(value), sum(value) FROM big_rows")) {
				Row row = result.next();
				assertThat(row.getLong(0)).isEqualTo(rows);
				assertThat(row.getDouble(1)).isEqualTo((double) rows * (rows - 1) / 2);
			}
		}
	}

	@Test
	void readsEveryRowOnceWhenTheResultSpansManyFetches(TestDatabase database) {
		int rows = 25_000;
		long[] times = new long[rows];
		String[] devices = new String[rows];
		int[] values = new int[rows];
		for (int i = 0; i < rows; i++) {
			times[i] = 1_000L + i;
			devices[i] = "only";
			values[i] = i;
		}
		try (TableSession writer = database.openSession()) {
			writer.insert(ColumnarTablet.builder("paged", times)
				.tag("device", devices)
				.field("value", DataType.INT32, values)
				.build());
		}
		try (TableSession session = TableSession.open(database.sessionConfig().fetchSize(1_000).build());
				SessionDataSet result = session.executeQueryStatement("SELECT time, device, value FROM paged")) {
			BitSet seen = new BitSet(rows);
			int count = 0;
			while (result.hasNext()) {
				Row row = result.next();
				int value = row.getInt("value");
				assertThat(seen.get(value)).as("row %d read twice", value).isFalse();
				seen.set(value);
				assertThat(row.getLong("time")).isEqualTo(1_000L + value);
				assertThat(row.getString("device")).isEqualTo("only");
				count++;
			}
			assertThat(count).isEqualTo(rows);
			assertThat(seen.cardinality()).isEqualTo(rows);
			assertThat(result.hasNext()).isFalse();
		}
	}

}
