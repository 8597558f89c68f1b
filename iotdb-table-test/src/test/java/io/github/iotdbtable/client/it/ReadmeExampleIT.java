package io.github.iotdbtable.client.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client example of README.md, so that it keeps working as written.
 */
@IoTDBTest
class ReadmeExampleIT {

	@Test
	void theReadmeExampleWritesAndReadsBack(TestDatabase database) {
		TableSessionConfig config = database.sessionConfig().build();
		List<String> printed = new ArrayList<>();
		try (TableSession session = TableSession.open(config)) {
			session.executeNonQueryStatement("CREATE TABLE IF NOT EXISTS sensors "
					+ "(device STRING TAG, site STRING ATTRIBUTE, temperature DOUBLE FIELD)");

			Tablet tablet = Tablet.builder("sensors")
				.tag("device")
				.attribute("site")
				.field("temperature", DataType.DOUBLE)
				.build();
			tablet.addRow(Instant.now(), "d1", "north", 21.5);
			tablet.addRow(Instant.now().plusSeconds(1), "d1", "north", null);
			session.insert(tablet);

			long[] times = { 1_000, 2_000, 3_000 };
			session.insert(ColumnarTablet.builder("sensors", times)
				.tag("device", new String[] { "d2", "d2", "d2" })
				.attribute("site", new String[] { "south", "south", "south" })
				.field("temperature", DataType.DOUBLE, new double[] { 19.0, 19.5, 20.1 })
				.build());

			try (SessionDataSet rows = session.executeQueryStatement(
					"SELECT time, device, temperature FROM sensors WHERE device = 'd2' ORDER BY time")) {
				while (rows.hasNext()) {
					Row row = rows.next();
					printed.add(row.getTimestamp("time") + " " + row.getString("device") + " "
							+ (row.isNull("temperature") ? "-" : row.getDouble("temperature")));
				}
			}
			try (SessionDataSet rows = session
				.executeQueryStatement("SELECT count(*) FROM sensors WHERE device = 'd1' AND temperature IS NULL")) {
				assertThat(rows.next().getLong(0)).isEqualTo(1);
			}
		}
		assertThat(printed).containsExactly("1970-01-01T00:00:01Z d2 19.0", "1970-01-01T00:00:02Z d2 19.5",
				"1970-01-01T00:00:03Z d2 20.1");
	}

}
