package io.github.iotdbtable.spring.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.github.iotdbtable.client.ColumnCategory;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.TableDefinition;
import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.client.Tablet;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Turns Java objects into rows of a table, for
 * {@link TableOperations#insert(Iterable, TabletMapper)}.
 *
 * <pre>{@code
 * TabletMapper<Reading> readings = TabletMapper.<Reading>forTable("readings")
 *     .time(Reading::at)                                   // an Instant
 *     .tag("device", Reading::device)
 *     .field("temperature", DataType.DOUBLE, Reading::temperature)
 *     .build();
 * template.insert(batch, readings);
 * readings.add(writer, reading);                          // one object, through a TableWriter
 * }</pre>
 *
 * @param <T> the type of the objects
 * @since 0.1.0
 */
public final class TabletMapper<T> {

	/** The rows sent per insert request when none is set. */
	public static final int DEFAULT_BATCH_SIZE = 10_000;

	private final String table;

	private final Function<T, Object> time;

	private final List<Column<T>> columns;

	private final int batchSize;

	private final TableDefinition definition;

	private TabletMapper(Builder<T> builder) {
		this.table = builder.table;
		this.time = Objects.requireNonNull(builder.time,
				() -> "tablet mapper of table '" + builder.table + "' has no time: call time(...) or timestamp(...)");
		if (builder.columns.isEmpty()) {
			throw new IllegalArgumentException("tablet mapper of table '" + builder.table + "' has no columns");
		}
		this.columns = List.copyOf(builder.columns);
		this.batchSize = builder.batchSize;
		newTablet(1);
		this.definition = TableDefinition.of(this.table, this.columns.stream().map(Column::name).toList(),
				this.columns.stream().map(Column::type).toList(), this.columns.stream().map(Column::category).toList());
	}

	public static <T> Builder<T> forTable(String table) {
		return new Builder<>(table);
	}

	public String getTable() {
		return this.table;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	/**
	 * The table and columns this mapper fills, to declare to a {@link TableWriter}.
	 * @return the definition
	 * @since 0.1.0
	 */
	public TableDefinition getDefinition() {
		return this.definition;
	}

	/**
	 * Adds one object as a row through a writer, declaring the table to it first when
	 * needed.
	 * @param writer the writer
	 * @param item the object
	 * @throws IllegalArgumentException naming the column when a value does not fit
	 * @see TableWriter#add(String, long, Object...)
	 * @since 0.1.0
	 */
	public void add(TableWriter writer, T item) {
		writer.declare(this.definition);
		@Nullable Object[] values = new Object[this.columns.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.columns.get(i).value().apply(item);
		}
		Object time = this.time.apply(item);
		if (time instanceof Instant instant) {
			writer.add(this.table, instant, values);
		}
		else if (time instanceof Long timestamp) {
			writer.add(this.table, timestamp, values);
		}
		else {
			throw new IllegalArgumentException("an object for table '" + this.table + "' has no time");
		}
	}

	/**
	 * Builds a tablet from some objects.
	 * @throws IllegalArgumentException from the client, naming the object's position and
	 * the column, when a value does not fit
	 * @throws InvalidDataAccessApiUsageException naming the object's position when it has
	 * no time
	 */
	public Tablet toTablet(List<? extends T> items) {
		Tablet tablet = newTablet(items.size());
		@Nullable Object[] values = new Object[this.columns.size()];
		for (T item : items) {
			for (int i = 0; i < values.length; i++) {
				values[i] = this.columns.get(i).value().apply(item);
			}
			Object time = this.time.apply(item);
			if (time instanceof Instant instant) {
				tablet.addRow(instant, values);
			}
			else if (time instanceof Long timestamp) {
				tablet.addRow(timestamp, values);
			}
			else {
				throw new InvalidDataAccessApiUsageException(
						"row " + tablet.rowCount() + " of table '" + this.table + "' has no time");
			}
		}
		return tablet;
	}

	private Tablet newTablet(int capacity) {
		Tablet.Builder builder = Tablet.builder(this.table).initialCapacity(capacity);
		for (Column<T> column : this.columns) {
			builder.column(column.name(), column.type(), column.category());
		}
		return builder.build();
	}

	private record Column<T>(String name, DataType type, ColumnCategory category,
			Function<T, ? extends @Nullable Object> value) {
	}

	/**
	 * Adds the time and the columns, in table order.
	 *
	 * @param <T> the type of the objects
	 */
	public static final class Builder<T> {

		private final String table;

		private @Nullable Function<T, Object> time;

		private final List<Column<T>> columns = new ArrayList<>();

		private int batchSize = DEFAULT_BATCH_SIZE;

		private Builder(String table) {
			this.table = table;
		}

		/** The time of each object as an instant. */
		public Builder<T> time(Function<T, Instant> time) {
			this.time = time::apply;
			return this;
		}

		/**
		 * The time of each object in the server's precision (milliseconds by default).
		 */
		public Builder<T> timestamp(ToLongFunction<T> timestamp) {
			this.time = (item) -> timestamp.applyAsLong(item);
			return this;
		}

		public Builder<T> tag(String name, Function<T, @Nullable String> value) {
			return column(name, DataType.STRING, ColumnCategory.TAG, value);
		}

		public Builder<T> attribute(String name, Function<T, @Nullable String> value) {
			return column(name, DataType.STRING, ColumnCategory.ATTRIBUTE, value);
		}

		public Builder<T> field(String name, DataType type, Function<T, ? extends @Nullable Object> value) {
			return column(name, type, ColumnCategory.FIELD, value);
		}

		public Builder<T> column(String name, DataType type, ColumnCategory category,
				Function<T, ? extends @Nullable Object> value) {
			this.columns.add(new Column<>(name, type, category, value));
			return this;
		}

		/** The most rows sent in one insert request. */
		public Builder<T> batchSize(int batchSize) {
			if (batchSize < 1) {
				throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
			}
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Builds the mapper.
		 * @throws IllegalArgumentException when the columns do not make a valid tablet
		 */
		public TabletMapper<T> build() {
			return new TabletMapper<>(this);
		}

	}

}
