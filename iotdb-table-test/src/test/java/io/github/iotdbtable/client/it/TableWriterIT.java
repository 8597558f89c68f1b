package io.github.iotdbtable.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableDefinition;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.client.TableWriterConfig;
import io.github.iotdbtable.client.TableWriterStats;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TableWriter} against a real server: single rows from many threads arrive, all of
 * them, in batches.
 */
@IoTDBTest
class TableWriterIT {

	private static final TableDefinition READINGS = TableDefinition.builder("writer_readings")
		.tag("device")
		.field("seq", DataType.INT64)
		.field("temperature", DataType.DOUBLE)
		.build();

	@BeforeAll
	static void createTables(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement(
					"CREATE TABLE writer_readings (device STRING TAG, seq INT64 FIELD, temperature DOUBLE FIELD)");
			session.executeNonQueryStatement("CREATE TABLE writer_closing (device STRING TAG, v INT32 FIELD)");
		}
	}

	@Test
	void eightThreadsOfSingleRowsArriveEveryOne(TestDatabase database) throws Exception {
		int threads = 8;
		int rowsPerThread = 100_000;
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(4).build())) {
			TableWriter writer = new TableWriter(pool,
					TableWriterConfig.builder().table(READINGS).batchSize(10_000).maxBufferedRows(100_000).build());
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			long start = System.nanoTime();
			List<Future<?>> work = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String device = "d" + t;
				boolean typed = t % 2 == 0;
				work.add(executor.submit(() -> {
					for (int i = 0; i < rowsPerThread; i++) {
						long seq = i;
						if (typed) {
							writer.add("writer_readings", seq,
									(row) -> row.setString(0, device).setLong(1, seq).setDouble(2, seq / 10.0));
						}
						else {
							writer.add("writer_readings", seq, device, seq, seq / 10.0);
						}
					}
					return null;
				}));
			}
			for (Future<?> future : work) {
				future.get(5, TimeUnit.MINUTES);
			}
			writer.close();
			long nanos = System.nanoTime() - start;
			executor.shutdown();
			TableWriterStats stats = writer.getStats();
			System.out.println("[writer] " + threads + " x " + rowsPerThread + " single-row adds written in "
					+ TimeUnit.NANOSECONDS.toMillis(nanos) + " ms (" + (long) (threads * rowsPerThread * 1e9 / nanos)
					+ " rows/s), " + stats);
			assertThat(stats.sentRows()).isEqualTo((long) threads * rowsPerThread);
			assertThat(stats.failedRows()).isZero();
			try (TableSession session = pool.getSession();
					SessionDataSet rows = session.executeQueryStatement("SELECT device, count(seq), sum(seq),"
							+ " count(temperature) FROM writer_readings GROUP BY device")) {
				Map<String, long[]> perDevice = new HashMap<>();
				while (rows.hasNext()) {
					Row row = rows.next();
					perDevice.put(row.getString(0),
							new long[] { row.getLong(1), (long) row.getDouble(2), row.getLong(3) });
				}
				assertThat(perDevice).hasSize(threads);
				long sum = (long) rowsPerThread * (rowsPerThread - 1) / 2;
				perDevice.forEach((device, counts) -> assertThat(counts).as(device)
					.containsExactly(rowsPerThread, sum, rowsPerThread));
			}
		}
	}

	@Test
	void closeSendsWhatIsBufferedBeforeTheBatchIsFullOrOld(TestDatabase database) {
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().build())) {
			TableWriter writer = new TableWriter(pool, TableWriterConfig.builder()
				.table(TableDefinition.builder("writer_closing").tag("device").field("v", DataType.INT32).build())
				.batchSize(1_000)
				.maxBatchAge(Duration.ofHours(1))
				.build());
			for (int i = 0; i < 10; i++) {
				writer.add("writer_closing", i, "d", i);
			}
			assertThat(writer.getStats().bufferedRows()).isEqualTo(10);
			writer.close();
			assertThat(writer.getStats().sentRows()).isEqualTo(10);
			try (TableSession session = pool.getSession();
					SessionDataSet rows = session.executeQueryStatement("SELECT count(v) FROM writer_closing")) {
				assertThat(rows.next().getLong(0)).isEqualTo(10);
			}
		}
	}

}
