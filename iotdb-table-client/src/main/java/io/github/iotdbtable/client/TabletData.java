package io.github.iotdbtable.client;

import java.util.List;

import io.github.iotdbtable.client.rpc.TabletBuffer;
import org.jspecify.annotations.Nullable;

/**
 * What the encoder needs of a tablet, whichever its shape.
 */
abstract sealed class TabletData permits Tablet, ColumnarTablet {

	abstract TabletSchema schema();

	/** The table the rows go to. */
	public final String getTableName() {
		return schema().tableName();
	}

	/** The column names, without the time column. */
	public final List<String> getColumnNames() {
		return schema().columnNames();
	}

	public final List<DataType> getDataTypes() {
		return schema().dataTypes();
	}

	public final List<ColumnCategory> getColumnCategories() {
		return schema().columnCategories();
	}

	/** The number of rows. */
	public abstract int rowCount();

	/**
	 * The time of each row in the given precision.
	 * @param precision the server's precision
	 * @return the times; the array may be longer than the row count
	 */
	abstract long[] timestamps(TimestampPrecision precision);

	abstract boolean isNull(int column, int row);

	/**
	 * Whether any row of the column may be null.
	 * @param column the column
	 * @return false when no row of the column is null
	 */
	abstract boolean mayHaveNulls(int column);

	/**
	 * The value of a STRING column, such as a tag, for grouping rows by device.
	 * @param column a STRING column
	 * @param row the row
	 * @return the value, or {@code null}
	 */
	abstract @Nullable String stringValue(int column, int row);

	/**
	 * Writes one value slot per row (a placeholder for null rows), rows in the given
	 * order.
	 * @param column the column
	 * @param order the rows to write, in the order to write them (possibly a subset), or
	 * {@code null} for every row in its own order
	 * @param out the buffer
	 * @param precision the server's timestamp precision, for TIMESTAMP values given as
	 * instants
	 */
	abstract void writeColumn(int column, int @Nullable [] order, TabletBuffer out, TimestampPrecision precision);

}
