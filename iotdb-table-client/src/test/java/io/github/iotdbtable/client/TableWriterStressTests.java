package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.github.iotdbtable.client.pool.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads add, flush and close at once while sends fail at random, from fixed seeds:
 * every row attempted is written, handed to the failure handler, or refused to its
 * caller, exactly once, and the writer never holds more rows than its limit.
 */
class TableWriterStressTests {

	private static final int THREADS = 8;

	private static final int ROWS_PER_THREAD = 20_000;

	private static final int LIMIT = 400;

	private static final TableDefinition[] TABLES = {
			TableDefinition.builder("a").tag("device").field("id", DataType.INT64).build(),
			TableDefinition.builder("b").tag("device").field("id", DataType.INT64).build(),
			TableDefinition.builder("c").tag("device").field("id", DataType.INT64).build() };

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3 })
	void everyRowEndsOnceAndTheLimitHolds(long seed) throws Exception {
		int attempts = THREADS * ROWS_PER_THREAD;
		AtomicIntegerArray outcomes = new AtomicIntegerArray(attempts);
		AtomicInteger mostBuffered = new AtomicInteger();
		SplittableRandom sendRandom = new SplittableRandom(seed);
		TableWriter[] holder = new TableWriter[1];
		TableWriter.Sink sink = (batch) -> {
			mostBuffered.accumulateAndGet(holder[0].getStats().bufferedRows(), Math::max);
			boolean fail;
			synchronized (sendRandom) {
				fail = sendRandom.nextInt(5) == 0;
			}
			if (fail) {
				throw new IoTDBConnectionException("random failure");
			}
			assertThat(batch.toTablet(TimestampPrecision.MILLISECONDS).rowCount()).isEqualTo(batch.size());
			for (long id : idsOf(batch)) {
				outcomes.incrementAndGet((int) id);
			}
		};
		TableWriterConfig.Builder config = TableWriterConfig.builder()
			.batchSize(50)
			.maxBufferedRows(LIMIT)
			.maxBatchAge(Duration.ofMillis(1))
			.addTimeout(Duration.ofMillis(2))
			.senderThreads(2)
			.onFailure((rows, cause) -> {
				for (int row = 0; row < rows.rowCount(); row++) {
					outcomes.incrementAndGet((int) (long) (Long) rows.getValue(row, 1));
				}
			});
		for (TableDefinition table : TABLES) {
			config.table(table);
		}
		TableWriter writer = new TableWriter(config.build(), sink, Clock.SYSTEM, true);
		holder[0] = writer;
		ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
		CyclicBarrier start = new CyclicBarrier(THREADS + 1);
		AtomicInteger added = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		List<Future<?>> work = new ArrayList<>();
		try {
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				work.add(threads.submit(() -> {
					SplittableRandom random = new SplittableRandom(seed * 31 + thread);
					start.await();
					for (int i = 0; i < ROWS_PER_THREAD; i++) {
						int id = thread * ROWS_PER_THREAD + i;
						String table = TABLES[random.nextInt(TABLES.length)].getTable();
						try {
							if (random.nextBoolean()) {
								writer.add(table, id, "d" + thread, (long) id);
							}
							else {
								writer.add(table, id, (row) -> row.setString(0, "d" + thread).setLong(1, id));
							}
						}
						catch (WriterFullException | IllegalStateException ex) {
							refused.incrementAndGet();
							outcomes.incrementAndGet(id);
						}
						if (random.nextInt(2_000) == 0) {
							writer.flush();
						}
						added.incrementAndGet();
					}
					return null;
				}));
			}
			work.add(threads.submit(() -> {
				start.await();
				while (added.get() < attempts * 3 / 4) {
					Thread.onSpinWait();
				}
				writer.close();
				return null;
			}));
			for (Future<?> future : work) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
			writer.close();
		}
		TableWriterStats stats = writer.getStats();
		assertThat(stats.bufferedRows()).isZero();
		assertThat(mostBuffered.get()).isLessThanOrEqualTo(LIMIT);
		List<Integer> wrong = new ArrayList<>();
		for (int id = 0; id < attempts; id++) {
			if (outcomes.get(id) != 1) {
				wrong.add(id);
			}
		}
		assertThat(wrong).as("rows not ended exactly once").isEmpty();
		assertThat(stats.sentRows() + stats.failedRows() + refused.get()).isEqualTo(attempts);
		assertThat(stats.sentRows()).isPositive();
		assertThat(stats.failedRows()).isPositive();
	}

	private static long[] idsOf(WriterBatch batch) {
		Tablet rows = batch.toRows();
		long[] ids = new long[rows.rowCount()];
		for (int row = 0; row < ids.length; row++) {
			ids[row] = (Long) rows.getValue(row, 1);
		}
		return ids;
	}

}
