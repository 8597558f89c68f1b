package io.github.iotdbtable.client.it;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import io.github.iotdbtable.client.ColumnCategory;
import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every data type written through both tablet shapes, with nulls in every column, and
 * read back value by value.
 */
@IoTDBTest
class DataTypesIT {

	private static final int ROWS = 37;

	private static final List<String> NAMES = List.of("device", "model", "b", "i", "l", "f", "d", "tx", "s", "bl", "dt",
			"ts");

	private static final List<DataType> TYPES = List.of(DataType.STRING, DataType.STRING, DataType.BOOLEAN,
			DataType.INT32, DataType.INT64, DataType.FLOAT, DataType.DOUBLE, DataType.TEXT, DataType.STRING,
			DataType.BLOB, DataType.DATE, DataType.TIMESTAMP);

	private static final List<ColumnCategory> CATEGORIES = List.of(ColumnCategory.TAG, ColumnCategory.ATTRIBUTE,
			ColumnCategory.FIELD, ColumnCategory.FIELD, ColumnCategory.FIELD, ColumnCategory.FIELD,
			ColumnCategory.FIELD, ColumnCategory.FIELD, ColumnCategory.FIELD, ColumnCategory.FIELD,
			ColumnCategory.FIELD, ColumnCategory.FIELD);

	private static final String COLUMNS_DDL = "device STRING TAG, model STRING ATTRIBUTE, b BOOLEAN FIELD, i INT32 FIELD, "
			+ "l INT64 FIELD, f FLOAT FIELD, d DOUBLE FIELD, tx TEXT FIELD, s STRING FIELD, bl BLOB FIELD, "
			+ "dt DATE FIELD, ts TIMESTAMP FIELD";

