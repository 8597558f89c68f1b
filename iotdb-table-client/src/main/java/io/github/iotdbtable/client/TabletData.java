package io.github.iotdbtable.client;

import io.github.iotdbtable.client.rpc.TabletBuffer;
import org.jspecify.annotations.Nullable;

/**
 * What the encoder needs of a tablet, whichever its shape.
 */
sealed interface TabletData permits Tablet, ColumnarTablet {

	TabletSchema schema();

	int rowCount();

	/**
	 * The time of each row in the given precision.
	 * @param precision the server's precision
	 * @return the times; the array may be longer than the row count
	 */
	long[] timestamps(TimestampPrecision precision);

	boolean isNull(int column, int row);

	/**
	 * Whether any row of the column may be null.
	 * @param column the column
	 * @return false when no row of the column is null
	 */
	boolean mayHaveNulls(int column);

	/**
	 * Writes one value slot per row (a placeholder for null rows), rows in the given order.
	 * @param column the column
	 * @param order the rows in the order to write them, or {@code null} for their own order
	 * @param out the buffer
	 * @param precision the server's timestamp precision, for TIMESTAMP values given as instants
	 */
	void writeColumn(int column, int @Nullable [] order, TabletBuffer out, TimestampPrecision precision);

}
