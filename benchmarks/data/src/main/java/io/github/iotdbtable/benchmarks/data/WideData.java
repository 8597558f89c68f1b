package io.github.iotdbtable.benchmarks.data;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Wide rows cut into batches of {@link NarrowData#BATCH}: time, a device tag, and one
 * field of each of the ten data types, about one field value in ten null.
 *
 * @param batches the batches
 */
public record WideData(List<Batch> batches) {

	/** The field columns, in the order of {@link Batch#nulls()}. */
	public static final List<String> FIELD_NAMES = List.of("f_boolean", "f_int32", "f_int64", "f_float", "f_double",
			"f_text", "f_string", "f_blob", "f_date", "f_timestamp");

	/** The server's names of the field types, in the order of {@link #FIELD_NAMES}. */
	public static final List<String> FIELD_TYPES = List.of("BOOLEAN", "INT32", "INT64", "FLOAT", "DOUBLE", "TEXT",
			"STRING", "BLOB", "DATE", "TIMESTAMP");

	/** Field values per row, nulls included. */
	public static final int FIELDS = 10;

	/** The share of null field values. */
	public static final double NULL_RATIO = 0.1;

	/**
	 * Generates the rows; the same count always gives the same rows and the same nulls.
	 * @param rows how many rows
	 * @return the rows in batches
	 */
	public static WideData generate(int rows) {
		String[] devices = NarrowData.deviceNames();
		String[] texts = new String[1000];
		byte[][] blobs = new byte[1000][];
		for (int i = 0; i < texts.length; i++) {
			texts[i] = "reading note " + i;
			blobs[i] = ("payload-" + i).getBytes(StandardCharsets.UTF_8);
		}
		LocalDate epoch = LocalDate.of(2024, 1, 1);
		SplittableRandom random = new SplittableRandom(42);
		List<Batch> batches = new ArrayList<>();
		for (int start = 0; start < rows; start += NarrowData.BATCH) {
			int size = Math.min(NarrowData.BATCH, rows - start);
			Batch batch = new Batch(new long[size], new String[size], new boolean[size], new int[size], new long[size],
					new float[size], new double[size], new String[size], new String[size], new byte[size][],
					new LocalDate[size], new long[size], new BitSet[FIELDS]);
			for (int field = 0; field < FIELDS; field++) {
				batch.nulls[field] = new BitSet(size);
			}
			for (int i = 0; i < size; i++) {
				int row = start + i;
				batch.times[i] = 1_700_000_000_000L + row / NarrowData.DEVICES;
				batch.devices[i] = devices[row % NarrowData.DEVICES];
				batch.booleans[i] = (row % 3) == 0;
				batch.ints[i] = row;
				batch.longs[i] = row * 1_000_003L;
				batch.floats[i] = row * 0.25f;
				batch.doubles[i] = Math.sqrt(row);
				batch.texts[i] = texts[row % texts.length];
				batch.strings[i] = devices[(row / 7) % devices.length];
				batch.blobs[i] = blobs[row % blobs.length];
				batch.dates[i] = epoch.plusDays(row % 3650);
				batch.timestamps[i] = batch.times[i] - row % 60_000;
				for (int field = 0; field < FIELDS; field++) {
					if (random.nextDouble() < NULL_RATIO) {
						batch.nulls[field].set(i);
					}
				}
			}
			batches.add(batch);
		}
		return new WideData(batches);
	}

	/**
	 * The statement that creates the table.
	 * @param table the table's name
	 * @return the statement
	 */
	public static String createTable(String table) {
		StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table)
			.append(" (device STRING TAG");
		for (int i = 0; i < FIELDS; i++) {
			sql.append(", ").append(FIELD_NAMES.get(i)).append(' ').append(FIELD_TYPES.get(i)).append(" FIELD");
		}
		return sql.append(')').toString();
	}

	/**
	 * One tablet's worth of rows: one array per column, and per field the rows that are
	 * null.
	 *
	 * @param times the time column
	 * @param devices the device tag
	 * @param booleans the BOOLEAN field
	 * @param ints the INT32 field
	 * @param longs the INT64 field
	 * @param floats the FLOAT field
	 * @param doubles the DOUBLE field
	 * @param texts the TEXT field
	 * @param strings the STRING field
	 * @param blobs the BLOB field
	 * @param dates the DATE field
	 * @param timestamps the TIMESTAMP field, in milliseconds
	 * @param nulls per field, in the order of {@link #FIELD_NAMES}, the null rows as set
	 * bits
	 */
	// arrays handed to the clients as they are, never compared
	@SuppressWarnings("ArrayRecordComponent")
	public record Batch(long[] times, String[] devices, boolean[] booleans, int[] ints, long[] longs, float[] floats,
			double[] doubles, String[] texts, String[] strings, byte[][] blobs, LocalDate[] dates, long[] timestamps,
			BitSet[] nulls) {

		/** The number of rows. */
		public int size() {
			return this.times.length;
		}

	}

}