	@BeforeAll
	static void createTables(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE by_rows (" + COLUMNS_DDL + ")");
			session.executeNonQueryStatement("CREATE TABLE by_columns (" + COLUMNS_DDL + ")");
		}
	}

	/**
	 * The value of a field column in a row, or null: each column has its own null
	 * pattern.
	 */
	private static Object expected(int column, int row) {
		if (column >= 2 && row % (column + 1) == 1) {
			return null;
		}
		return switch (column) {
			case 0 -> "sensor-1";
			case 1 -> "M-700";
			case 2 -> row % 3 == 0;
			case 3 -> (row == 0) ? Integer.MIN_VALUE : (row == 2) ? Integer.MAX_VALUE : row * 1_000 - 7;
			case 4 -> (row == 0) ? Long.MIN_VALUE : (row == 2) ? Long.MAX_VALUE : row * 1_000_000_000_000L + 3;
			case 5 -> (row == 0) ? Float.MIN_VALUE : (row == 2) ? -Float.MAX_VALUE : row * 0.25f;
			case 6 -> (row == 0) ? Double.MAX_VALUE : (row == 2) ? -Double.MIN_VALUE : row / 3.0;
			case 7 -> (row == 0) ? "" : (row == 2) ? "temperature 温度 \uD83C\uDF21" : "text-" + row;
			case 8 -> (row == 0) ? "ascii" : (row == 2) ? "ünïcödé" : "string-" + row;
			case 9 -> (row == 0) ? new byte[0] : new byte[] { (byte) row, (byte) 0xFF, 0, (byte) 0x80 };
			case 10 -> (row == 0) ? LocalDate.of(1000, 1, 1)
					: (row == 2) ? LocalDate.of(9999, 12, 31) : LocalDate.of(2024, 2, 29).plusDays(row);
			case 11 -> Instant.ofEpochMilli(1_700_000_000_000L + row * 1_234L);
			default -> throw new IllegalArgumentException();
		};
	}

	private static long time(int row) {
		// descending on purpose: the client sorts rows by time before sending
		return 1_000_000L - row * 10L;
	}

	@Test
	void rowTabletRoundTripsEveryTypeWithNulls(TestDatabase database) {
		Tablet tablet = new Tablet("by_rows", NAMES, TYPES, CATEGORIES);
		for (int row = 0; row < ROWS; row++) {
			Object[] values = new Object[NAMES.size()];
			for (int column = 0; column < values.length; column++) {
				values[column] = expected(column, row);
			}
			tablet.addRow(time(row), values);
		}
		try (TableSession session = database.openSession()) {
			session.insert(tablet);
			assertRoundTrip(session, "by_rows");
		}
	}

	@Test
	void columnarTabletRoundTripsEveryTypeWithNulls(TestDatabase database) {
		long[] times = new long[ROWS];
		String[] devices = new String[ROWS];
		String[] models = new String[ROWS];
		boolean[] b = new boolean[ROWS];
		int[] i = new int[ROWS];
		long[] l = new long[ROWS];
		float[] f = new float[ROWS];
		double[] d = new double[ROWS];
		String[] tx = new String[ROWS];
		String[] s = new String[ROWS];
		byte[][] bl = new byte[ROWS][];
		int[] dt = new int[ROWS];
		Instant[] ts = new Instant[ROWS];
		BitSet[] nulls = new BitSet[NAMES.size()];
		for (int column = 0; column < nulls.length; column++) {
			nulls[column] = new BitSet();
		}
		for (int row = 0; row < ROWS; row++) {
			times[row] = time(row);
			devices[row] = (String) expected(0, row);
			models[row] = (String) expected(1, row);
			for (int column = 2; column < NAMES.size(); column++) {
				if (expected(column, row) == null) {
					nulls[column].set(row);
				}
			}
			b[row] = expected(2, row) != null && (Boolean) expected(2, row);
			i[row] = (expected(3, row) != null) ? (Integer) expected(3, row) : -1;
			l[row] = (expected(4, row) != null) ? (Long) expected(4, row) : -1;
			f[row] = (expected(5, row) != null) ? (Float) expected(5, row) : -1;
			d[row] = (expected(6, row) != null) ? (Double) expected(6, row) : -1;
			tx[row] = (String) expected(7, row);
			s[row] = (String) expected(8, row);
			bl[row] = (byte[]) expected(9, row);
			LocalDate date = (LocalDate) expected(10, row);
			dt[row] = (date != null) ? date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth() : 0;
			ts[row] = (Instant) expected(11, row);
		}
		ColumnarTablet tablet = ColumnarTablet.builder("by_columns", times)
			.tag("device", devices)
			.attribute("model", models)
			.field("b", DataType.BOOLEAN, b, nulls[2])
			.field("i", DataType.INT32, i, nulls[3])
			.field("l", DataType.INT64, l, nulls[4])
			.field("f", DataType.FLOAT, f, nulls[5])
			.field("d", DataType.DOUBLE, d, nulls[6])
			.field("tx", DataType.TEXT, tx)
			.field("s", DataType.STRING, s)
			.field("bl", DataType.BLOB, bl)
			.field("dt", DataType.DATE, dt, nulls[10])
			.field("ts", DataType.TIMESTAMP, ts)
			.build();
		try (TableSession session = database.openSession()) {
			session.insert(tablet);
			assertRoundTrip(session, "by_columns");
		}
	}

	@Test
	void bothTabletShapesStoreTheSameRows(TestDatabase database) {
		rowTabletRoundTripsEveryTypeWithNulls(database);
		columnarTabletRoundTripsEveryTypeWithNulls(database);
		try (TableSession session = database.openSession()) {
			assertThat(readAll(session, "by_columns")).isEqualTo(readAll(session, "by_rows")).hasSize(ROWS);
		}
	}

	private static void assertRoundTrip(TableSession session, String table) {
		try (SessionDataSet rows = session.executeQueryStatement(
				"SELECT time, " + String.join(", ", NAMES) + " FROM " + table + " ORDER BY time DESC")) {
			assertThat(rows.getColumnNames()).containsExactlyElementsOf(concat("time", NAMES));
			assertThat(rows.getColumnTypes()).containsExactlyElementsOf(concat(DataType.TIMESTAMP, TYPES));
			int row = 0;
			while (rows.hasNext()) {
				Row current = rows.next();
				assertThat(current.getLong("time")).as("time of row %d", row).isEqualTo(time(row));
				assertThat(current.getTimestamp(0)).isEqualTo(Instant.ofEpochMilli(time(row)));
				for (int column = 0; column < NAMES.size(); column++) {
					Object want = expected(column, row);
					String where = NAMES.get(column) + " of row " + row;
					assertThat(current.isNull(column + 1)).as(where).isEqualTo(want == null);
					if (want instanceof byte[] bytes) {
						assertThat(current.getBytes(column + 1)).as(where).isEqualTo(bytes);
					}
					else {
						assertThat(current.getObject(column + 1)).as(where).isEqualTo(want);
					}
				}
				assertTypedGetters(current, row);
				row++;
			}
			assertThat(row).isEqualTo(ROWS);
		}
	}

	private static void assertTypedGetters(Row row, int index) {
		if (expected(2, index) != null) {
			assertThat(row.getBoolean("b")).isEqualTo(expected(2, index));
		}
		if (expected(3, index) != null) {
			assertThat(row.getInt("i")).isEqualTo(expected(3, index));
			assertThat(row.getLong("i")).isEqualTo(((Integer) expected(3, index)).longValue());
		}
		else {
			assertThat(row.getInt("i")).isZero();
		}
		if (expected(4, index) != null) {
			assertThat(row.getLong("l")).isEqualTo(expected(4, index));
		}
		if (expected(5, index) != null) {
			assertThat(row.getFloat("f")).isEqualTo(expected(5, index));
			assertThat(row.getDouble("f")).isEqualTo(((Float) expected(5, index)).doubleValue());
		}
		if (expected(6, index) != null) {
			assertThat(row.getDouble("d")).isEqualTo(expected(6, index));
		}
		assertThat(row.getString("tx")).isEqualTo(expected(7, index));
		assertThat(row.getString("s")).isEqualTo(expected(8, index));
		assertThat(row.getDate("dt")).isEqualTo(expected(10, index));
		assertThat(row.getTimestamp("ts")).isEqualTo(expected(11, index));
	}

	private static List<List<Object>> readAll(TableSession session, String table) {
		List<List<Object>> all = new ArrayList<>();
		try (SessionDataSet rows = session.executeQueryStatement("SELECT * FROM " + table + " ORDER BY time")) {
			while (rows.hasNext()) {
				List<Object> values = new ArrayList<>();
				for (Object value : rows.next().values()) {
					values.add((value instanceof byte[] bytes) ? Arrays.toString(bytes) : value);
				}
				all.add(values);
			}
		}
		return all;
	}

	private static <T> List<T> concat(T first, List<T> rest) {
		List<T> all = new ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}

}
