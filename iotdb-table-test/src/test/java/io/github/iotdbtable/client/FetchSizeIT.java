package io.github.iotdbtable.client;

import java.util.BitSet;

import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fetch size a data set is given applies to the pages the real server sends next. In
 * the client's package, to count a data set's fetches.
 */
@IoTDBTest
class FetchSizeIT {

	private static final int DEVICES = 10;

	private static final int ROWS = 5_000;

	private static final String QUERY = "SELECT v FROM paged";

	/**
	 * Rows of ten devices: the server scans a table device by device, and answers in at
	 * least one block per device.
	 */
	@BeforeAll
	static void insertRows(TestDatabase database) {
		long[] times = new long[ROWS];
		String[] devices = new String[ROWS];
		long[] values = new long[ROWS];
		for (int i = 0; i < ROWS; i++) {
			times[i] = i / DEVICES;
			devices[i] = "d" + (i % DEVICES);
			values[i] = i;
		}
		try (TableSession session = database.openSession()) {
			session.insert(ColumnarTablet.builder("paged", times)
				.tag("device", devices)
				.field("v", DataType.INT64, values)
				.build());
		}
	}

	@Test
	void aLargerFetchSizeSetOnTheDataSetBringsTheRestInOneFetch(TestDatabase database) {
		try (TableSession session = TableSession.open(database.sessionConfig().fetchSize(1).build())) {
			try (SessionDataSet rows = session.executeQueryStatement(QUERY)) {
				assertThat(rows.getFetchSize()).isEqualTo(1);
				assertThat(readAll(rows, new BitSet())).isEqualTo(ROWS);
				// a block per fetch, the first with the query's answer
				assertThat(rows.fetches()).as("fetches of size 1").isGreaterThanOrEqualTo(DEVICES - 1);
			}
			try (SessionDataSet rows = session.executeQueryStatement(QUERY)) {
				BitSet seen = new BitSet();
				seen.set((int) rows.next().getLong(0));
				rows.setFetchSize(1_000_000);
				assertThat(rows.getFetchSize()).isEqualTo(1_000_000);
				assertThat(1 + readAll(rows, seen)).isEqualTo(ROWS);
				assertThat(rows.fetches()).as("fetches after the size was raised").isEqualTo(1);
			}
		}
	}

	/** Reads the rest, checking that no value comes twice. */
	private static int readAll(SessionDataSet rows, BitSet seen) {
		int count = 0;
		while (rows.hasNext()) {
			int value = (int) rows.next().getLong(0);
			assertThat(seen.get(value)).as("value %d read twice", value).isFalse();
			seen.set(value);
			count++;
		}
		return count;
	}

}
