package io.github.iotdbtable.client;

import java.lang.reflect.Array;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.github.iotdbtable.client.rpc.TabletBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Rows for one table given as one array per column: the fast path for bulk writes, with
 * no boxing.
 *
 * <pre>{@code
 * ColumnarTablet tablet = ColumnarTablet.builder("table1", timestamps)
 *     .tag("id1", ids)                        // String[]
 *     .attribute("attr1", attrs)              // String[]
 *     .field("m1", DataType.DOUBLE, values)   // double[]
 *     .build();
 * session.insert(tablet);
 * }</pre>
 *
 * <p>
 * Arrays per {@link DataType}: BOOLEAN {@code boolean[]}; INT32 {@code int[]}; INT64
 * {@code long[]}; FLOAT {@code float[]}; DOUBLE {@code double[]}; TEXT and STRING
 * {@code String[]}; BLOB {@code byte[][]}; DATE {@code LocalDate[]} or {@code int[]} of
 * {@code yyyyMMdd}; TIMESTAMP {@code long[]} in the server's precision or
 * {@code Instant[]}. A null cell is a {@code null} element of an object array, or a set
 * bit in the column's null mask. Timestamps are in the server's precision; rows need not
 * be in time order.
 *
 * <p>
 * The arrays are checked when the tablet is built but not copied: leave them unchanged
 * until the insert returns.
 *
 * @since 0.1.0
 */
public final class ColumnarTablet extends TabletData {

	private final TabletSchema schema;

	private final long[] timestamps;

	private final int rowCount;

	private final Object[] columns;

	private final @Nullable BitSet[] nullMasks;

	/**
	 * Creates a tablet from column arrays, in the shape of the seed API's NumpyTablet.
	 * @param tableName the table
	 * @param columnNames the column names, without the time column
	 * @param dataTypes the type of each column
	 * @param columnCategories the category of each column
	 * @param timestamps the time of each row; its length is the row count
	 * @param columnValues one array per column, see the class description
	 * @param nullMasks one null mask per column (a set bit marks a null row), or
	 * {@code null} when a column has none; the list itself may be {@code null}
	 * @throws IllegalArgumentException naming the column whose array does not fit
	 */
	public ColumnarTablet(String tableName, List<String> columnNames, List<DataType> dataTypes,
			List<ColumnCategory> columnCategories, long[] timestamps, List<?> columnValues,
			@Nullable List<@Nullable BitSet> nullMasks) {
		this(new TabletSchema(tableName, columnNames, dataTypes, columnCategories), timestamps,
				(timestamps != null) ? timestamps.length : 0, requireColumns(tableName, columnValues).toArray(),
				(nullMasks != null) ? nullMasks.toArray(new BitSet[0]) : new BitSet[columnNames.size()]);
	}

	ColumnarTablet(TabletSchema schema, long[] timestamps, int rowCount, Object[] columns,
			@Nullable BitSet[] nullMasks) {
		this.schema = schema;
		String table = schema.tableName();
		if (timestamps == null) {
			throw new IllegalArgumentException("tablet '" + table + "' has no timestamps");
		}
		if (rowCount < 0 || rowCount > timestamps.length) {
			throw new IllegalArgumentException(
					"tablet '" + table + "': row count " + rowCount + " but " + timestamps.length + " timestamps");
		}
		if (columns.length != schema.columnCount() || nullMasks.length != schema.columnCount()) {
			throw new IllegalArgumentException("tablet '" + table + "' has " + schema.columnCount() + " columns but "
					+ columns.length + " value arrays and " + nullMasks.length + " null masks");
		}
		this.timestamps = timestamps;
		this.rowCount = rowCount;
		this.columns = columns;
		this.nullMasks = nullMasks;
		for (int column = 0; column < columns.length; column++) {
			checkColumn(column);
		}
	}

	/**
	 * Starts a tablet whose row count is the number of timestamps.
	 * @param tableName the table
	 * @param timestamps the time of each row, in the server's precision
	 * @return a builder to add the columns to
	 */
	public static Builder builder(String tableName, long[] timestamps) {
		return new Builder(tableName, timestamps, (timestamps != null) ? timestamps.length : 0);
	}

