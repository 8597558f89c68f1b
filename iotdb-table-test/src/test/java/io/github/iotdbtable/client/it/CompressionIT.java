package io.github.iotdbtable.client.it;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code enableCompression} speaks the compact protocol, which a server with RPC
 * compression enabled expects.
 */
@IoTDBTest(properties = "dn_rpc_thrift_compression_enable=true")
class CompressionIT {

	@Test
	void writesAndReadsOverTheCompactProtocol(TestDatabase database) {
		int rows = 5_000;
		long[] times = new long[rows];
		String[] ids = new String[rows];
		double[] values = new double[rows];
		for (int i = 0; i < rows; i++) {
			times[i] = i;
			ids[i] = "c" + (i % 7);
			values[i] = i / 4.0;
		}
		try (TableSession session = TableSession
			.open(database.sessionConfig().enableCompression(true).fetchSize(700).build())) {
			session.insert(ColumnarTablet.builder("compact", times)
				.tag("id", ids)
				.field("value", DataType.DOUBLE, values)
				.build());
			try (SessionDataSet result = session
				.executeQueryStatement("SELECT time, value FROM compact ORDER BY time")) {
				int count = 0;
				while (result.hasNext()) {
					Row row = result.next();
					assertThat(row.getDouble("value")).isEqualTo(row.getLong("time") / 4.0);
					count++;
				}
				assertThat(count).isEqualTo(rows);
			}
		}
	}

}
