package io.github.iotdbtable.client;

import io.github.iotdbtable.client.rpc.InsertTabletRequest;
import io.github.iotdbtable.client.rpc.TabletBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a tablet into an insert request: timestamps in ascending order, values column by column in the same row
 * order, and the null bitmaps when any cell is null.
 */
final class TabletEncoder {

	private TabletEncoder() {
	}

	static InsertTabletRequest encode(long sessionId, TabletData tablet, TimestampPrecision precision) {
		TabletSchema schema = tablet.schema();
		int rows = tablet.rowCount();
		int columns = schema.columnCount();
		long[] times = tablet.timestamps(precision);
		int[] order = TimeOrder.sortedOrder(times, rows);

		TabletBuffer timestamps = new TabletBuffer(8 * rows);
		if (order == null) {
			timestamps.putLongs(times, rows);
		}
		else {
			for (int i = 0; i < rows; i++) {
				timestamps.putLong(times[order[i]]);
			}
		}

		TabletBuffer values = new TabletBuffer(estimateValueBytes(schema, rows));
		for (int column = 0; column < columns; column++) {
			tablet.writeColumn(column, order, values, precision);
		}
		boolean[] hasNulls = new boolean[columns];
		boolean anyNulls = false;
		for (int column = 0; column < columns; column++) {
			hasNulls[column] = hasNull(tablet, column, rows);
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

	private static boolean hasNull(TabletData tablet, int column, int rows) {
		if (!tablet.mayHaveNulls(column)) {
			return false;
		}
		for (int row = 0; row < rows; row++) {
			if (tablet.isNull(column, row)) {
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
			};
		}
		return (int) Math.min(Integer.MAX_VALUE - 8, bytes * rows + 64);
	}

	/**
	 * The order that sorts rows by time, stably.
	 */
	static final class TimeOrder {

		private TimeOrder() {
		}

		/**
		 * @return the row indexes in ascending time order, or {@code null} when the rows are in order already
		 */
		static int @Nullable [] sortedOrder(long[] times, int rows) {
			int firstDescent = -1;
			for (int i = 1; i < rows; i++) {
				if (times[i] < times[i - 1]) {
					firstDescent = i;
					break;
				}
			}
			if (firstDescent < 0) {
				return null;
			}
			int[] order = new int[rows];
			for (int i = 0; i < rows; i++) {
				order[i] = i;
			}
			int[] scratch = new int[rows];
			// bottom-up merge sort: stable, no boxing
			for (int width = 1; width < rows; width *= 2) {
				for (int left = 0; left < rows - width; left += 2 * width) {
					int middle = left + width;
					int right = Math.min(left + 2 * width, rows);
					if (times[order[middle - 1]] <= times[order[middle]]) {
						continue;
					}
					merge(times, order, scratch, left, middle, right);
				}
			}
			return order;
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