	/**
	 * Starts a tablet that uses the first {@code rowCount} entries of the arrays, so that
	 * arrays can be reused for batches of different sizes.
	 * @param tableName the table
	 * @param timestamps the time of each row, in the server's precision
	 * @param rowCount the number of rows
	 * @return a builder to add the columns to
	 */
	public static Builder builder(String tableName, long[] timestamps, int rowCount) {
		return new Builder(tableName, timestamps, rowCount);
	}

	@Override
	public int rowCount() {
		return this.rowCount;
	}

	@Override
	public String toString() {
		return "ColumnarTablet{table='" + this.schema.tableName() + "', columns=" + this.schema.columnNames()
				+ ", rows=" + this.rowCount + "}";
	}

	@Override
	TabletSchema schema() {
		return this.schema;
	}

	@Override
	long[] timestamps(TimestampPrecision precision) {
		return this.timestamps;
	}

	@Override
	boolean isNull(int column, int row) {
		BitSet mask = this.nullMasks[column];
		if (mask != null && mask.get(row)) {
			return true;
		}
		return this.columns[column] instanceof Object[] objects && objects[row] == null;
	}

	@Override
	boolean mayHaveNulls(int column) {
		BitSet mask = this.nullMasks[column];
		return (mask != null && mask.nextSetBit(0) >= 0 && mask.nextSetBit(0) < this.rowCount)
				|| this.columns[column] instanceof Object[];
	}

	@Override
	@Nullable String stringValue(int column, int row) {
		return isNull(column, row) ? null : ((String[]) this.columns[column])[row];
	}

	@Override
	void writeColumn(int column, int @Nullable [] order, TabletBuffer out, TimestampPrecision precision) {
		Object array = this.columns[column];
		int rows = this.rowCount;
		if (order == null && array instanceof double[] values) {
			out.putDoubles(values, rows);
		}
		else if (order == null && array instanceof long[] values) {
			out.putLongs(values, rows);
		}
		else if (order == null && array instanceof int[] values) {
			out.putInts(values, rows);
		}
		else if (order == null && array instanceof float[] values) {
			out.putFloats(values, rows);
		}
		else if (array instanceof String[] values) {
			int count = (order != null) ? order.length : rows;
			for (int i = 0; i < count; i++) {
				String value = values[(order != null) ? order[i] : i];
				if (value != null) {
					out.putString(value);
				}
				else {
					out.putInt(0);
				}
			}
		}
		else {
			writeEach(column, order, out, precision);
		}
	}

	private void writeEach(int column, int @Nullable [] order, TabletBuffer out, TimestampPrecision precision) {
		Object array = this.columns[column];
		DataType type = this.schema.dataType(column);
		int count = (order != null) ? order.length : this.rowCount;
		for (int i = 0; i < count; i++) {
			int row = (order != null) ? order[i] : i;
			if (array instanceof double[] values) {
				out.putDouble(values[row]);
			}
			else if (array instanceof long[] values) {
				out.putLong(values[row]);
			}
			else if (array instanceof int[] values) {
				out.putInt(values[row]);
			}
			else if (array instanceof float[] values) {
				out.putFloat(values[row]);
			}
			else if (array instanceof boolean[] values) {
				out.putBoolean(values[row]);
			}
			else {
				TabletValues.write(out, type, ((Object[]) array)[row], precision, this.schema, column, row);
			}
		}
	}

	private void checkColumn(int column) {
		Object array = this.columns[column];
		DataType type = this.schema.dataType(column);
		if (array == null) {
			throw new IllegalArgumentException(this.schema.describe(column) + " has no value array");
		}
		boolean fits = switch (type) {
			case BOOLEAN -> array instanceof boolean[];
			case INT32 -> array instanceof int[];
			case INT64 -> array instanceof long[];
			case FLOAT -> array instanceof float[];
			case DOUBLE -> array instanceof double[];
			case TEXT, STRING -> array instanceof String[];
			case BLOB -> array instanceof byte[][];
			case DATE -> array instanceof LocalDate[] || array instanceof int[];
			case TIMESTAMP -> array instanceof long[] || array instanceof Instant[];
			case UNKNOWN -> false; // refused by the schema
		};
		if (!fits) {
			throw new IllegalArgumentException(this.schema.describe(column) + ": expected " + arrayTypes(type)
					+ ", got " + array.getClass().getSimpleName());
		}
		int length = Array.getLength(array);
		if (length < this.rowCount) {
			throw new IllegalArgumentException(
					this.schema.describe(column) + " has " + length + " values for " + this.rowCount + " rows");
		}
		if (type == DataType.DATE) {
			for (int row = 0; row < this.rowCount; row++) {
				if (isNull(column, row)) {
					continue;
				}
				if (array instanceof LocalDate[] dates) {
					TabletValues.checkDate(this.schema, column, row, dates[row]);
				}
				else {
					int value = ((int[]) array)[row];
					try {
						TabletValues.checkDate(this.schema, column, row, TabletValues.decodeDate(value));
					}
					catch (DateTimeException ex) {
						throw new IllegalArgumentException("row " + row + ", " + this.schema.describe(column) + ": "
								+ value + " is not a date of the form yyyyMMdd", ex);
					}
				}
			}
		}
	}

