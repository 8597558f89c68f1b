package io.github.iotdbtable.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Random;

import io.github.iotdbtable.client.rpc.InsertTabletRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TabletEncoderTests {

	@Test
	void columnsAreWrittenOneAfterTheOtherWithoutBitmapsWhenNothingIsNull() {
		Tablet tablet = Tablet.builder("t").tag("id").field("v", DataType.INT32).field("ok", DataType.BOOLEAN).build();
		tablet.addRow(10L, "a", 1, true);
		tablet.addRow(20L, "bé", -2, false);
		InsertTabletRequest request = encode(7L, tablet, TimestampPrecision.MILLISECONDS);
		assertThat(request.sessionId()).isEqualTo(7L);
		assertThat(request.rowCount()).isEqualTo(2);
		assertThat(request.dataTypes()).containsExactly(11, 1, 0);
		assertThat(request.columnCategories()).containsExactly(0, 1, 1);
		assertThat(longs(request.timestamps())).containsExactly(10L, 20L);
		ByteBuffer expected = ByteBuffer.allocate(64);
		expected.putInt(1).put((byte) 'a');
		byte[] accented = "bé".getBytes(StandardCharsets.UTF_8);
		expected.putInt(accented.length).put(accented);
		expected.putInt(1).putInt(-2);
		expected.put((byte) 1).put((byte) 0);
		assertThat(bytes(request.values())).containsExactly(bytes(expected.flip()));
	}

	@Test
	void nullsAreMarkedInABitmapPerColumnLeastSignificantBitFirst() {
		Tablet tablet = Tablet.builder("t").tag("id").field("v", DataType.INT64).build();
		for (int row = 0; row < 10; row++) {
			tablet.addRow(row, "d", (row == 1 || row == 9) ? null : (long) row);
		}
		ByteBuffer values = encode(1L, tablet, TimestampPrecision.MILLISECONDS).values();
		int bitmaps = 10 * 5 + 10 * 8;
		assertThat(values.remaining()).isEqualTo(bitmaps + 1 + 1 + 2);
		ByteBuffer tail = values.duplicate();
		tail.position(values.position() + bitmaps);
		assertThat(tail.get()).isZero();
		assertThat(tail.get()).isEqualTo((byte) 1);
		assertThat(tail.get()).isEqualTo((byte) 0b0000_0010);
		assertThat(tail.get()).isEqualTo((byte) 0b0000_0010);
		assertThat(values.getLong(values.position() + 50 + 8)).as("a null cell is written as a placeholder").isZero();
	}

	@Test
	void rowsOutOfTimeOrderAreSortedStably() {
		Tablet tablet = Tablet.builder("t").tag("id").build();
		long[] times = { 5, 1, 5, 1, 3 };
		String[] ids = { "a", "b", "c", "d", "e" };
		for (int row = 0; row < times.length; row++) {
			tablet.addRow(times[row], ids[row]);
		}
		InsertTabletRequest request = encode(1L, tablet, TimestampPrecision.MILLISECONDS);
		assertThat(longs(request.timestamps())).containsExactly(1L, 1L, 3L, 5L, 5L);
		assertThat(new String(bytes(request.values()), StandardCharsets.US_ASCII).replaceAll("[^a-e]", ""))
			.isEqualTo("bdeac");
	}

	@Test
	void theSortedOrderMatchesAStableSortForRandomTimes() {
		Random random = new Random(42);
		for (int round = 0; round < 50; round++) {
			int rows = 1 + random.nextInt(300);
			long[] times = new long[rows];
			for (int i = 0; i < rows; i++) {
				times[i] = random.nextInt(20);
			}
			int[] order = TabletEncoder.TimeOrder.sortedOrder(times, rows);
			Integer[] expected = new Integer[rows];
			for (int i = 0; i < rows; i++) {
				expected[i] = i;
			}
			java.util.Arrays.sort(expected, (a, b) -> Long.compare(times[a], times[b]));
			if (order == null) {
				assertThat(times).isSorted();
			}
			else {
				assertThat(order)
					.containsExactly(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
			}
		}
	}

	@Test
	void rowAndColumnarTabletsOfTheSameDataEncodeToTheSameBytes() {
		int rows = 37;
		long[] times = new long[rows];
		boolean[] booleans = new boolean[rows];
		int[] ints = new int[rows];
		long[] longs = new long[rows];
		float[] floats = new float[rows];
		double[] doubles = new double[rows];
		String[] texts = new String[rows];
		String[] strings = new String[rows];
		byte[][] blobs = new byte[rows][];
		LocalDate[] dates = new LocalDate[rows];
		Instant[] instants = new Instant[rows];
		BitSet nullDoubles = new BitSet();
		Tablet tablet = TabletTests.allTypes();
		for (int row = 0; row < rows; row++) {
			times[row] = (row * 7919L) % rows;
			booleans[row] = row % 3 == 0;
			ints[row] = row * 31;
			longs[row] = -row * 1_000_000_007L;
			floats[row] = row / 3f;
			doubles[row] = row / 7d;
			texts[row] = (row % 5 == 0) ? null : "text " + row;
			strings[row] = "ü" + row;
			blobs[row] = new byte[] { (byte) row, 0 };
			dates[row] = LocalDate.of(2000 + row, 1 + row % 12, 1 + row % 28);
			instants[row] = Instant.ofEpochSecond(row, row);
			if (row % 4 == 1) {
				nullDoubles.set(row);
				// a masked cell is sent as it is in the array; the row tablet sends 0 for
				// its null
				doubles[row] = 0;
			}
			tablet.addRow(times[row], booleans[row], ints[row], longs[row], floats[row],
					nullDoubles.get(row) ? null : doubles[row], texts[row], strings[row], blobs[row], dates[row],
					instants[row]);
		}
		ColumnarTablet columnar = ColumnarTablet.builder("all", times)
			.field("c_boolean", DataType.BOOLEAN, booleans)
			.field("c_int32", DataType.INT32, ints)
			.field("c_int64", DataType.INT64, longs)
			.field("c_float", DataType.FLOAT, floats)
			.field("c_double", DataType.DOUBLE, doubles, nullDoubles)
			.field("c_text", DataType.TEXT, texts)
			.field("c_string", DataType.STRING, strings)
			.field("c_blob", DataType.BLOB, blobs)
			.field("c_date", DataType.DATE, dates)
			.field("c_timestamp", DataType.TIMESTAMP, instants)
			.build();
		InsertTabletRequest fromRows = encode(1L, tablet, TimestampPrecision.NANOSECONDS);
		InsertTabletRequest fromColumns = encode(1L, columnar, TimestampPrecision.NANOSECONDS);
		assertThat(bytes(fromColumns.timestamps())).containsExactly(bytes(fromRows.timestamps()));
		assertThat(bytes(fromColumns.values())).containsExactly(bytes(fromRows.values()));
		assertThat(longs(fromRows.timestamps())).isSorted();
	}

	@Test
	void aSubsetOfRowsIsEncodedInTheGivenOrder() {
		Tablet tablet = Tablet.builder("t").tag("id").field("v", DataType.INT32).build();
		tablet.addRow(30L, "a", 3);
		tablet.addRow(10L, "b", null);
		tablet.addRow(20L, "c", 2);
		long[] times = tablet.timestamps(TimestampPrecision.MILLISECONDS);
		InsertTabletRequest request = TabletEncoder.encode(1L, tablet, TimestampPrecision.MILLISECONDS, times,
				new int[] { 1, 0 }, new TabletEncoder.Buffers());
		assertThat(request.rowCount()).isEqualTo(2);
		assertThat(longs(request.timestamps())).containsExactly(10L, 30L);
		ByteBuffer expected = ByteBuffer.allocate(64);
		expected.putInt(1).put((byte) 'b').putInt(1).put((byte) 'a');
		expected.putInt(0).putInt(3);
		expected.put((byte) 0).put((byte) 1).put((byte) 0b01);
		assertThat(bytes(request.values())).containsExactly(bytes(expected.flip()));
	}

	@Test
	void buffersAreReusedFromOneTabletToTheNext() {
		TabletEncoder.Buffers buffers = new TabletEncoder.Buffers();
		InsertTabletRequest large = encode(buffers, 1000);
		assertThat(longs(large.timestamps())).hasSize(1000).startsWith(0L, 1L).endsWith(999L);
		InsertTabletRequest small = encode(buffers, 3);
		assertThat(longs(small.timestamps())).containsExactly(0L, 1L, 2L);
		assertThat(small.values().remaining()).isEqualTo(3 * 8);
		assertThat(small.values().array()).as("the same array serves both").isSameAs(large.values().array());
		InsertTabletRequest larger = encode(buffers, 5000);
		assertThat(longs(larger.timestamps())).hasSize(5000).endsWith(4999L);
		assertThat(larger.values().getLong(8 * 4999)).isEqualTo(4999L);
	}

	/** Encodes all rows in time order into fresh buffers, as a session does. */
	private static InsertTabletRequest encode(long sessionId, TabletData tablet, TimestampPrecision precision) {
		long[] times = tablet.timestamps(precision);
		return TabletEncoder.encode(sessionId, tablet, precision, times,
				TabletEncoder.TimeOrder.sortedOrder(times, tablet.rowCount()), new TabletEncoder.Buffers());
	}

	private static InsertTabletRequest encode(TabletEncoder.Buffers buffers, int rows) {
		long[] times = new long[rows];
		long[] values = new long[rows];
		for (int i = 0; i < rows; i++) {
			times[i] = i;
			values[i] = i;
		}
		ColumnarTablet tablet = ColumnarTablet.builder("t", times).field("v", DataType.INT64, values).build();
		return TabletEncoder.encode(1L, tablet, TimestampPrecision.MILLISECONDS, times, null, buffers);
	}

	@Test
	void datesAreWrittenAsYearMonthDayIntegers() {
		Tablet tablet = Tablet.builder("t").field("day", DataType.DATE).build();
		tablet.addRow(1L, LocalDate.of(2024, 2, 29));
		assertThat(encode(1L, tablet, TimestampPrecision.MILLISECONDS).values().getInt()).isEqualTo(20240229);
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	private static long[] longs(ByteBuffer buffer) {
		ByteBuffer view = buffer.duplicate();
		long[] values = new long[view.remaining() / 8];
		for (int i = 0; i < values.length; i++) {
			values[i] = view.getLong();
		}
		return values;
	}

}
