package io.github.iotdbtable.spring.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.client.TableWriterConfig;
import io.github.iotdbtable.client.Tablet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A mapper adds objects through a {@link TableWriter}, declaring its table: against a
 * node that cannot be reached, the rows reach the failure handler as the mapper made
 * them.
 */
class TabletMapperWriterTests {

	record Reading(Instant at, String device, Double temperature) {
	}

	private static final TabletMapper<Reading> READINGS = TabletMapper.<Reading>forTable("readings")
		.time(Reading::at)
		.tag("device", Reading::device)
		.field("temperature", DataType.DOUBLE, Reading::temperature)
		.build();

	@Test
	void objectsGoThroughTheWriterAsTheMapperMapsThem() {
		List<Tablet> failed = new CopyOnWriteArrayList<>();
		try (TableSessionPool pool = new TableSessionPool(TableSessionPoolConfig.builder()
			.nodeUrls("127.0.0.1:1")
			.connectTimeout(Duration.ofMillis(200))
			.waitTimeout(Duration.ofSeconds(2))
			.maxRetry(0)
			.build())) {
			TableWriter writer = new TableWriter(pool,
					TableWriterConfig.builder().onFailure((rows, cause) -> failed.add(rows)).build());
			READINGS.add(writer, new Reading(Instant.ofEpochMilli(5), "d1", 21.5));
			READINGS.add(writer, new Reading(Instant.ofEpochMilli(6), "d2", null));
			assertThat(READINGS.getDefinition().getColumnNames()).containsExactly("device", "temperature");
			assertThatIllegalArgumentException().isThrownBy(() -> READINGS.add(writer, new Reading(null, "d3", 1.0)))
				.withMessageContaining("table 'readings' has no time");
			writer.close();
		}
		assertThat(failed).hasSize(1);
		Tablet rows = failed.get(0);
		assertThat(rows.rowCount()).isEqualTo(2);
		assertThat(rows.getTimestamp(0)).isEqualTo(Instant.ofEpochMilli(5));
		assertThat(rows.getValue(0, 0)).isEqualTo("d1");
		assertThat(rows.getValue(0, 1)).isEqualTo(21.5);
		assertThat(rows.getValue(1, 1)).isNull();
	}

}