	private static List<?> requireColumns(String tableName, @Nullable List<?> columnValues) {
		if (columnValues == null) {
			throw new IllegalArgumentException("tablet '" + tableName + "' has no column values");
		}
		return columnValues;
	}

	private static String arrayTypes(DataType type) {
		return switch (type) {
			case BOOLEAN -> "boolean[]";
			case INT32 -> "int[]";
			case INT64 -> "long[]";
			case FLOAT -> "float[]";
			case DOUBLE -> "double[]";
			case TEXT, STRING -> "String[]";
			case BLOB -> "byte[][]";
			case DATE -> "LocalDate[] or int[] of yyyyMMdd";
			case TIMESTAMP -> "long[] or Instant[]";
			case UNKNOWN -> "no array";
		};
	}

	/**
	 * Adds the columns of a {@link ColumnarTablet}, in order.
	 */
	public static final class Builder {

		private final String tableName;

		private final long[] timestamps;

		private final int rowCount;

		private final List<String> names = new ArrayList<>();

		private final List<DataType> types = new ArrayList<>();

		private final List<ColumnCategory> categories = new ArrayList<>();

		private final List<Object> values = new ArrayList<>();

		private final List<@Nullable BitSet> nullMasks = new ArrayList<>();

		private Builder(String tableName, long[] timestamps, int rowCount) {
			this.tableName = tableName;
			this.timestamps = timestamps;
			this.rowCount = rowCount;
		}

		/** Adds a TAG column of type STRING; {@code null} elements are null cells. */
		public Builder tag(String name, String[] values) {
			return column(name, DataType.STRING, ColumnCategory.TAG, values, null);
		}

		/**
		 * Adds an ATTRIBUTE column of type STRING; {@code null} elements are null cells.
		 */
		public Builder attribute(String name, String[] values) {
			return column(name, DataType.STRING, ColumnCategory.ATTRIBUTE, values, null);
		}

		/**
		 * Adds a FIELD column without nulls (other than {@code null} elements of an
		 * object array).
		 */
		public Builder field(String name, DataType type, Object values) {
			return column(name, type, ColumnCategory.FIELD, values, null);
		}

		/** Adds a FIELD column whose null rows are the set bits of {@code nullMask}. */
		public Builder field(String name, DataType type, Object values, @Nullable BitSet nullMask) {
			return column(name, type, ColumnCategory.FIELD, values, nullMask);
		}

		/**
		 * Adds a column.
		 * @param name the column name
		 * @param type the data type
		 * @param category the category
		 * @param values the array of values, see {@link ColumnarTablet}
		 * @param nullMask the null rows as set bits, or {@code null} for none
		 * @return this builder
		 */
		public Builder column(String name, DataType type, ColumnCategory category, Object values,
				@Nullable BitSet nullMask) {
			this.names.add(name);
			this.types.add(type);
			this.categories.add(category);
			this.values.add(values);
			this.nullMasks.add(nullMask);
			return this;
		}

		/**
		 * Checks the columns and builds the tablet.
		 * @return the tablet
		 * @throws IllegalArgumentException naming the column whose array does not fit
		 */
		public ColumnarTablet build() {
			return new ColumnarTablet(new TabletSchema(this.tableName, this.names, this.types, this.categories),
					this.timestamps, this.rowCount, this.values.toArray(), this.nullMasks.toArray(new BitSet[0]));
		}

	}

}
