package io.github.iotdbtable.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import io.github.iotdbtable.client.rpc.TabletBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The Java values each column type accepts, and how they are written in a tablet.
 */
final class TabletValues {

	private TabletValues() {
	}

	/**
	 * Checks that a value fits a column.
	 * @throws IllegalArgumentException naming the row, the column and the expected Java
	 * types
	 */
	static void check(TabletSchema schema, int column, int row, @Nullable Object value) {
		if (value == null) {
			return;
		}
		DataType type = schema.dataType(column);
		if (!fits(type, value)) {
			throw new IllegalArgumentException("row " + row + ", " + schema.describe(column) + ": expected "
					+ javaTypes(type) + ", got " + value.getClass().getSimpleName());
		}
		if (type == DataType.DATE) {
			checkDate(schema, column, row, (LocalDate) value);
		}
	}

	/** Whether a value is of a Java type the column type accepts. */
	static boolean fits(DataType type, Object value) {
		return switch (type) {
			case BOOLEAN -> value instanceof Boolean;
			case INT32 -> value instanceof Integer;
			case INT64 -> value instanceof Long || value instanceof Integer;
			case FLOAT -> value instanceof Float;
			case DOUBLE -> value instanceof Double || value instanceof Float;
			case TEXT, STRING -> value instanceof String;
			case BLOB -> value instanceof byte[];
			case DATE -> value instanceof LocalDate;
			case TIMESTAMP -> value instanceof Long || value instanceof Integer || value instanceof Instant;
			case UNKNOWN -> false; // refused by the schema
		};
	}

	static String javaTypes(DataType type) {
		return switch (type) {
			case BOOLEAN -> "Boolean";
			case INT32 -> "Integer";
			case INT64 -> "Long or Integer";
			case FLOAT -> "Float";
			case DOUBLE -> "Double or Float";
			case TEXT, STRING -> "String";
			case BLOB -> "byte[]";
			case DATE -> "LocalDate";
			case TIMESTAMP -> "Long, Integer or Instant";
			case UNKNOWN -> "no value";
		};
	}

	static void checkDate(TabletSchema schema, int column, int row, LocalDate date) {
		if (date.getYear() < 1000 || date.getYear() > 9999) {
			throw new IllegalArgumentException("row " + row + ", " + schema.describe(column) + ": date " + date
					+ " is outside the years 1000 to 9999 the server stores");
		}
	}

	/** A date as the server stores it: the int32 {@code yyyyMMdd}. */
	static int encodeDate(LocalDate date) {
		return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
	}

	/**
	 * Reads a date stored as {@code yyyyMMdd}.
	 * @throws DateTimeException when the number is no valid date
	 */
	static LocalDate decodeDate(int value) {
		return LocalDate.of(value / 10_000, (value / 100) % 100, value % 100);
	}

	static long toTime(Instant instant, TimestampPrecision precision, TabletSchema schema, int column, int row) {
		try {
			return precision.fromInstant(instant);
		}
		catch (ArithmeticException ex) {
			String where = (column < 0) ? "the time" : schema.describe(column);
			throw new IllegalArgumentException("row " + row + " of tablet '" + schema.tableName() + "', " + where + ": "
					+ instant + " does not fit the server's " + precision.symbol() + " timestamps", ex);
		}
	}

	/** Writes one value slot, a placeholder of the right size for a null. */
	static void write(TabletBuffer out, DataType type, @Nullable Object value, TimestampPrecision precision,
			TabletSchema schema, int column, int row) {
		switch (type) {
			case BOOLEAN -> out.putBoolean(value != null && (Boolean) value);
			case INT32 -> out.putInt((value != null) ? (Integer) value : 0);
			case INT64 -> out.putLong((value != null) ? ((Number) value).longValue() : 0L);
			case FLOAT -> out.putFloat((value != null) ? (Float) value : 0f);
			case DOUBLE -> out.putDouble((value != null) ? ((Number) value).doubleValue() : 0d);
			case TEXT, STRING -> {
				if (value != null) {
					out.putString((String) value);
				}
				else {
					out.putInt(0);
				}
			}
			case BLOB -> out.putBinary((value != null) ? (byte[]) value : EMPTY);
			case DATE -> out.putInt((value != null) ? encodeDate((LocalDate) value) : 0);
			case TIMESTAMP -> {
				long time = 0L;
				if (value instanceof Instant instant) {
					time = toTime(instant, precision, schema, column, row);
				}
				else if (value != null) {
					time = ((Number) value).longValue();
				}
				out.putLong(time);
			}
			case UNKNOWN -> throw new IllegalStateException(schema.describe(column) + " cannot be written");
		}
	}

	private static final byte[] EMPTY = new byte[0];

}
