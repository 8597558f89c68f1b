package io.github.iotdbtable.client.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writer threads inserting numbered batches through a pool. Every batch is attempted once
 * and ends as exactly one of acknowledged (the insert returned) or failed (it threw an
 * {@link IoTDBException}); anything else thrown is kept as unexpected. Batch {@code b}
 * holds the rows at times {@code b * ROWS} to {@code b * ROWS + ROWS - 1}, whose values
 * derive from the time, so a stored row can be checked.
 */
final class BatchIngest implements AutoCloseable {

	static final String TABLE = "CREATE TABLE batches (writer STRING TAG, batch INT64 FIELD, v DOUBLE FIELD)";

	static final int ROWS = 100;

	final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

	final Set<Long> failed = ConcurrentHashMap.newKeySet();

	final AtomicLong attempted = new AtomicLong();

	final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

	/** The failures by exception type and message start, for the report. */
	final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

	final AtomicLong reads = new AtomicLong();

	final AtomicLong readsAnswered = new AtomicLong();

	final AtomicLong readsFailed = new AtomicLong();

	/** Reads of an acknowledged batch that did not find all its rows. */
	final Queue<String> incompleteReads = new ConcurrentLinkedQueue<>();

	private final AtomicLong latestAcknowledged = new AtomicLong(-1);

	private final AtomicLong nextBatch = new AtomicLong();

	private final AtomicBoolean stop = new AtomicBoolean();

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * Starts the writers.
	 * @param pool the pool they borrow from, once per batch
	 * @param writers the number of threads
	 */
	static BatchIngest start(TableSessionPool pool, int writers) {
		BatchIngest ingest = new BatchIngest();
		for (int w = 0; w < writers; w++) {
			String writer = "w" + w;
			ingest.spawn(writer, () -> ingest.write(pool, writer));
		}
		return ingest;
	}

	/**
	 * Adds reader threads, each reading an acknowledged batch back again and again.
	 * @param pool the pool they borrow from, once per query
	 * @param readers the number of threads
	 */
	void startReaders(TableSessionPool pool, int readers) {
		for (int r = 0; r < readers; r++) {
			spawn("r" + r, () -> read(pool));
		}
	}

	/**
	 * The id the next batch attempted will get: every batch attempted later has this id
	 * or a higher one.
	 */
	long nextBatchId() {
		return this.nextBatch.get();
	}

	void spawn(String name, Runnable loop) {
		Thread thread = new Thread(() -> {
			while (!this.stop.get()) {
				try {
					loop.run();
				}
				catch (RuntimeException | Error ex) {
					this.unexpected.add(ex);
				}
			}
		}, "ingest-" + name);
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
	}

	private void write(TableSessionPool pool, String writer) {
		long batch = this.nextBatch.getAndIncrement();
		this.attempted.incrementAndGet();
		try (TableSession session = pool.getSession()) {
			session.insert(batch(writer, batch));
			this.acknowledged.add(batch);
			this.latestAcknowledged.accumulateAndGet(batch, Math::max);
		}
		catch (IoTDBException ex) {
			this.failed.add(batch);
			count(ex);
			// as an application would, rather than spin while no node can be reached
			DataNodeKillIT.sleep(50);
		}
	}

	private void read(TableSessionPool pool) {
		// the latest batch acknowledged: the one most likely to be missing from a replica
		long batch = this.latestAcknowledged.get();
		if (batch < 0) {
			DataNodeKillIT.sleep(10);
			return;
		}
		this.reads.incrementAndGet();
		try (TableSession session = pool.getSession();
				SessionDataSet rows = session.executeQueryStatement("SELECT count(*) FROM batches WHERE time >= "
						+ batch * ROWS + " AND time < " + (batch + 1) * ROWS)) {
			long count = rows.next().getLong(0);
			this.readsAnswered.incrementAndGet();
			if (count != ROWS) {
				this.incompleteReads.add("batch " + batch + ": " + count + " rows");
			}
		}
		catch (IoTDBException ex) {
			this.readsFailed.incrementAndGet();
			count(ex);
		}
	}

	void count(IoTDBException ex) {
		String message = String.valueOf(ex.getMessage());
		String kind = ex.getClass().getSimpleName() + ": " + message.substring(0, Math.min(60, message.length()));
		this.failures.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
	}

