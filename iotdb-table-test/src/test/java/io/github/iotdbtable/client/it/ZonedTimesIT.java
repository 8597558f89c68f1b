package io.github.iotdbtable.client.it;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Times written as instants read back as date-times of the session's time zone, exactly,
 * from the real server.
 */
@IoTDBTest
class ZonedTimesIT {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final Instant LATE_EVENING_UTC = Instant.parse("2024-01-31T16:30:00.123Z");

	private static final Instant NOON_UTC = Instant.parse("2024-07-01T12:00:00.007Z");

	@BeforeAll
	static void writeKnownInstants(TestDatabase database) {
		Tablet tablet = Tablet.builder("zoned")
			.tag("device")
			.field("ts", DataType.TIMESTAMP)
			.field("v", DataType.INT64)
			.build();
		tablet.addRow(LATE_EVENING_UTC, "d1", NOON_UTC, 1L);
		tablet.addRow(NOON_UTC, "d1", null, 2L);
		try (TableSession session = TableSession.open(database.sessionConfig().timeZone(SHANGHAI).build())) {
			session.insert(tablet);
			// a time without offset is taken in the session's zone by the server
			session.executeNonQueryStatement(
					"INSERT INTO zoned (time, device, ts, v) VALUES (2024-03-01T08:00:00.500, 'd2', 0, 3)");
		}
	}

	@Test
	void timestampsReadInTheSessionsTimeZone(TestDatabase database) {
		try (TableSession session = TableSession.open(database.sessionConfig().timeZone(SHANGHAI).build());
				SessionDataSet rows = session
					.executeQueryStatement("SELECT time, ts, v FROM zoned WHERE device = 'd1' ORDER BY time")) {
			Row row = rows.next();
			assertThat(row.getLocalDateTime("time")).isEqualTo(LocalDateTime.parse("2024-02-01T00:30:00.123"));
			assertThat(row.getZonedDateTime("time")).isEqualTo(LATE_EVENING_UTC.atZone(SHANGHAI));
			assertThat(row.getLocalDateTime("ts")).isEqualTo(LocalDateTime.parse("2024-07-01T20:00:00.007"));
			assertThat(row.getZonedDateTime(1)).isEqualTo(NOON_UTC.atZone(SHANGHAI));
			// getString gives the instant in UTC, whatever the session's zone
			assertThat(row.getString("time")).isEqualTo("2024-01-31T16:30:00.123Z");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getLocalDateTime("v"))
				.withMessage("column 'v' is INT64; getLocalDateTime reads TIMESTAMP");

			Row second = rows.next();
			assertThat(second.getZonedDateTime("time")).isEqualTo(NOON_UTC.atZone(SHANGHAI));
			assertThat(second.getLocalDateTime("ts")).isNull();
			assertThat(second.getZonedDateTime("ts")).isNull();
		}
	}

	@Test
	void theSameInstantReadsInTheZoneOfEachSession(TestDatabase database) {
		try (TableSession session = TableSession.open(database.sessionConfig().timeZone(ZoneOffset.UTC).build());
				SessionDataSet rows = session
					.executeQueryStatement("SELECT time FROM zoned WHERE device = 'd1' ORDER BY time LIMIT 1")) {
			Row row = rows.next();
			assertThat(row.getLocalDateTime(0)).isEqualTo(LocalDateTime.parse("2024-01-31T16:30:00.123"));
			assertThat(row.getZonedDateTime(0).toInstant()).isEqualTo(LATE_EVENING_UTC);
		}
	}

	@Test
	void aTimeTheServerParsedInTheSessionsZoneReadsBackAsWritten(TestDatabase database) {
		try (TableSession session = TableSession.open(database.sessionConfig().timeZone(SHANGHAI).build());
				SessionDataSet rows = session.executeQueryStatement("SELECT time FROM zoned WHERE device = 'd2'")) {
			Row row = rows.next();
			assertThat(row.getLocalDateTime("time")).isEqualTo(LocalDateTime.parse("2024-03-01T08:00:00.500"));
			assertThat(row.getTimestamp("time")).isEqualTo(Instant.parse("2024-03-01T00:00:00.500Z"));
		}
	}

}
