package io.github.iotdbtable.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * The rows of one table that a {@link TableWriter} sends together, held column by column
 * in primitive arrays that grow up to the batch size. Filled under its table's lock, then
 * sealed and read by one sender thread; {@link #done} opens when the batch was written or
 * handed to the failure handler.
 */
final class WriterBatch {

	private static final Instant[] NONE = {};

	final TabletSchema schema;

	/** When the first row came, on the writer's clock. */
	final long startedNanos;

	final CountDownLatch done = new CountDownLatch(1);

	private final int maxRows;

	private long[] times;

	/** Times given as instants, converted when the server's precision is known. */
	private Instant @Nullable [] instants;

	private final Object[] columns;

	/** The null rows of each primitive column; {@code null} for object columns. */
	private final @Nullable BitSet[] nulls;

	/**
	 * Values of TIMESTAMP columns given as instants, per column, made when needed: empty
	 * until then.
	 */
	private final Instant[][] columnInstants;

	/** Which columns the row being filled has set. */
	private final boolean[] assigned;

	private int size;

	WriterBatch(TabletSchema schema, int maxRows, long startedNanos) {
		this.schema = schema;
		this.maxRows = maxRows;
		this.startedNanos = startedNanos;
		int capacity = Math.min(maxRows, 64);
		int count = schema.columnCount();
		this.times = new long[capacity];
		this.columns = new Object[count];
		this.nulls = new BitSet[count];
		this.columnInstants = new Instant[count][];
		Arrays.fill(this.columnInstants, NONE);
		this.assigned = new boolean[count];
		for (int column = 0; column < count; column++) {
			DataType type = schema.dataType(column);
			this.columns[column] = newArray(type, capacity);
			if (isPrimitive(type)) {
				this.nulls[column] = new BitSet();
			}
		}
	}

	int size() {
		return this.size;
	}

	boolean isFull() {
		return this.size == this.maxRows;
	}

	/** Makes room for one more row and starts it, with no column set. */
	void beginRow() {
		int row = this.size;
		if (row == this.times.length) {
			int capacity = Math.min(this.maxRows, row * 2);
			this.times = Arrays.copyOf(this.times, capacity);
			if (this.instants != null) {
				this.instants = Arrays.copyOf(this.instants, capacity);
			}
			for (int column = 0; column < this.columns.length; column++) {
				this.columns[column] = grow(this.columns[column], capacity);
				Instant[] given = this.columnInstants[column];
				if (given.length != 0) {
					this.columnInstants[column] = Arrays.copyOf(given, capacity);
				}
			}
		}
		Arrays.fill(this.assigned, false);
	}

	/**
	 * Ends the row begun last: columns it did not set are null.
	 * @param time the time in the server's precision, unless {@code instant} is given
	 * @param instant the time as an instant, or {@code null}
	 */
	void commitRow(long time, @Nullable Instant instant) {
		int row = this.size;
		this.times[row] = time;
		if (instant != null) {
			if (this.instants == null) {
				this.instants = new Instant[this.times.length];
			}
			this.instants[row] = instant;
		}
		else if (this.instants != null) {
			this.instants[row] = null;
		}
		for (int column = 0; column < this.assigned.length; column++) {
			if (!this.assigned[column]) {
				setNull(column);
			}
		}
		this.size = row + 1;
	}

	/** Sets a value already checked against its column. */
	void set(int column, @Nullable Object value) {
		if (value == null) {
			setNull(column);
			return;
		}
		int row = this.size;
		Object array = this.columns[column];
		switch (this.schema.dataType(column)) {
			case BOOLEAN -> ((boolean[]) array)[row] = (Boolean) value;
			case INT32 -> ((int[]) array)[row] = (Integer) value;
			case INT64 -> ((long[]) array)[row] = ((Number) value).longValue();
			case FLOAT -> ((float[]) array)[row] = (Float) value;
			case DOUBLE -> ((double[]) array)[row] = ((Number) value).doubleValue();
			case TIMESTAMP -> {
				if (value instanceof Instant instant) {
					setTimestamp(column, 0L, instant);
					return;
				}
				setTimestamp(column, ((Number) value).longValue(), null);
				return;
			}
			default -> ((Object[]) array)[row] = value;
		}
		present(column);
	}

	void setBoolean(int column, boolean value) {
		((boolean[]) this.columns[column])[this.size] = value;
		present(column);
	}

	void setInt(int column, int value) {
		((int[]) this.columns[column])[this.size] = value;
		present(column);
	}

	void setLong(int column, long value) {
		if (this.schema.dataType(column) == DataType.TIMESTAMP) {
			setTimestamp(column, value, null);
			return;
		}
		((long[]) this.columns[column])[this.size] = value;
		present(column);
	}

	void setFloat(int column, float value) {
		((float[]) this.columns[column])[this.size] = value;
		present(column);
	}

	void setDouble(int column, double value) {
		((double[]) this.columns[column])[this.size] = value;
		present(column);
	}

	private void setTimestamp(int column, long value, @Nullable Instant instant) {
		int row = this.size;
		((long[]) this.columns[column])[row] = value;
		Instant[] given = this.columnInstants[column];
		if (instant != null && given.length == 0) {
			given = new Instant[this.times.length];
			this.columnInstants[column] = given;
		}
		if (given.length != 0) {
			given[row] = instant;
		}
		present(column);
	}

	private void present(int column) {
		this.assigned[column] = true;
		BitSet mask = this.nulls[column];
		if (mask != null) {
			mask.clear(this.size);
		}
	}

	private void setNull(int column) {
		this.assigned[column] = true;
		int row = this.size;
		BitSet mask = this.nulls[column];
		if (mask != null) {
			mask.set(row);
			Instant[] given = this.columnInstants[column];
			if (given.length != 0) {
				given[row] = null;
			}
		}
		else {
			((Object[]) this.columns[column])[row] = null;
		}
	}

	/**
	 * The rows as a tablet to send.
	 * @param precision the server's timestamp precision, for the instants
	 * @throws IllegalArgumentException when an instant does not fit the precision
	 */
	ColumnarTablet toTablet(TimestampPrecision precision) {
		long[] timestamps = this.times;
		Instant[] given = this.instants;
		if (given != null) {
			timestamps = Arrays.copyOf(timestamps, this.size);
			for (int row = 0; row < this.size; row++) {
				if (given[row] != null) {
					timestamps[row] = TabletValues.toTime(given[row], precision, this.schema, -1, row);
				}
			}
		}
		Object[] arrays = this.columns.clone();
		for (int column = 0; column < arrays.length; column++) {
			Instant[] values = this.columnInstants[column];
			if (values.length != 0) {
				long[] converted = Arrays.copyOf((long[]) arrays[column], this.size);
				for (int row = 0; row < this.size; row++) {
					if (values[row] != null) {
						converted[row] = TabletValues.toTime(values[row], precision, this.schema, column, row);
					}
				}
				arrays[column] = converted;
			}
		}
		return new ColumnarTablet(this.schema, timestamps, this.size, arrays, this.nulls.clone());
	}

	/** The rows as they were added, for the failure handler. */
	Tablet toRows() {
		Tablet rows = new Tablet(this.schema.tableName(), this.schema.columnNames(), this.schema.dataTypes(),
				this.schema.columnCategories());
		@Nullable Object[] values = new Object[this.columns.length];
		for (int row = 0; row < this.size; row++) {
			for (int column = 0; column < values.length; column++) {
				values[column] = value(column, row);
			}
			Instant instant = (this.instants != null) ? this.instants[row] : null;
			if (instant != null) {
				rows.addRow(instant, values);
			}
			else {
				rows.addRow(this.times[row], values);
			}
		}
		return rows;
	}

	private @Nullable Object value(int column, int row) {
		BitSet mask = this.nulls[column];
		if (mask != null && mask.get(row)) {
			return null;
		}
		Object array = this.columns[column];
		Instant[] given = this.columnInstants[column];
		if (given.length != 0 && given[row] != null) {
			return given[row];
		}
		if (array instanceof boolean[] values) {
			return values[row];
		}
		if (array instanceof int[] values) {
			return values[row];
		}
		if (array instanceof long[] values) {
			return values[row];
		}
		if (array instanceof float[] values) {
			return values[row];
		}
		if (array instanceof double[] values) {
			return values[row];
		}
		return ((Object[]) array)[row];
	}

	private static boolean isPrimitive(DataType type) {
		return switch (type) {
			case BOOLEAN, INT32, INT64, FLOAT, DOUBLE, TIMESTAMP -> true;
			case TEXT, STRING, BLOB, DATE -> false;
			// TabletSchema refuses it: no table a writer knows has such a column
			case UNKNOWN -> throw new IllegalArgumentException("no column of a writer is of an unknown type");
		};
	}

	private static Object newArray(DataType type, int capacity) {
		return switch (type) {
			case BOOLEAN -> new boolean[capacity];
			case INT32 -> new int[capacity];
			case INT64, TIMESTAMP -> new long[capacity];
			case FLOAT -> new float[capacity];
			case DOUBLE -> new double[capacity];
			case TEXT, STRING -> new String[capacity];
			case BLOB -> new byte[capacity][];
			case DATE -> new LocalDate[capacity];
			case UNKNOWN -> throw new IllegalArgumentException("no column of a writer is of an unknown type");
		};
	}

	private static Object grow(Object array, int capacity) {
		if (array instanceof boolean[] values) {
			return Arrays.copyOf(values, capacity);
		}
		if (array instanceof int[] values) {
			return Arrays.copyOf(values, capacity);
		}
		if (array instanceof long[] values) {
			return Arrays.copyOf(values, capacity);
		}
		if (array instanceof float[] values) {
			return Arrays.copyOf(values, capacity);
		}
		if (array instanceof double[] values) {
			return Arrays.copyOf(values, capacity);
		}
		return Arrays.copyOf((Object[]) array, capacity);
	}

}
