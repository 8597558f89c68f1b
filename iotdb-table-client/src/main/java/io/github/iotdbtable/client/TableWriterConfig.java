package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link TableWriter}, validated when built.
 *
 * <pre>{@code
 * TableWriterConfig config = TableWriterConfig.builder()
 *     .table(sensors)                        // a TableDefinition
 *     .batchSize(1_000)
 *     .maxBatchAge(Duration.ofMillis(500))
 *     .maxBufferedRows(100_000)
 *     .onFailure((rows, cause) -> deadLetters.store(rows, cause))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TableWriterConfig {

	public static final int DEFAULT_BATCH_SIZE = 1_000;

	public static final Duration DEFAULT_MAX_BATCH_AGE = Duration.ofSeconds(1);

	public static final int DEFAULT_MAX_BUFFERED_ROWS = 100_000;

	public static final Duration DEFAULT_ADD_TIMEOUT = Duration.ofSeconds(10);

	public static final int DEFAULT_SENDER_THREADS = 2;

	private static final AtomicInteger writerNumber = new AtomicInteger();

	/** What {@code add} does when the writer holds {@code maxBufferedRows} rows. */
	public enum Overflow {

		/**
		 * Wait up to the add timeout for room, then throw {@link WriterFullException}.
		 */
		BLOCK,

		/**
		 * Wait up to the add timeout for room, then drop the row: counted, told to the
		 * listener and logged.
		 */
		DROP

	}

	private final String writerName;

	private final int batchSize;

	private final Duration maxBatchAge;

	private final int maxBufferedRows;

	private final Duration addTimeout;

	private final Overflow overflow;

	private final int senderThreads;

	private final List<TableDefinition> tables;

	private final @Nullable WriteFailureHandler failureHandler;

	private final TableWriterListener listener;

	private TableWriterConfig(Builder builder) {
		this.writerName = (builder.writerName != null) ? builder.writerName
				: "iotdb-table-writer-" + writerNumber.incrementAndGet();
		if (this.writerName.isBlank()) {
			throw new IllegalArgumentException("writerName must not be blank");
		}
		this.batchSize = builder.batchSize;
		if (this.batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + this.batchSize);
		}
		this.maxBatchAge = requireDuration(builder.maxBatchAge, "maxBatchAge");
		if (this.maxBatchAge.toMillis() < 1) {
			throw new IllegalArgumentException("maxBatchAge must be at least 1ms, was " + this.maxBatchAge);
		}
		this.maxBufferedRows = builder.maxBufferedRows;
		if (this.maxBufferedRows < this.batchSize) {
			throw new IllegalArgumentException(
					"maxBufferedRows must be at least batchSize (" + this.batchSize + "), was " + this.maxBufferedRows);
		}
		this.addTimeout = requireDuration(builder.addTimeout, "addTimeout");
		if (builder.overflow == null) {
			throw new IllegalArgumentException("overflow must not be null");
		}
		this.overflow = builder.overflow;
		this.senderThreads = builder.senderThreads;
		if (this.senderThreads < 1) {
			throw new IllegalArgumentException("senderThreads must be at least 1, was " + this.senderThreads);
		}
		this.tables = List.copyOf(builder.tables);
		this.failureHandler = builder.failureHandler;
		if (builder.listener == null) {
			throw new IllegalArgumentException("listener must not be null (use TableWriterListener.NONE)");
		}
		this.listener = builder.listener;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The writer's name in logs, thread names and metrics. */
	public String getWriterName() {
		return this.writerName;
	}

	/** The rows of a table sent in one request; a batch this full is sent at once. */
	public int getBatchSize() {
		return this.batchSize;
	}

	/** How long the first row of a batch waits before the batch is sent anyway. */
	public Duration getMaxBatchAge() {
		return this.maxBatchAge;
	}

	/** The most rows held over all tables, not yet written or handed on. */
	public int getMaxBufferedRows() {
		return this.maxBufferedRows;
	}

	/** How long {@code add} waits for room when the writer is full. */
	public Duration getAddTimeout() {
		return this.addTimeout;
	}

	public Overflow getOverflow() {
		return this.overflow;
	}

	/** The threads that send batches, each one batch at a time. */
	public int getSenderThreads() {
		return this.senderThreads;
	}

	/** The tables declared when the writer starts. */
	public List<TableDefinition> getTables() {
		return this.tables;
	}

	/** The handler of failed batches, or {@code null} to log them. */
	public @Nullable WriteFailureHandler getFailureHandler() {
		return this.failureHandler;
	}

	public TableWriterListener getListener() {
		return this.listener;
	}

	@Override
	public String toString() {
		return "TableWriterConfig{writerName='" + this.writerName + "', batchSize=" + this.batchSize + ", maxBatchAge="
				+ this.maxBatchAge + ", maxBufferedRows=" + this.maxBufferedRows + ", addTimeout=" + this.addTimeout
				+ ", overflow=" + this.overflow + ", senderThreads=" + this.senderThreads + ", tables="
				+ this.tables.stream().map(TableDefinition::getTable).toList() + "}";
	}

	private static Duration requireDuration(@Nullable Duration value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
		return value;
	}

	/**
	 * Collects the settings of a {@link TableWriterConfig}.
	 */
	public static final class Builder {

		private @Nullable String writerName;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private @Nullable Duration maxBatchAge = DEFAULT_MAX_BATCH_AGE;

		private int maxBufferedRows = DEFAULT_MAX_BUFFERED_ROWS;

		private @Nullable Duration addTimeout = DEFAULT_ADD_TIMEOUT;

		private @Nullable Overflow overflow = Overflow.BLOCK;

		private int senderThreads = DEFAULT_SENDER_THREADS;

		private final List<TableDefinition> tables = new ArrayList<>();

		private @Nullable WriteFailureHandler failureHandler;

		private @Nullable TableWriterListener listener = TableWriterListener.NONE;

		private Builder() {
		}

		public Builder writerName(String writerName) {
			this.writerName = writerName;
			return this;
		}

		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		public Builder maxBatchAge(Duration maxBatchAge) {
			this.maxBatchAge = maxBatchAge;
			return this;
		}

		public Builder maxBufferedRows(int maxBufferedRows) {
			this.maxBufferedRows = maxBufferedRows;
			return this;
		}

		public Builder addTimeout(Duration addTimeout) {
			this.addTimeout = addTimeout;
			return this;
		}

		public Builder overflow(Overflow overflow) {
			this.overflow = overflow;
			return this;
		}

		public Builder senderThreads(int senderThreads) {
			this.senderThreads = senderThreads;
			return this;
		}

		/**
		 * Declares a table; more can be declared later with {@link TableWriter#declare}.
		 */
		public Builder table(TableDefinition table) {
			if (table == null) {
				throw new IllegalArgumentException("table must not be null");
			}
			this.tables.add(table);
			return this;
		}

		/**
		 * Receives the batches that could not be written; by default they are logged.
		 */
		public Builder onFailure(@Nullable WriteFailureHandler failureHandler) {
			this.failureHandler = failureHandler;
			return this;
		}

		public Builder listener(TableWriterListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Validates the settings and builds the config.
		 * @return the config
		 * @throws IllegalArgumentException naming the first invalid setting
		 */
		public TableWriterConfig build() {
			return new TableWriterConfig(this);
		}

	}

}
