package io.github.iotdbtable.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.iotdbtable.client.rpc.TabletBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Rows for one table, added one at a time: the convenient way to write. Every value is
 * checked against its column's type when the row is added, so a bad row is refused before
 * anything is sent.
 *
 * <pre>{@code
 * Tablet tablet = Tablet.builder("table0")
 *     .tag("id1")
 *     .attribute("attr1")
 *     .field("m1", DataType.DOUBLE)
 *     .build();
 * tablet.addRow(1L, "id:1", "attr:1", 1.0);
 * session.insert(tablet);
 * }</pre>
 *
 * <p>
 * Java types per {@link DataType}: BOOLEAN {@code Boolean}; INT32 {@code Integer}; INT64
 * {@code Long} or {@code Integer}; FLOAT {@code Float}; DOUBLE {@code Double} or
 * {@code Float}; TEXT and STRING {@code String}; BLOB {@code byte[]}; DATE
 * {@link LocalDate}; TIMESTAMP {@code Long} in the server's precision or {@link Instant}.
 * A {@code null} value is a null cell. Rows need not be in time order: they are sent
 * sorted by time (stably, so of two rows with the same time and tags the later one wins).
 *
 * <p>
 * Not thread-safe. For large, already columnar data use {@link ColumnarTablet}.
 *
 * @since 0.1.0
 */
public final class Tablet extends TabletData {

	private final TabletSchema schema;

	private long[] timestamps;

	/**
	 * Times given as instants, converted when the server's precision is known;
	 * {@code null} until used.
	 */
	private Instant @Nullable [] instants;

	private final @Nullable Object[][] values;

	private int rowCount;

	/**
	 * Creates an empty tablet.
	 * @param tableName the table
	 * @param columnNames the column names, without the time column
	 * @param dataTypes the type of each column
	 * @param columnCategories the category of each column
	 * @throws IllegalArgumentException when the columns are empty, duplicated or of
	 * different counts
	 */
	public Tablet(String tableName, List<String> columnNames, List<DataType> dataTypes,
			List<ColumnCategory> columnCategories) {
		this(new TabletSchema(tableName, columnNames, dataTypes, columnCategories), 16);
	}

	/**
	 * Creates a tablet holding the given rows, in the order of the seed API.
	 * @param tableName the table
	 * @param columnNames the column names, without the time column
	 * @param dataTypes the type of each column
	 * @param rows the values of each row, one per column
	 * @param timestamps the time of each row
	 * @param columnCategories the category of each column
	 * @throws IllegalArgumentException naming the row and column of the first bad value
	 */
	public Tablet(String tableName, List<String> columnNames, List<DataType> dataTypes, List<? extends List<?>> rows,
			List<Long> timestamps, List<ColumnCategory> columnCategories) {
		this(new TabletSchema(tableName, columnNames, dataTypes, columnCategories), rows.size());
		if (rows.size() != timestamps.size()) {
			throw new IllegalArgumentException(
					"tablet '" + tableName + "' has " + timestamps.size() + " timestamps for " + rows.size() + " rows");
		}
		for (int row = 0; row < rows.size(); row++) {
			Long time = timestamps.get(row);
			if (time == null) {
				throw new IllegalArgumentException("tablet '" + tableName + "': row " + row + " has no timestamp");
			}
			List<?> values = rows.get(row);
			if (values == null) {
				throw new IllegalArgumentException("tablet '" + tableName + "': row " + row + " is null");
			}
			addRow(time, values.toArray());
		}
	}

	private Tablet(TabletSchema schema, int capacity) {
		this.schema = schema;
		int initial = Math.max(capacity, 1);
		this.timestamps = new long[initial];
		this.values = new Object[schema.columnCount()][initial];
	}

	/**
	 * Starts describing the columns of a tablet.
	 * @param tableName the table
	 * @return a builder
	 */
	public static Builder builder(String tableName) {
		return new Builder(tableName);
	}

	/**
	 * Adds a row.
	 * @param timestamp the row's time in the server's timestamp precision (milliseconds
	 * by default)
	 * @param values one value per column, in column order; {@code null} for a null cell
	 * @return this tablet
	 * @throws IllegalArgumentException naming the column when a value does not fit its
	 * column; the tablet is left unchanged
	 */
	public Tablet addRow(long timestamp, @Nullable Object... values) {
		checkRow(values);
		int row = grow();
		this.timestamps[row] = timestamp;
		store(row, values);
		return this;
	}

	/**
	 * Adds a row whose time is an instant, converted to the server's timestamp precision
	 * when inserted.
	 * @param timestamp the row's time
	 * @param values one value per column, in column order; {@code null} for a null cell
	 * @return this tablet
	 * @throws IllegalArgumentException naming the column when a value does not fit its
	 * column, or when the time is null; the tablet is left unchanged
	 */
	public Tablet addRow(Instant timestamp, @Nullable Object... values) {
		if (timestamp == null) {
			throw new IllegalArgumentException(
					"tablet '" + this.schema.tableName() + "': row " + this.rowCount + " has no timestamp");
		}
		checkRow(values);
		int row = grow();
		if (this.instants == null) {
			this.instants = new Instant[this.timestamps.length];
		}
		this.instants[row] = timestamp;
		store(row, values);
		return this;
	}

