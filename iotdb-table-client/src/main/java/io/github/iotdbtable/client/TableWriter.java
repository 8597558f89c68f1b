package io.github.iotdbtable.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.github.iotdbtable.client.pool.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes single rows from any number of threads and writes them in batches, one columnar
 * tablet per table, through a {@link TableSessionPool}.
 *
 * <pre>{@code
 * TableWriter writer = new TableWriter(pool, TableWriterConfig.builder()
 *     .table(TableDefinition.builder("sensors").tag("device").field("temperature", DataType.DOUBLE).build())
 *     .onFailure((rows, cause) -> log.error("{} rows lost", rows.rowCount(), cause))
 *     .build());
 * writer.add("sensors", System.currentTimeMillis(), "d1", 21.5);            // any thread
 * writer.add("sensors", now, (row) -> row.setString(0, "d1").setDouble(1, 21.5)); // no boxing
 * writer.close();                                                           // flushes
 * }</pre>
 *
 * <p>
 * <b>Batches.</b> Rows are checked against their table's {@link TableDefinition} before
 * they are taken (an {@link IllegalArgumentException} names the table, the column and the
 * row's time) and buffered per table. A table's batch is sent when it holds
 * {@code batchSize} rows or its first row is {@code maxBatchAge} old (checked a few times
 * per age), by {@code senderThreads} background threads, each borrowing a session of the
 * pool, whose retry policy applies. The batches of one table are sent one at a time, in
 * order, and the tables take turns, so a slow table holds up at most one sender.
 *
 * <p>
 * <b>Bounded memory.</b> At most {@code maxBufferedRows} rows, over all tables, are held
 * until written or handed on. At the limit {@code add} waits up to {@code addTimeout} for
 * a batch to finish, then throws {@link WriterFullException}, or, with
 * {@link TableWriterConfig.Overflow#DROP}, drops the row, counts it and logs it.
 *
 * <p>
 * <b>Nothing lost silently.</b> Every row that {@code add} takes is either written, or,
 * when its batch still fails after the pool's retries, handed with its batch and the
 * exception to the {@link WriteFailureHandler} (by default: logged as an error); a row
 * {@code add} does not take ends in an exception to the caller (or is dropped and
 * counted). {@link #flush()} waits until every row taken before it is written or handed
 * on; {@link #close()} flushes, stops the threads and refuses later rows with an
 * {@link IllegalStateException}. Rows of one device with the same time overwrite each
 * other on the server in the order they were added.
 *
 * @since 0.1.0
 */
public final class TableWriter implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TableWriter.class);

	/** Permits given at close, so that adders waiting for room wake and are refused. */
	private static final int CLOSING_PERMITS = Integer.MAX_VALUE / 2;

	private static final long DROP_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);

	/** Sends one batch; throws when it was not written. */
	@FunctionalInterface
	interface Sink {

		void send(WriterBatch batch);

	}

	private final TableWriterConfig config;

	private final String name;

	private final Sink sink;

	private final Clock clock;

	private final WriteFailureHandler failureHandler;

	private volatile TableWriterListener[] listeners;

	private final int batchSize;

	private final long maxAgeNanos;

	private final long addTimeoutNanos;

	private final Map<String, Table> tables = new ConcurrentHashMap<>();

	/** One permit per row that may still be taken. */
	private final Semaphore room;

	private final AtomicInteger buffered = new AtomicInteger();

	/** Sealed batches not yet written or handed on, for flush. */
	private final Set<WriterBatch> pending = ConcurrentHashMap.newKeySet();

	/** Tables with sealed batches, each at most once, in turn. */
	private final LinkedBlockingQueue<Table> ready = new LinkedBlockingQueue<>();

	private final List<Thread> senders = new ArrayList<>();

	private final @Nullable ScheduledThreadPoolExecutor ager;

	private final LongAdder sentRows = new LongAdder();

	private final LongAdder failedRows = new LongAdder();

	private final LongAdder droppedRows = new LongAdder();

	private final LongAdder sentBatches = new LongAdder();

	private final LongAdder failedBatches = new LongAdder();

	private final AtomicLong lastDropLog = new AtomicLong(Long.MIN_VALUE);

	private volatile @Nullable RuntimeException lastFailure;

	private volatile boolean closed;

	private final Object closeLock = new Object();

	private boolean stopped;

	/** Marks the end of the queue for one sender. */
	private final Table stop = new Table(TableDefinition.builder("stop").tag("stop").build());

	/**
	 * Starts a writer and its threads.
	 * @param pool the pool that lends the sessions; close the writer before it
	 * @param config the settings
	 */
	public TableWriter(TableSessionPool pool, TableWriterConfig config) {
		this(config, poolSink(Objects.requireNonNull(pool, "pool")), Clock.SYSTEM, true);
	}

	/**
	 * @param sink sends the batches
	 * @param clock the time of batch ages and send times
	 * @param scheduled whether batch ages are checked by a thread of their own; tests
	 * that move the clock by hand call {@link #sealAged()} instead
	 */
	TableWriter(TableWriterConfig config, Sink sink, Clock clock, boolean scheduled) {
		this.config = Objects.requireNonNull(config, "config");
		this.name = config.getWriterName();
		this.sink = sink;
		this.clock = clock;
		WriteFailureHandler handler = config.getFailureHandler();
		this.failureHandler = (handler != null) ? handler : this::logFailure;
		TableWriterListener first = config.getListener();
		this.listeners = (first != TableWriterListener.NONE) ? new TableWriterListener[] { first }
				: new TableWriterListener[0];
		this.batchSize = config.getBatchSize();
		this.maxAgeNanos = config.getMaxBatchAge().toNanos();
		this.addTimeoutNanos = config.getAddTimeout().toNanos();
		this.room = new Semaphore(config.getMaxBufferedRows());
		for (TableDefinition table : config.getTables()) {
			declare(table);
		}
		for (int i = 0; i < config.getSenderThreads(); i++) {
			Thread sender = new Thread(this::sendLoop, this.name + "-sender-" + (i + 1));
			sender.setDaemon(true);
			this.senders.add(sender);
		}
		this.senders.forEach(Thread::start);
		if (scheduled) {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, this.name + "-ager");
				thread.setDaemon(true);
				return thread;
			});
			long period = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
					Math.min(this.maxAgeNanos / 4, TimeUnit.SECONDS.toNanos(1)));
			ScheduledFuture<?> unused = executor.scheduleWithFixedDelay(this::sealAged, period, period,
					TimeUnit.NANOSECONDS);
			this.ager = executor;
		}
		else {
			this.ager = null;
		}
	}

	private static Sink poolSink(TableSessionPool pool) {
		return (batch) -> {
			try (TableSession session = pool.getSession()) {
				session.insert(batch.toTablet(session.getTimestampPrecision()));
			}
		};
	}

	/**
	 * Declares a table, so that rows can be added to it. Declaring the same columns again
	 * does nothing.
	 * @param table the table and its columns
	 * @throws IllegalArgumentException when the table was declared with other columns
	 * @throws IllegalStateException when the writer is closed
	 */
	public void declare(TableDefinition table) {
		Objects.requireNonNull(table, "table");
		ensureOpen();
		String key = key(table.getTable());
		Table known = this.tables.get(key);
		if (known == null) {
			known = this.tables.computeIfAbsent(key, (k) -> new Table(table));
		}
		if (known.definition != table && !sameColumns(known.definition, table)) {
			throw new IllegalArgumentException("writer '" + this.name + "': table '" + table.getTable()
					+ "' is declared with other columns: " + known.definition + ", not " + table);
		}
	}

	/**
	 * Adds a listener, called for what happens from now on along with the config's: for
	 * metrics bound to a writer that was built without them.
	 * @param listener receives the writer's events
	 */
	public void addListener(TableWriterListener listener) {
		Objects.requireNonNull(listener, "listener");
		synchronized (this.closeLock) {
			TableWriterListener[] current = this.listeners;
			TableWriterListener[] added = Arrays.copyOf(current, current.length + 1);
			added[current.length] = listener;
			this.listeners = added;
		}
	}

	/**
	 * Adds a row.
	 * @param table a declared table
	 * @param time the row's time in the server's precision (milliseconds by default)
	 * @param values one per column, in the table's order, as {@link Tablet} takes them;
	 * {@code null} for a null cell
	 * @throws IllegalArgumentException naming the table, column and row when the row does
	 * not fit, or when the table is not declared
	 * @throws WriterFullException when no room came within the add timeout
	 * @throws IllegalStateException when the writer is closed
	 */
	public void add(String table, long time, @Nullable Object... values) {
		add(table, time, null, values);
	}

	/**
	 * Adds a row whose time is an instant, converted to the server's precision when sent.
	 * @see #add(String, long, Object...)
	 */
	public void add(String table, Instant time, @Nullable Object... values) {
		if (time == null) {
			throw new IllegalArgumentException(
					"writer '" + this.name + "': a row of table '" + table + "' has no time");
		}
		add(table, 0L, time, values);
	}

	/**
	 * Adds a row by setting its values on a {@link RowValues}, without boxing: the fast
	 * path. The filler runs while the table is locked, so it must be quick; columns it
	 * does not set are null. When it throws, the row is not taken.
	 * @param table a declared table
	 * @param time the row's time in the server's precision
	 * @param filler sets the values
	 * @throws IllegalArgumentException when a setter does not fit its column
	 * @throws WriterFullException when no room came within the add timeout
	 * @throws IllegalStateException when the writer is closed
	 */
	public void add(String table, long time, RowFiller filler) {
		Objects.requireNonNull(filler, "filler");
		ensureOpen();
		Table target = table(table);
		append(target, time, null, (batch) -> {
			RowCursor cursor = target.cursor;
			cursor.start(batch, time);
			try {
				filler.fill(cursor);
			}
			finally {
				cursor.end();
			}
		});
	}

	private void add(String table, long time, @Nullable Instant instant, @Nullable Object @Nullable [] values) {
		ensureOpen();
		Table target = table(table);
		@Nullable Object[] row = check(target, time, instant, values);
		append(target, time, instant, (batch) -> {
			for (int column = 0; column < row.length; column++) {
				batch.set(column, row[column]);
			}
		});
	}

	/**
	 * Takes room for a row, then fills it into the table's open batch; gives the room
	 * back when the row is not taken.
	 */
	private void append(Table target, long time, @Nullable Instant instant, Consumer<WriterBatch> fill) {
		if (!reserve(target)) {
			return;
		}
		boolean taken = false;
		try {
			synchronized (target) {
				// under the lock, where close cannot have sealed the table meanwhile
				ensureOpen();
				WriterBatch batch = openBatch(target);
				batch.beginRow();
				fill.accept(batch);
				batch.commitRow(time, instant);
				taken = true;
				afterAppend(target, batch);
			}
		}
		finally {
			if (!taken) {
				this.room.release();
			}
		}
	}

	/**
	 * Sends every row taken so far and waits until each was written or handed to the
	 * failure handler. Rows added meanwhile by other threads may go in later batches.
	 * @throws IoTDBException when the calling thread is interrupted while waiting; its
	 * interrupt flag is kept
	 */
	public void flush() {
		for (Table table : this.tables.values()) {
			synchronized (table) {
				if (table.open != null) {
					seal(table);
				}
			}
		}
		for (WriterBatch batch : List.copyOf(this.pending)) {
			try {
				batch.done.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IoTDBException("writer '" + this.name + "': interrupted while flushing, "
						+ this.buffered.get() + " rows still buffered", ex);
			}
		}
	}

	/**
	 * The counts since the writer started.
	 * @return a snapshot
	 */
	public TableWriterStats getStats() {
		return new TableWriterStats(this.buffered.get(), this.config.getMaxBufferedRows(), this.sentRows.sum(),
				this.failedRows.sum(), this.droppedRows.sum(), this.sentBatches.sum(), this.failedBatches.sum());
	}

	public TableWriterConfig getConfig() {
		return this.config;
	}

	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Refuses further rows, sends those buffered and waits for them (written or handed to
	 * the failure handler), then stops the writer's threads. Idempotent; a second caller
	 * waits for the first. An interrupt does not cut the wait short; the flag is kept.
	 */
	@Override
	public void close() {
		synchronized (this.closeLock) {
			if (this.stopped) {
				return;
			}
			this.closed = true;
			this.room.release(CLOSING_PERMITS);
			boolean interrupted = false;
			while (true) {
				try {
					flush();
					break;
				}
				catch (IoTDBException ex) {
					interrupted = Thread.interrupted() || interrupted;
				}
			}
			if (this.ager != null) {
				this.ager.shutdownNow();
			}
			for (int i = 0; i < this.senders.size(); i++) {
				this.ready.add(this.stop);
			}
			for (Thread sender : this.senders) {
				while (sender.isAlive()) {
					try {
						sender.join();
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
			}
			this.stopped = true;
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public String toString() {
		return "TableWriter{name='" + this.name + "', tables=" + this.tables.size() + ", buffered="
				+ this.buffered.get() + ", closed=" + this.closed + "}";
	}

	/** The threads waiting for room, for tests. */
	int waitingForRoom() {
		return this.room.getQueueLength();
	}

	/** Seals the batches whose first row is at least the maximum age old. */
	void sealAged() {
		long now = this.clock.nanoTime();
		for (Table table : this.tables.values()) {
			synchronized (table) {
				WriterBatch open = table.open;
				if (open != null && now - open.startedNanos >= this.maxAgeNanos) {
					seal(table);
				}
			}
		}
	}

	private Table table(String table) {
		Table target = (table != null) ? this.tables.get(key(table)) : null;
		if (target == null) {
			throw new IllegalArgumentException("writer '" + this.name + "': table '" + table
					+ "' is not declared; declared are " + this.tables.values().stream().map((t) -> t.name).toList());
		}
		return target;
	}

	private @Nullable Object[] check(Table table, long time, @Nullable Instant instant,
			@Nullable Object @Nullable [] values) {
		TabletSchema schema = table.definition.schema();
		if (values == null || values.length != schema.columnCount()) {
			throw new IllegalArgumentException(
					rowAt(table, time, instant) + " has " + ((values != null) ? values.length : 0) + " values for "
							+ schema.columnCount() + " columns " + schema.columnNames());
		}
		for (int column = 0; column < values.length; column++) {
			Object value = values[column];
			if (value == null) {
				continue;
			}
			DataType type = schema.dataType(column);
			if (!TabletValues.fits(type, value)) {
				throw new IllegalArgumentException(rowAt(table, time, instant) + ", column '"
						+ schema.columnName(column) + "' (" + type + "): expected " + TabletValues.javaTypes(type)
						+ ", got " + value.getClass().getSimpleName());
			}
			if (value instanceof LocalDate date && (date.getYear() < 1000 || date.getYear() > 9999)) {
				throw new IllegalArgumentException(
						rowAt(table, time, instant) + ", column '" + schema.columnName(column) + "' (DATE): " + date
								+ " is outside the years 1000 to 9999 the server stores");
			}
		}
		return values;
	}

	private static String rowAt(Table table, long time, @Nullable Instant instant) {
		return "table '" + table.name + "', row at time " + ((instant != null) ? instant : time);
	}

	/**
	 * Takes room for one row, waiting up to the add timeout.
	 * @return whether there is room; false when the row was dropped
	 */
	private boolean reserve(Table table) {
		if (this.room.tryAcquire()) {
			return true;
		}
		boolean acquired;
		try {
			acquired = this.room.tryAcquire(this.addTimeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WriterFullException(
					"writer '" + this.name + "': interrupted while waiting for room for a row of table '" + table.name
							+ "'; the row was not taken",
					ex);
		}
		if (acquired) {
			return true;
		}
		if (this.config.getOverflow() == TableWriterConfig.Overflow.DROP) {
			dropped(table);
			return false;
		}
		RuntimeException failure = this.lastFailure;
		String message = "writer '" + this.name + "' holds " + this.config.getMaxBufferedRows()
				+ " rows (maxBufferedRows) and none was written within " + this.config.getAddTimeout()
				+ " (addTimeout); a row of table '" + table.name + "' was not taken: the server is slow or down";
		if (failure != null) {
			throw new WriterFullException(message + "; last failure: " + failure, failure);
		}
		throw new WriterFullException(message);
	}

	private void dropped(Table table) {
		this.droppedRows.increment();
		for (TableWriterListener listener : this.listeners) {
			try {
				listener.rowDropped(table.name);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of writer '{}' failed in rowDropped", this.name, ex);
			}
		}
		long now = this.clock.nanoTime();
		long last = this.lastDropLog.get();
		if ((last == Long.MIN_VALUE || now - last >= DROP_LOG_NANOS) && this.lastDropLog.compareAndSet(last, now)) {
			logger.warn("Writer '{}' is full ({} rows) and drops rows: {} dropped so far, the last of table '{}'",
					this.name, this.config.getMaxBufferedRows(), this.droppedRows.sum(), table.name);
		}
	}

	private void afterAppend(Table table, WriterBatch batch) {
		this.buffered.incrementAndGet();
		if (batch.isFull()) {
			seal(table);
		}
	}

	/** The table's batch for the next row; the caller holds the table's lock. */
	private WriterBatch openBatch(Table table) {
		WriterBatch batch = table.open;
		if (batch == null) {
			batch = new WriterBatch(table.definition.schema(), this.batchSize, this.clock.nanoTime());
			table.open = batch;
		}
		return batch;
	}

	/** Seals the table's open batch; the caller holds the table's lock. */
	private void seal(Table table) {
		WriterBatch batch = table.open;
		table.open = null;
		if (batch == null || batch.size() == 0) {
			// a filler that threw may leave an empty batch behind
			return;
		}
		this.pending.add(batch);
		table.sealed.add(batch);
		if (!table.scheduled) {
			table.scheduled = true;
			this.ready.add(table);
		}
	}

	private void sendLoop() {
		while (true) {
			Table table;
			try {
				table = this.ready.take();
			}
			catch (InterruptedException ex) {
				// only close stops a sender, with the stop marker
				continue;
			}
			if (table == this.stop) {
				return;
			}
			WriterBatch batch;
			synchronized (table) {
				batch = table.sealed.poll();
			}
			if (batch != null) {
				send(table, batch);
			}
			synchronized (table) {
				if (table.sealed.isEmpty()) {
					table.scheduled = false;
				}
				else {
					this.ready.add(table);
				}
			}
		}
	}

	private void send(Table table, WriterBatch batch) {
		int rows = batch.size();
		long start = this.clock.nanoTime();
		RuntimeException failure = null;
		try {
			this.sink.send(batch);
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		catch (Error ex) {
			failure = new IoTDBException("sending a batch of table '" + table.name + "' failed: " + ex, ex);
		}
		long nanos = this.clock.nanoTime() - start;
		if (failure == null) {
			this.sentRows.add(rows);
			this.sentBatches.increment();
		}
		else {
			this.lastFailure = failure;
			this.failedRows.add(rows);
			this.failedBatches.increment();
		}
		for (TableWriterListener listener : this.listeners) {
			try {
				if (failure == null) {
					listener.batchSent(table.name, rows, nanos);
				}
				else {
					listener.batchFailed(table.name, rows, nanos);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of writer '{}' failed", this.name, ex);
			}
		}
		try {
			if (failure != null) {
				handOn(table, batch, failure);
			}
		}
		finally {
			this.buffered.addAndGet(-rows);
			this.pending.remove(batch);
			this.room.release(rows);
			batch.done.countDown();
		}
	}

	private void handOn(Table table, WriterBatch batch, RuntimeException failure) {
		Tablet rows;
		try {
			rows = batch.toRows();
		}
		catch (RuntimeException ex) {
			logger.error("Writer '{}' could not write {} rows of table '{}' nor copy them for the failure handler",
					this.name, batch.size(), table.name, failure);
			return;
		}
		try {
			this.failureHandler.failed(rows, failure);
		}
		catch (RuntimeException ex) {
			logger.error("The failure handler of writer '{}' failed with {} rows of table '{}'", this.name,
					rows.rowCount(), table.name, ex);
		}
	}

	private void logFailure(Tablet rows, RuntimeException cause) {
		logger.error("Writer '{}' could not write {} rows of table '{}'", this.name, rows.rowCount(),
				rows.getTableName(), cause);
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new IllegalStateException("writer '" + this.name + "' is closed");
		}
	}

	private static String key(String table) {
		return table.toLowerCase(Locale.ROOT);
	}

	private static boolean sameColumns(TableDefinition a, TableDefinition b) {
		return a.getColumnNames().equals(b.getColumnNames()) && a.getDataTypes().equals(b.getDataTypes())
				&& a.getColumnCategories().equals(b.getColumnCategories());
	}

	/**
	 * Sets the values of one row; see {@link TableWriter#add(String, long, RowFiller)}.
	 */
	@FunctionalInterface
	public interface RowFiller {

		void fill(RowValues row);

	}

	/**
	 * The values of the row being added, by column index (from 0, in the table's order,
	 * without the time column). Valid only inside {@link RowFiller#fill}.
	 */
	public interface RowValues {

		/** For a BOOLEAN column. */
		RowValues setBoolean(int column, boolean value);

		/** For an INT32 column. */
		RowValues setInt(int column, int value);

		/** For an INT64 or TIMESTAMP column. */
		RowValues setLong(int column, long value);

		/** For a FLOAT column. */
		RowValues setFloat(int column, float value);

		/** For a DOUBLE column. */
		RowValues setDouble(int column, double value);

		/** For a STRING or TEXT column, a TAG or ATTRIBUTE for instance. */
		RowValues setString(int column, @Nullable String value);

		/**
		 * Any value {@link Tablet} takes for the column; {@code null} for a null cell.
		 */
		RowValues set(int column, @Nullable Object value);

	}

	/** One table: its open batch, its sealed batches, its turn with the senders. */
	private static final class Table {

		final TableDefinition definition;

		final String name;

		final RowCursor cursor;

		/** The batch rows go to; {@code null} until the next row. Guarded by this. */
		@Nullable WriterBatch open;

		/** Batches to send, oldest first. Guarded by this. */
		final ArrayDeque<WriterBatch> sealed = new ArrayDeque<>();

		/** Whether the table is in the ready queue or being sent. Guarded by this. */
		boolean scheduled;

		Table(TableDefinition definition) {
			this.definition = definition;
			this.name = definition.getTable();
			this.cursor = new RowCursor(definition.schema());
		}

	}

	/** Checks the setters' types against the columns and fills the batch's row. */
	private static final class RowCursor implements RowValues {

		private final TabletSchema schema;

		private @Nullable WriterBatch batch;

		private @Nullable Thread owner;

		private long time;

		RowCursor(TabletSchema schema) {
			this.schema = schema;
		}

		void start(WriterBatch batch, long time) {
			this.batch = batch;
			this.time = time;
			this.owner = Thread.currentThread();
		}

		void end() {
			this.batch = null;
			this.owner = null;
		}

		@Override
		public RowValues setBoolean(int column, boolean value) {
			target(column, "setBoolean", DataType.BOOLEAN, null).setBoolean(column, value);
			return this;
		}

		@Override
		public RowValues setInt(int column, int value) {
			target(column, "setInt", DataType.INT32, null).setInt(column, value);
			return this;
		}

		@Override
		public RowValues setLong(int column, long value) {
			target(column, "setLong", DataType.INT64, DataType.TIMESTAMP).setLong(column, value);
			return this;
		}

		@Override
		public RowValues setFloat(int column, float value) {
			target(column, "setFloat", DataType.FLOAT, null).setFloat(column, value);
			return this;
		}

		@Override
		public RowValues setDouble(int column, double value) {
			target(column, "setDouble", DataType.DOUBLE, null).setDouble(column, value);
			return this;
		}

		@Override
		public RowValues setString(int column, @Nullable String value) {
			target(column, "setString", DataType.STRING, DataType.TEXT).set(column, value);
			return this;
		}

		@Override
		public RowValues set(int column, @Nullable Object value) {
			WriterBatch target = target(column, "set", null, null);
			DataType type = this.schema.dataType(column);
			if (value != null && !TabletValues.fits(type, value)) {
				throw new IllegalArgumentException(describe(column) + ": expected " + TabletValues.javaTypes(type)
						+ ", got " + value.getClass().getSimpleName());
			}
			if (value instanceof LocalDate date && (date.getYear() < 1000 || date.getYear() > 9999)) {
				throw new IllegalArgumentException(
						describe(column) + ": " + date + " is outside the years 1000 to 9999 the server stores");
			}
			target.set(column, value);
			return this;
		}

		private WriterBatch target(int column, String setter, @Nullable DataType type, @Nullable DataType other) {
			WriterBatch current = this.batch;
			if (current == null || this.owner != Thread.currentThread()) {
				throw new IllegalStateException("the values of table '" + this.schema.tableName()
						+ "' can be set only inside the filler of the row being added");
			}
			if (column < 0 || column >= this.schema.columnCount()) {
				throw new IllegalArgumentException("table '" + this.schema.tableName() + "', row at time " + this.time
						+ ": no column " + column + " among " + this.schema.columnNames());
			}
			DataType actual = this.schema.dataType(column);
			if (type != null && actual != type && actual != other) {
				throw new IllegalArgumentException(
						describe(column) + ": " + setter + " does not fit; expected " + TabletValues.javaTypes(actual));
			}
			return current;
		}

		private String describe(int column) {
			return "table '" + this.schema.tableName() + "', row at time " + this.time + ", column '"
					+ this.schema.columnName(column) + "' (" + this.schema.dataType(column) + ")";
		}

	}

}
