package io.github.iotdbtable.client.it;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.test.TestDatabase;

/**
 * A table {@code numbers} of one device {@code s} whose field {@code v} counts from 0, as
 * its time does.
 */
final class Numbers {

	private Numbers() {
	}

	static void insert(TestDatabase database, int rows) {
		long[] times = new long[rows];
		String[] ids = new String[rows];
		long[] values = new long[rows];
		for (int i = 0; i < rows; i++) {
			times[i] = i;
			ids[i] = "s";
			values[i] = i;
		}
		try (TableSession session = database.openSession()) {
			session.insert(
					ColumnarTablet.builder("numbers", times).tag("id", ids).field("v", DataType.INT64, values).build());
		}
	}

}