	/** Removes all rows, keeping the columns, so the tablet can be filled again. */
	public void reset() {
		for (Object[] column : this.values) {
			Arrays.fill(column, 0, this.rowCount, null);
		}
		if (this.instants != null) {
			Arrays.fill(this.instants, 0, this.rowCount, null);
		}
		this.rowCount = 0;
	}

	@Override
	public int rowCount() {
		return this.rowCount;
	}

	/**
	 * The value of a cell, as it was added.
	 * @param row the row, from 0
	 * @param column the column, from 0
	 * @return the value, or {@code null} for a null cell
	 */
	public @Nullable Object getValue(int row, int column) {
		checkIndex(row);
		return this.values[column][row];
	}

	/**
	 * The time of a row as it was added: a {@code Long} or an {@link Instant}.
	 * @param row the row, from 0
	 * @return the time
	 */
	public Object getTimestamp(int row) {
		checkIndex(row);
		Instant instant = (this.instants != null) ? this.instants[row] : null;
		return (instant != null) ? instant : this.timestamps[row];
	}

	@Override
	public String toString() {
		return "Tablet{table='" + this.schema.tableName() + "', columns=" + this.schema.columnNames() + ", rows="
				+ this.rowCount + "}";
	}

	@Override
	TabletSchema schema() {
		return this.schema;
	}

	@Override
	long[] timestamps(TimestampPrecision precision) {
		Instant[] given = this.instants;
		if (given == null) {
			return this.timestamps;
		}
		long[] times = Arrays.copyOf(this.timestamps, this.rowCount);
		for (int row = 0; row < this.rowCount; row++) {
			if (given[row] != null) {
				times[row] = TabletValues.toTime(given[row], precision, this.schema, -1, row);
			}
		}
		return times;
	}

	@Override
	boolean isNull(int column, int row) {
		return this.values[column][row] == null;
	}

	@Override
	boolean mayHaveNulls(int column) {
		return true;
	}

	@Override
	@Nullable String stringValue(int column, int row) {
		return (String) this.values[column][row];
	}

	@Override
	void writeColumn(int column, int @Nullable [] order, TabletBuffer out, TimestampPrecision precision) {
		DataType type = this.schema.dataType(column);
		Object[] cells = this.values[column];
		int count = (order != null) ? order.length : this.rowCount;
		for (int i = 0; i < count; i++) {
			int row = (order != null) ? order[i] : i;
			TabletValues.write(out, type, cells[row], precision, this.schema, column, row);
		}
	}

	private void checkRow(@Nullable Object[] values) {
		if (values == null) {
			throw new IllegalArgumentException("tablet '" + this.schema.tableName() + "': row " + this.rowCount
					+ " has no values; pass one per column");
		}
		if (values.length != this.schema.columnCount()) {
			throw new IllegalArgumentException(
					"tablet '" + this.schema.tableName() + "': row " + this.rowCount + " has " + values.length
							+ " values for " + this.schema.columnCount() + " columns " + this.schema.columnNames());
		}
		for (int column = 0; column < values.length; column++) {
			TabletValues.check(this.schema, column, this.rowCount, values[column]);
		}
	}

	private int grow() {
		int row = this.rowCount;
		if (row == this.timestamps.length) {
			int capacity = Math.max(16, row * 2);
			this.timestamps = Arrays.copyOf(this.timestamps, capacity);
			if (this.instants != null) {
				this.instants = Arrays.copyOf(this.instants, capacity);
			}
			for (int column = 0; column < this.values.length; column++) {
				this.values[column] = Arrays.copyOf(this.values[column], capacity);
			}
		}
		this.rowCount = row + 1;
		return row;
	}

	private void store(int row, @Nullable Object[] values) {
		for (int column = 0; column < values.length; column++) {
			this.values[column][row] = values[column];
		}
	}

	private void checkIndex(int row) {
		if (row < 0 || row >= this.rowCount) {
			throw new IndexOutOfBoundsException("row " + row + " of a tablet with " + this.rowCount + " rows");
		}
	}

	/**
	 * Describes the columns of a {@link Tablet}, in order.
	 */
	public static final class Builder {

		private final String tableName;

		private final List<String> names = new ArrayList<>();

		private final List<DataType> types = new ArrayList<>();

		private final List<ColumnCategory> categories = new ArrayList<>();

		private int capacity = 16;

		private Builder(String tableName) {
			this.tableName = tableName;
		}

		/** Adds a TAG column of type STRING. */
		public Builder tag(String name) {
			return column(name, DataType.STRING, ColumnCategory.TAG);
		}

		/** Adds an ATTRIBUTE column of type STRING. */
		public Builder attribute(String name) {
			return column(name, DataType.STRING, ColumnCategory.ATTRIBUTE);
		}

		/** Adds a FIELD column. */
		public Builder field(String name, DataType type) {
			return column(name, type, ColumnCategory.FIELD);
		}

		public Builder column(String name, DataType type, ColumnCategory category) {
			this.names.add(name);
			this.types.add(type);
			this.categories.add(category);
			return this;
		}

		/** Sets the number of rows to make room for up front. */
		public Builder initialCapacity(int rows) {
			if (rows < 0) {
				throw new IllegalArgumentException("initial capacity must not be negative, was " + rows);
			}
			this.capacity = rows;
			return this;
		}

		public Tablet build() {
			return new Tablet(new TabletSchema(this.tableName, this.names, this.types, this.categories), this.capacity);
		}

	}

}
