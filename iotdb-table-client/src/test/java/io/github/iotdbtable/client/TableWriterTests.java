package io.github.iotdbtable.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The writer's races and failure paths, forced with a sink the tests hold at will and a
 * clock they move by hand: no test sleeps hoping for an order. The writer against a real
 * server is covered by {@code TableWriterIT}.
 */
class TableWriterTests {

	static final TableDefinition SENSORS = TableDefinition.builder("sensors")
		.tag("device")
		.field("temperature", DataType.DOUBLE)
		.build();

	static final TableDefinition OTHER = TableDefinition.builder("other")
		.tag("device")
		.field("n", DataType.INT64)
		.build();

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final List<TableWriter> writers = new ArrayList<>();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Sink> sinks = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		this.threads.shutdownNow();
		this.sinks.forEach((sink) -> sink.release(Integer.MAX_VALUE / 2));
		for (TableWriter writer : this.writers) {
			writer.close();
		}
	}

	@Test
	void aFullBatchIsSentAtOnceWithItsRows() throws Exception {
		Sink sink = new Sink();
		TableWriter writer = writer(config().batchSize(3), sink);
		writer.add("sensors", 1L, "d1", 1.5);
		writer.add("SENSORS", 2L, (row) -> row.setString(0, "d2").setDouble(1, 2.5));
		writer.add("sensors", Instant.ofEpochMilli(3), "d3", null);
		sink.awaitBatches(1);
		Tablet rows = sink.batches.get(0).toRows();
		assertThat(rows.rowCount()).isEqualTo(3);
		assertThat(List.of(rows.getTimestamp(0), rows.getTimestamp(1), rows.getTimestamp(2))).containsExactly(1L, 2L,
				Instant.ofEpochMilli(3));
		assertThat(rows.getValue(1, 0)).isEqualTo("d2");
		assertThat(rows.getValue(1, 1)).isEqualTo(2.5);
		assertThat(rows.getValue(2, 1)).isNull();
		ColumnarTablet tablet = sink.batches.get(0).toTablet(TimestampPrecision.MICROSECONDS);
		assertThat(tablet.rowCount()).isEqualTo(3);
		assertThat(tablet.timestamps(TimestampPrecision.MICROSECONDS)[2]).isEqualTo(3_000L);
		assertThat(tablet.isNull(1, 2)).isTrue();
		writer.flush();
		assertThat(writer.getStats()).isEqualTo(new TableWriterStats(0, 100, 3, 0, 0, 1, 0));
	}

	@Test
	void aBatchIsSentWhenItsFirstRowIsOldEnough() {
		Sink sink = new Sink();
		TableWriter writer = writer(config().maxBatchAge(Duration.ofMillis(100)), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(60));
		writer.add("sensors", 2L, "d1", 2.0);
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(39));
		writer.sealAged();
		assertThat(writer.getStats().bufferedRows()).isEqualTo(2);
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
		writer.sealAged();
		sink.awaitBatches(1);
		assertThat(sink.batches.get(0).size()).isEqualTo(2);
	}

	@Test
	void anAddAtTheLimitWaitsAndIsWokenByACompletedSend() throws Exception {
		Sink sink = new Sink().holding();
		TableWriter writer = writer(config().batchSize(2).maxBufferedRows(2), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		writer.add("sensors", 2L, "d1", 2.0);
		sink.awaitEntered();
		Future<?> third = this.threads.submit(() -> writer.add("sensors", 3L, "d1", 3.0));
		awaitTrue(() -> writer.waitingForRoom() == 1);
		assertThat(third).isNotDone();
		assertThat(writer.getStats().bufferedRows()).isEqualTo(2);
		sink.release(1);
		third.get(10, TimeUnit.SECONDS);
		assertThat(writer.getStats().bufferedRows()).isEqualTo(1);
		assertThat(writer.getStats().sentRows()).isEqualTo(2);
	}

	@Test
	void anAddAtTheLimitFailsClearlyAfterItsTimeout() {
		Sink sink = new Sink().holding();
		TableWriter writer = writer(config().batchSize(2).maxBufferedRows(2).addTimeout(Duration.ofMillis(20)), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		writer.add("sensors", 2L, "d1", 2.0);
		assertThatExceptionOfType(WriterFullException.class).isThrownBy(() -> writer.add("sensors", 3L, "d1", 3.0))
			.withMessageContaining("holds 2 rows (maxBufferedRows)")
			.withMessageContaining("PT0.02S (addTimeout)")
			.withMessageContaining("table 'sensors'");
		assertThat(writer.getStats().bufferedRows()).isEqualTo(2);
		sink.release(1);
		writer.flush();
		assertThat(writer.getStats().sentRows()).isEqualTo(2);
	}

	@Test
	void aFullWriterWithDropCountsTellsAndGoesOn() {
		Sink sink = new Sink().holding();
		List<String> dropped = new CopyOnWriteArrayList<>();
		TableWriter writer = writer(config().batchSize(2)
			.maxBufferedRows(2)
			.addTimeout(Duration.ZERO)
			.overflow(TableWriterConfig.Overflow.DROP)
			.listener(new TableWriterListener() {
				@Override
				public void rowDropped(String table) {
					dropped.add(table);
				}
			}), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		writer.add("sensors", 2L, "d1", 2.0);
		writer.add("sensors", 3L, "d1", 3.0);
		writer.add("sensors", 4L, "d1", 4.0);
		assertThat(dropped).containsExactly("sensors", "sensors");
		assertThat(writer.getStats().droppedRows()).isEqualTo(2);
		sink.release(1);
		writer.flush();
		assertThat(writer.getStats().sentRows()).isEqualTo(2);
	}

	@Test
	void aFailedBatchReachesTheHandlerWithItsExactRows() {
		IoTDBConnectionException failure = new IoTDBConnectionException("node down");
		Sink sink = new Sink().failingWith(failure);
		List<Tablet> failed = new CopyOnWriteArrayList<>();
		List<RuntimeException> causes = new CopyOnWriteArrayList<>();
		TableWriter writer = writer(config().batchSize(10).onFailure((rows, cause) -> {
			failed.add(rows);
			causes.add(cause);
		}), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		writer.add("sensors", 2L, (row) -> row.setString(0, "d2"));
		writer.flush();
		assertThat(failed).hasSize(1);
		assertThat(causes).containsExactly(failure);
		Tablet rows = failed.get(0);
		assertThat(rows.getTableName()).isEqualTo("sensors");
		assertThat(rows.rowCount()).isEqualTo(2);
		assertThat(rows.getTimestamp(0)).isEqualTo(1L);
		assertThat(rows.getValue(0, 1)).isEqualTo(1.0);
		assertThat(rows.getValue(1, 0)).isEqualTo("d2");
		assertThat(rows.getValue(1, 1)).isNull();
		assertThat(writer.getStats()).isEqualTo(new TableWriterStats(0, 100, 0, 2, 0, 0, 1));
	}

	@Test
	void aHandlerOrListenerThatThrowsCostsNothing() {
		Sink sink = new Sink().failingWith(new IoTDBConnectionException("down"));
		TableWriter writer = writer(config().onFailure((rows, cause) -> {
			throw new IllegalStateException("handler broken");
		}).listener(new TableWriterListener() {
			@Override
			public void batchFailed(String table, int rows, long nanos) {
				throw new IllegalStateException("listener broken");
			}
		}), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		writer.flush();
		assertThat(writer.getStats().failedRows()).isEqualTo(1);
		assertThat(writer.getStats().bufferedRows()).isZero();
	}

	@Test
	void flushWaitsForEveryRowAddedBeforeIt() throws Exception {
		Sink sink = new Sink().holding();
		TableWriter writer = writer(config().batchSize(2), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		writer.add("sensors", 2L, "d1", 2.0);
		writer.add("other", 3L, "d1", 3L);
		sink.awaitEntered();
		CountDownLatch flushing = new CountDownLatch(1);
		Thread[] flusher = new Thread[1];
		Future<?> flush = this.threads.submit(() -> {
			flusher[0] = Thread.currentThread();
			flushing.countDown();
			writer.flush();
		});
		await(flushing);
		// the first batch is held in the sink: flush must wait for it and the rest
		awaitTrue(() -> flusher[0] != null && flusher[0].getState() == Thread.State.WAITING);
		assertThat(flush).isNotDone();
		assertThat(writer.getStats().bufferedRows()).isEqualTo(3);
		sink.release(Integer.MAX_VALUE / 2);
		flush.get(10, TimeUnit.SECONDS);
		assertThat(writer.getStats().sentRows()).isEqualTo(3);
	}

	@Test
	void flushRacingTheAgeTriggerWaitsForTheBatchTheAgeSealed() throws Exception {
		Sink sink = new Sink().holding();
		TableWriter writer = writer(config().maxBatchAge(Duration.ofMillis(10)), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
		writer.sealAged();
		sink.awaitEntered();
		Thread[] flusher = new Thread[1];
		Future<?> flush = this.threads.submit(() -> {
			flusher[0] = Thread.currentThread();
			writer.flush();
		});
		awaitTrue(() -> flusher[0] != null && flusher[0].getState() == Thread.State.WAITING);
		assertThat(flush).isNotDone();
		sink.release(1);
		flush.get(10, TimeUnit.SECONDS);
		assertThat(writer.getStats().sentRows()).isEqualTo(1);
	}

	@Test
	void theAgeTriggerAfterAFlushSendsNoEmptyBatch() {
		Sink sink = new Sink();
		TableWriter writer = writer(config().maxBatchAge(Duration.ofMillis(10)), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		writer.flush();
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
		writer.sealAged();
		writer.flush();
		assertThat(sink.batches).hasSize(1);
	}

	@Test
	void closeTakesTheRowOfAnAddThatHoldsTheTable() throws Exception {
		Sink sink = new Sink();
		TableWriter writer = writer(config(), sink);
		CountDownLatch filling = new CountDownLatch(1);
		CountDownLatch proceed = new CountDownLatch(1);
		Future<?> add = this.threads.submit(() -> writer.add("sensors", 1L, (row) -> {
			filling.countDown();
			await(proceed);
			row.setString(0, "d1");
		}));
		await(filling);
		Thread[] closer = new Thread[1];
		Future<?> close = this.threads.submit(() -> {
			closer[0] = Thread.currentThread();
			writer.close();
		});
		awaitTrue(() -> closer[0] != null && closer[0].getState() == Thread.State.BLOCKED);
		assertThat(writer.isClosed()).isTrue();
		proceed.countDown();
		add.get(10, TimeUnit.SECONDS);
		close.get(10, TimeUnit.SECONDS);
		assertThat(sink.rows()).isEqualTo(1);
		assertThatIllegalStateException().isThrownBy(() -> writer.add("sensors", 2L, "d1", 1.0))
			.withMessageContaining("is closed");
	}

	@Test
	void closeRefusesAnAddWaitingForRoomAndFlushesTheRest() throws Exception {
		Sink sink = new Sink().holding();
		TableWriter writer = writer(config().batchSize(2).maxBufferedRows(2), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		writer.add("sensors", 2L, "d1", 2.0);
		sink.awaitEntered();
		Future<?> waiting = this.threads.submit(() -> writer.add("sensors", 3L, "d1", 3.0));
		awaitTrue(() -> writer.waitingForRoom() == 1);
		Future<?> close = this.threads.submit(writer::close);
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(IllegalStateException.class);
		assertThat(close).isNotDone();
		sink.release(1);
		close.get(10, TimeUnit.SECONDS);
		writer.close();
		assertThat(writer.getStats()).isEqualTo(new TableWriterStats(0, 2, 2, 0, 0, 1, 0));
	}

	@Test
	void aSlowTableHoldsUpOneSenderAndTablesTakeTurns() throws Exception {
		Sink sink = new Sink().holding();
		TableWriter writer = writer(config().batchSize(1).senderThreads(1), sink);
		writer.add("sensors", 1L, "d1", 1.0);
		sink.awaitEntered();
		writer.add("sensors", 2L, "d1", 2.0);
		writer.add("sensors", 3L, "d1", 3.0);
		writer.add("other", 4L, "d1", 4L);
		sink.release(Integer.MAX_VALUE / 2);
		writer.flush();
		assertThat(sink.batches.stream().map((batch) -> batch.toRows().getTimestamp(0)).toList()).containsExactly(1L,
				4L, 2L, 3L);
		Sink second = new Sink().holding();
		TableWriter two = writer(config().batchSize(1).senderThreads(2), second);
		two.add("sensors", 1L, "d1", 1.0);
		second.awaitEntered();
		two.add("other", 2L, "d1", 2L);
		second.awaitEntered();
		assertThat(second.batches).isEmpty();
		second.release(Integer.MAX_VALUE / 2);
	}

	@Test
	void badRowsAreRefusedNamingTableColumnAndTimeAndTheWriterGoesOn() {
		Sink sink = new Sink();
		TableWriter writer = writer(config(), sink);
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("nope", 1L, "d1", 1.0))
			.withMessageContaining("table 'nope' is not declared")
			.withMessageContaining("sensors");
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("sensors", 7L, "d1", "hot"))
			.withMessage("table 'sensors', row at time 7, column 'temperature' (DOUBLE): expected Double or Float,"
					+ " got String");
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("sensors", 8L, "d1"))
			.withMessageContaining("table 'sensors', row at time 8 has 1 values for 2 columns");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> writer.add("sensors", 9L, (row) -> row.setString(0, "d1").setInt(1, 3)))
			.withMessage("table 'sensors', row at time 9, column 'temperature' (DOUBLE): setInt does not fit;"
					+ " expected Double or Float");
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("sensors", 10L, (row) -> row.set(5, 1)))
			.withMessageContaining("no column 5");
		TableWriter.RowValues[] leaked = new TableWriter.RowValues[1];
		writer.add("sensors", 11L, (row) -> leaked[0] = row.setString(0, "d1"));
		assertThatIllegalStateException().isThrownBy(() -> leaked[0].setDouble(1, 1.0))
			.withMessageContaining("only inside the filler");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> writer
				.declare(TableDefinition.builder("sensors").tag("device").field("temperature", DataType.FLOAT).build()))
			.withMessageContaining("declared with other columns");
		writer.declare(TableDefinition.builder("Sensors").tag("device").field("temperature", DataType.DOUBLE).build());
		writer.add("sensors", 12L, "d1", 12.0);
		writer.flush();
		assertThat(sink.rows()).isEqualTo(2);
		assertThat(writer.getStats().bufferedRows()).isZero();
	}

	@Test
	void theConfigRefusesBadSettingsNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> TableWriterConfig.builder().batchSize(0).build())
			.withMessage("batchSize must be at least 1, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableWriterConfig.builder().batchSize(10).maxBufferedRows(5).build())
			.withMessage("maxBufferedRows must be at least batchSize (10), was 5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableWriterConfig.builder().maxBatchAge(Duration.ZERO).build())
			.withMessage("maxBatchAge must be at least 1ms, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableWriterConfig.builder().addTimeout(Duration.ofSeconds(-1)).build())
			.withMessage("addTimeout must not be negative, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> TableWriterConfig.builder().senderThreads(0).build())
			.withMessage("senderThreads must be at least 1, was 0");
	}

	private TableWriterConfig.Builder config() {
		return TableWriterConfig.builder()
			.writerName("test")
			.table(SENSORS)
			.table(OTHER)
			.batchSize(100)
			.maxBufferedRows(100)
			.addTimeout(Duration.ofSeconds(10));
	}

	private TableWriter writer(TableWriterConfig.Builder config, Sink sink) {
		this.sinks.add(sink);
		TableWriter writer = new TableWriter(config.build(), sink, this.now::get, false);
		this.writers.add(writer);
		return writer;
	}

	static void awaitTrue(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for a condition");
			}
			Thread.onSpinWait();
		}
	}

	static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("timed out waiting for a latch");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Records the batches it writes; when holding, each send waits for a permit, and
	 * {@link #entered} counts the sends that began.
	 */
	static final class Sink implements TableWriter.Sink {

		final List<WriterBatch> batches = Collections.synchronizedList(new ArrayList<>());

		final Semaphore entered = new Semaphore(0);

		private final Semaphore gate = new Semaphore(0);

		private boolean holding;

		private RuntimeException failure;

		Sink holding() {
			this.holding = true;
			return this;
		}

		Sink failingWith(RuntimeException failure) {
			this.failure = failure;
			return this;
		}

		void release(int sends) {
			this.gate.release(sends);
		}

		void awaitEntered() throws InterruptedException {
			if (!this.entered.tryAcquire(10, TimeUnit.SECONDS)) {
				throw new AssertionError("no send began");
			}
		}

		void awaitBatches(int count) {
			awaitTrue(() -> this.batches.size() >= count);
		}

		int rows() {
			synchronized (this.batches) {
				return this.batches.stream().mapToInt(WriterBatch::size).sum();
			}
		}

		@Override
		public void send(WriterBatch batch) {
			this.entered.release();
			if (this.holding) {
				try {
					if (!this.gate.tryAcquire(20, TimeUnit.SECONDS)) {
						throw new AssertionError("the test never released the sink");
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
			if (this.failure != null) {
				throw this.failure;
			}
			this.batches.add(batch);
		}

	}

}
