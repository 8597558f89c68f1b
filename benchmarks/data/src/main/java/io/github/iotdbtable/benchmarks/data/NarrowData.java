package io.github.iotdbtable.benchmarks.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Narrow rows cut into batches of {@link #BATCH}: time, a device tag out of
 * {@link #DEVICES}, three DOUBLE fields.
 *
 * @param times the time column of each batch
 * @param devices the device tag of each batch
 * @param s1 the first field of each batch
 * @param s2 the second field of each batch
 * @param s3 the third field of each batch
 */
public record NarrowData(List<long[]> times, List<String[]> devices, List<double[]> s1, List<double[]> s2,
		List<double[]> s3) {

	/** Rows per tablet. */
	public static final int BATCH = 10_000;

	/** Distinct device tags. */
	public static final int DEVICES = 100;

	/** Field values per row. */
	public static final int FIELDS = 3;

	/** The table, with a {@code %s} for its name. */
	public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS %s "
			+ "(device STRING TAG, s1 DOUBLE FIELD, s2 DOUBLE FIELD, s3 DOUBLE FIELD)";

	/** The query that reads every value back. */
	public static final String SELECT_ALL = "SELECT time, device, s1, s2, s3 FROM %s";

	/**
	 * Generates the rows; the same count always gives the same rows.
	 * @param rows how many rows
	 * @return the rows in batches
	 */
	public static NarrowData generate(int rows) {
		String[] names = deviceNames();
		NarrowData data = new NarrowData(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
				new ArrayList<>());
		for (int start = 0; start < rows; start += BATCH) {
			int size = Math.min(BATCH, rows - start);
			long[] t = new long[size];
			String[] d = new String[size];
			double[] a = new double[size];
			double[] b = new double[size];
			double[] c = new double[size];
			for (int i = 0; i < size; i++) {
				int row = start + i;
				t[i] = 1_700_000_000_000L + row / DEVICES;
				d[i] = names[row % DEVICES];
				a[i] = row * 0.5;
				b[i] = Math.sqrt(row);
				c[i] = row % 1000;
			}
			data.times.add(t);
			data.devices.add(d);
			data.s1.add(a);
			data.s2.add(b);
			data.s3.add(c);
		}
		return data;
	}

	/** The number of batches. */
	public int batches() {
		return this.times.size();
	}

	static String[] deviceNames() {
		String[] names = new String[DEVICES];
		for (int i = 0; i < DEVICES; i++) {
			names[i] = "device-" + i;
		}
		return names;
	}

}