	static ColumnarTablet batch(String writer, long batch) {
		long[] times = new long[ROWS];
		String[] writers = new String[ROWS];
		long[] batches = new long[ROWS];
		double[] values = new double[ROWS];
		for (int i = 0; i < ROWS; i++) {
			times[i] = batch * ROWS + i;
			writers[i] = writer;
			batches[i] = batch;
			values[i] = value(times[i]);
		}
		return ColumnarTablet.builder("batches", times)
			.tag("writer", writers)
			.field("batch", DataType.INT64, batches)
			.field("v", DataType.DOUBLE, values)
			.build();
	}

	static double value(long time) {
		return time * 1.5;
	}

	/** Waits until {@code count} more batches than now are acknowledged. */
	void awaitMoreAcknowledged(int count, Duration timeout) {
		int target = this.acknowledged.size() + count;
		await(() -> this.acknowledged.size() >= target, target + " batches acknowledged", timeout);
	}

	static void await(BooleanSupplier condition, String what, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("%s within %s", what, timeout).isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Stops the writers and waits for their last batch. */
	@Override
	public void close() {
		this.stop.set(true);
		for (Thread thread : this.threads) {
			try {
				thread.join(TimeUnit.MINUTES.toMillis(3));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
		}
	}

	/**
	 * Checks the accounting: every attempted batch is acknowledged or failed, never both,
	 * and nothing else.
	 */
	void assertAccounted() {
		assertThat(this.unexpected).as("exceptions other than IoTDBException").isEmpty();
		assertThat(this.attempted.get()).isEqualTo(this.acknowledged.size() + this.failed.size());
		assertThat(this.acknowledged).noneMatch(this.failed::contains);
	}

	/**
	 * Reads every stored row through a session and checks its values.
	 * @return the number of rows stored per batch
	 */
	static Map<Long, Integer> storedRows(TableSession session) {
		Map<Long, Integer> rowsPerBatch = new TreeMap<>();
		try (SessionDataSet rows = session.executeQueryStatement("SELECT time, batch, v FROM batches")) {
			while (rows.hasNext()) {
				Row row = rows.next();
				long time = row.getLong(0);
				assertThat(row.getLong(1)).as("batch of the row at %s", time).isEqualTo(time / ROWS);
				assertThat(row.getDouble(2)).as("value of the row at %s", time).isEqualTo(value(time));
				rowsPerBatch.merge(time / ROWS, 1, Integer::sum);
			}
		}
		return rowsPerBatch;
	}

	/** The acknowledged batches whose rows are not all stored. */
	Set<Long> acknowledgedMissing(Map<Long, Integer> stored) {
		Set<Long> missing = new TreeSet<>();
		for (long batch : this.acknowledged) {
			if (stored.getOrDefault(batch, 0) != ROWS) {
				missing.add(batch);
			}
		}
		return missing;
	}

	/** The rows stored of the acknowledged batches. */
	long acknowledgedRowsStored(Map<Long, Integer> stored) {
		long count = 0;
		for (long batch : this.acknowledged) {
			count += stored.getOrDefault(batch, 0);
		}
		return count;
	}

	/** Checks some acknowledged batches row by row with a query of their own. */
	void spotCheck(TableSession session, int batches) {
		List<Long> sample = this.acknowledged.stream().sorted().toList();
		int step = Math.max(1, sample.size() / batches);
		for (int i = 0; i < sample.size(); i += step) {
			long batch = sample.get(i);
			long first = batch * ROWS;
			try (SessionDataSet rows = session.executeQueryStatement("SELECT time, batch, v FROM batches WHERE time >= "
					+ first + " AND time < " + (first + ROWS) + " ORDER BY time")) {
				for (int n = 0; n < ROWS; n++) {
					assertThat(rows.hasNext()).as("row %s of batch %s", n, batch).isTrue();
					Row row = rows.next();
					assertThat(row.getLong(0)).isEqualTo(first + n);
					assertThat(row.getLong(1)).isEqualTo(batch);
					assertThat(row.getDouble(2)).isEqualTo(value(first + n));
				}
				assertThat(rows.hasNext()).as("batch %s has %s rows", batch, ROWS).isFalse();
			}
		}
	}

	String summary() {
		return "attempted=" + this.attempted + " acknowledged=" + this.acknowledged.size() + " failed="
				+ this.failed.size() + " reads=" + this.reads + " readsFailed=" + this.readsFailed + " incompleteReads="
				+ this.incompleteReads.size() + " failures=" + this.failures;
	}

}
