package io.github.iotdbtable.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableDefinition;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.client.TableWriterConfig;
import io.github.iotdbtable.client.TableWriterStats;
import io.github.iotdbtable.client.WriterFullException;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBNode;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TableWriter} while its only DataNode is killed and restarted: adds wait at the
 * limit and then fail clearly, the writer never holds more than its limit, every row it
 * took is either stored or handed to the failure handler, and it writes again once the
 * node is back.
 */
@IoTDBTest(isolated = true, properties = "wal_mode=SYNC")
class TableWriterKillIT {

	private static final int ADDERS = 4;

	private static final int LIMIT = 20_000;

	@BeforeAll
	static void createTable(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE writer_kill (adder STRING TAG, id INT64 FIELD)");
		}
	}

	@Test
	void killedWhileAddingNothingTakenIsLostAndNothingIsOverTheLimit(IoTDBCluster cluster, TestDatabase database)
			throws Exception {
		IoTDBNode node = cluster.dataNode(0);
		BitSet failed = new BitSet();
		List<Long> failedBatches = new ArrayList<>();
		AtomicInteger mostBuffered = new AtomicInteger();
		AtomicReference<WriterFullException> full = new AtomicReference<>();
		AtomicInteger refusedCount = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		ConcurrentHashMap<Integer, BitSet> takenPerAdder = new ConcurrentHashMap<>();
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().maxPoolSize(3).waitTimeout(Duration.ofSeconds(5)).build())) {
			TableWriter writer = new TableWriter(pool,
					TableWriterConfig.builder()
						.table(TableDefinition.builder("writer_kill").tag("adder").field("id", DataType.INT64).build())
						.batchSize(1_000)
						.maxBufferedRows(LIMIT)
						.maxBatchAge(Duration.ofMillis(100))
						.addTimeout(Duration.ofSeconds(1))
						.onFailure((rows, cause) -> {
							synchronized (failed) {
								failedBatches.add((long) rows.rowCount());
								for (int row = 0; row < rows.rowCount(); row++) {
									failed.set((int) (long) (Long) rows.getValue(row, 1));
								}
							}
						})
						.build());
			ExecutorService executor = Executors.newFixedThreadPool(ADDERS + 1);
			List<Future<?>> work = new ArrayList<>();
			AtomicInteger nextId = new AtomicInteger();
			for (int a = 0; a < ADDERS; a++) {
				int adder = a;
				BitSet taken = new BitSet();
				takenPerAdder.put(adder, taken);
				work.add(executor.submit(() -> {
					while (!stop.get()) {
						int id = nextId.getAndIncrement();
						try {
							writer.add("writer_kill", id, "a" + adder, (long) id);
							taken.set(id);
						}
						catch (WriterFullException ex) {
							full.compareAndSet(null, ex);
							refusedCount.incrementAndGet();
						}
					}
					return null;
				}));
			}
			work.add(executor.submit(() -> {
				while (!stop.get()) {
					mostBuffered.accumulateAndGet(writer.getStats().bufferedRows(), Math::max);
					Thread.onSpinWait();
				}
				return null;
			}));
			await(() -> writer.getStats().sentRows() >= 50_000, "rows written before the kill");
			node.kill();
			long sentAtKill = writer.getStats().sentRows();
			await(() -> full.get() != null && writer.getStats().failedRows() > 0, "adds refused and batches failed");
			node.start();
			long sentAtRestart = writer.getStats().sentRows();
			await(() -> writer.getStats().sentRows() >= sentAtRestart + 50_000, "rows written after the restart");
			stop.set(true);
			for (Future<?> future : work) {
				future.get(1, TimeUnit.MINUTES);
			}
			executor.shutdown();
			writer.close();
			TableWriterStats stats = writer.getStats();
			BitSet taken = new BitSet();
			takenPerAdder.values().forEach(taken::or);
			System.out.println("[reliability] TableWriterKillIT: attempted=" + nextId.get() + ", taken="
					+ taken.cardinality() + ", refused=" + refusedCount.get() + ", written before the kill="
					+ sentAtKill + ", most buffered=" + mostBuffered.get() + " (limit " + LIMIT + "), failed batches="
					+ failedBatches.size() + ", " + stats);
			System.out.println("[reliability] TableWriterKillIT: first refusal: " + full.get().getMessage());

			assertThat(full.get()).hasMessageContaining("maxBufferedRows").hasMessageContaining("writer_kill");
			assertThat(mostBuffered.get()).isLessThanOrEqualTo(LIMIT);
			assertThat(stats.bufferedRows()).isZero();
			assertThat(taken.cardinality() + refusedCount.get()).isEqualTo(nextId.get());
			assertThat(stats.sentRows() + stats.failedRows()).isEqualTo(taken.cardinality());
			BitSet intersection = (BitSet) failed.clone();
			intersection.andNot(taken);
			assertThat(intersection.isEmpty()).as("only taken rows reach the failure handler").isTrue();
			assertThat(failed.cardinality()).isEqualTo(stats.failedRows());
			BitSet acknowledged = (BitSet) taken.clone();
			acknowledged.andNot(failed);
			BitSet stored = stored(pool);
			BitSet missing = (BitSet) acknowledged.clone();
			missing.andNot(stored);
			assertThat(missing.cardinality()).as("written rows missing after the restart").isZero();
			BitSet storedAnyway = (BitSet) stored.clone();
			storedAnyway.and(failed);
			System.out.println("[reliability] TableWriterKillIT: stored=" + stored.cardinality()
					+ ", failed rows stored anyway=" + storedAnyway.cardinality());
		}
	}

	private static BitSet stored(TableSessionPool pool) {
		BitSet stored = new BitSet();
		try (TableSession session = pool.getSession();
				SessionDataSet rows = session.executeQueryStatement("SELECT id FROM writer_kill")) {
			while (rows.hasNext()) {
				stored.set((int) rows.next().getLong(0));
			}
		}
		return stored;
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			Thread.sleep(20);
		}
	}

}
