package io.github.iotdbtable.client;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import io.github.iotdbtable.client.FakeDataNode.Request;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * TIMESTAMP values read as date-times of the session's time zone.
 */
class ZonedTimesTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** 2024-01-31T16:30:00.123Z, in the fake node's milliseconds. */
	private static final long MILLIS = Instant.parse("2024-01-31T16:30:00.123Z").toEpochMilli();

	@AutoClose
	private FakeDataNode node;

	@Test
	void timestampsReadInTheSessionsTimeZone() throws Exception {
		serve();
		try (TableSession session = TableSession.open(config(SHANGHAI));
				SessionDataSet rows = session.executeQueryStatement("SELECT ts, v FROM t")) {
			Row row = rows.next();
			// eight hours ahead of UTC: the next day
			assertThat(row.getLocalDateTime("ts")).isEqualTo(LocalDateTime.parse("2024-02-01T00:30:00.123"));
			assertThat(row.getLocalDateTime(0)).isEqualTo(row.getLocalDateTime("ts"));
			assertThat(row.getZonedDateTime("ts")).isEqualTo(Instant.ofEpochMilli(MILLIS).atZone(SHANGHAI));
			assertThat(row.getZonedDateTime(0).getZone()).isEqualTo(SHANGHAI);
			// getString shows the instant in UTC, whatever the session's zone
			assertThat(row.getString("ts")).isEqualTo("2024-01-31T16:30:00.123Z");

			Row empty = rows.next();
			assertThat(empty.getLocalDateTime("ts")).isNull();
			assertThat(empty.getZonedDateTime("ts")).isNull();
		}
		try (TableSession session = TableSession.open(config(ZoneId.of("UTC")));
				SessionDataSet rows = session.executeQueryStatement("SELECT ts, v FROM t")) {
			assertThat(rows.next().getLocalDateTime("ts")).isEqualTo(LocalDateTime.parse("2024-01-31T16:30:00.123"));
		}
	}

	@Test
	void aColumnOfAnotherTypeIsRefusedNamingIt() throws Exception {
		serve();
		try (TableSession session = TableSession.open(config(SHANGHAI));
				SessionDataSet rows = session.executeQueryStatement("SELECT ts, v FROM t")) {
			Row row = rows.next();
			assertThatIllegalArgumentException().isThrownBy(() -> row.getLocalDateTime("v"))
				.withMessage("column 'v' is INT64; getLocalDateTime reads TIMESTAMP");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getZonedDateTime(1))
				.withMessage("column 'v' is INT64; getZonedDateTime reads TIMESTAMP");
		}
	}

	/**
	 * Answers each query with columns {@code ts} TIMESTAMP and {@code v} INT64: a row of
	 * {@link #MILLIS} and 1, then a row of nulls.
	 */
	private void serve() throws Exception {
		ByteBuffer block = ByteBuffer.allocate(64);
		block.putInt(2).put(new byte[] { 8, 2 }).putInt(2).put(new byte[] { 2, 2, 2 });
		block.put((byte) 0).putLong(1).putLong(2);
		// the second row null in both columns
		block.put((byte) 1).put((byte) 0x40).putLong(MILLIS);
		block.put((byte) 1).put((byte) 0x40).putLong(1);
		block.flip();
		this.node = new FakeDataNode((connection) -> {
			connection.openSession(1);
			while (true) {
				Request request = connection.read();
				if (request.method().equals("executeQueryStatementV2")) {
					connection.answerQuery(request, 3, List.of("ts", "v"), List.of("TIMESTAMP", "INT64"), false, block);
				}
				else {
					connection.answerSuccess(request);
				}
			}
		});
	}

	private TableSessionConfig config(ZoneId zone) {
		return TableSessionConfig.builder()
			.nodeUrls(this.node.nodeUrl())
			.timeZone(zone)
			.readTimeout(Duration.ofSeconds(5))
			.build();
	}

}
