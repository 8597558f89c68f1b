package io.github.iotdbtable.client;

import io.github.iotdbtable.client.rpc.InsertTabletRequest;
import io.github.iotdbtable.client.rpc.TabletBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a tablet into an insert request: timestamps in ascending order, values column by
 * column in the same row order, and the null bitmaps when any cell is null.
 */
final class TabletEncoder {

	private TabletEncoder() {
	}

	/**
	 * Encodes some rows of a tablet, in the given order, into the given buffers.
	 * @param order the rows to send, in time order
	 * @param buffers the buffers to encode into; the request points into them
	 */
	static InsertTabletRequest encode(long sessionId, TabletData tablet, TimestampPrecision precision, long[] times,
			int @Nullable [] order, Buffers buffers) {
		TabletSchema schema = tablet.schema();
		int rows = (order != null) ? order.length : tablet.rowCount();
		int columns = schema.columnCount();

		TabletBuffer timestamps = buffers.timestamps.clear(8 * rows);
		if (order == null) {
			timestamps.putLongs(times, rows);
		}
		else {
			for (int i = 0; i < rows; i++) {
				timestamps.putLong(times[order[i]]);
			}
		}

		TabletBuffer values = buffers.values.clear(estimateValueBytes(schema, rows));
		for (int column = 0; column < columns; column++) {
			tablet.writeColumn(column, order, values, precision);
		}
		boolean[] hasNulls = new boolean[columns];
		boolean anyNulls = false;
		for (int column = 0; column < columns; column++) {
			hasNulls[column] = hasNull(tablet, column, order, rows);
			anyNulls |= hasNulls[column];
		}
		if (anyNulls) {
			for (int column = 0; column < columns; column++) {
				if (!hasNulls[column]) {
					values.putByte(0);
					continue;
				}
				values.putByte(1);
				int c = column;
				values.putBitmap((i) -> tablet.isNull(c, (order != null) ? order[i] : i), rows);
			}
		}
		return new InsertTabletRequest(sessionId, schema.tableName(), schema.columnNames(), schema.typeCodes(),
				schema.categoryCodes(), values.toByteBuffer(), timestamps.toByteBuffer(), rows);
	}

	private static boolean hasNull(TabletData tablet, int column, int @Nullable [] order, int rows) {
		if (!tablet.mayHaveNulls(column)) {
			return false;
		}
		for (int i = 0; i < rows; i++) {
			if (tablet.isNull(column, (order != null) ? order[i] : i)) {
				return true;
			}
		}
		return false;
	}

	private static int estimateValueBytes(TabletSchema schema, int rows) {
		long bytes = 0;
		for (DataType type : schema.dataTypes()) {
			bytes += switch (type) {
				case BOOLEAN -> 1;
				case INT32, FLOAT, DATE -> 4;
				case INT64, DOUBLE, TIMESTAMP -> 8;
				case TEXT, STRING, BLOB -> 16;
				case UNKNOWN -> 0; // refused by the schema
			};
		}
		return (int) Math.min(Integer.MAX_VALUE - 8, bytes * rows + 64);
	}

	/**
	 * The two buffers a connection encodes its inserts into, reused from one insert to
	 * the next: a request built on them is valid until the next encode.
	 */
	static final class Buffers {

		final TabletBuffer timestamps = new TabletBuffer(16);

		final TabletBuffer values = new TabletBuffer(16);

	}

	/**
	 * The order that sorts rows by time, stably.
	 */
	static final class TimeOrder {

		private TimeOrder() {
		}

		/**
		 * Returns the row indexes in ascending time order, or {@code null} when the rows
		 * are in order already.
		 */
		static int @Nullable [] sortedOrder(long[] times, int rows) {
			for (int i = 1; i < rows; i++) {
				if (times[i] < times[i - 1]) {
					int[] order = new int[rows];
					for (int row = 0; row < rows; row++) {
						order[row] = row;
					}
					sort(times, order);
					return order;
				}
			}
			return null;
		}

		/**
		 * Sorts rows by time, keeping rows of equal time in their given order.
		 * @param times the time of every row
		 * @param order the rows to sort, sorted in place
		 */
		static void sort(long[] times, int[] order) {
			int rows = order.length;
			int[] scratch = null;
			// bottom-up merge sort: stable, no boxing
			for (int width = 1; width < rows; width *= 2) {
				for (int left = 0; left < rows - width; left += 2 * width) {
					int middle = left + width;
					int right = Math.min(left + 2 * width, rows);
					if (times[order[middle - 1]] <= times[order[middle]]) {
						continue;
					}
					if (scratch == null) {
						scratch = new int[rows];
					}
					merge(times, order, scratch, left, middle, right);
				}
			}
		}

		private static void merge(long[] times, int[] order, int[] scratch, int left, int middle, int right) {
			System.arraycopy(order, left, scratch, left, right - left);
			int i = left;
			int j = middle;
			for (int k = left; k < right; k++) {
				if (j >= right || (i < middle && times[scratch[i]] <= times[scratch[j]])) {
					order[k] = scratch[i++];
				}
				else {
					order[k] = scratch[j++];
				}
			}
		}

	}

}
