package io.github.iotdbtable.benchmarks.official;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.apache.iotdb.isession.ITableSession;
import org.apache.iotdb.isession.SessionDataSet;
import org.apache.iotdb.session.TableSessionBuilder;
import org.apache.tsfile.enums.ColumnCategory;
import org.apache.tsfile.enums.TSDataType;
import org.apache.tsfile.write.record.Tablet;

/**
 * The official client's side of the ingest and query scenarios, the counterpart of
 * {@code io.github.iotdbtable.benchmarks.Scenarios}, with the same data and the same {@code RESULT} line. Tablets are
 * built with the official tablet's typed {@code addValue} calls.
 */
public final class OfficialScenarios {

	static final int BATCH = 10_000;

	static final int DEVICES = 100;

	private static final List<String> COLUMNS = List.of("device", "s1", "s2", "s3");

	private static final List<TSDataType> TYPES = List.of(TSDataType.STRING, TSDataType.DOUBLE, TSDataType.DOUBLE,
			TSDataType.DOUBLE);

	private static final List<ColumnCategory> CATEGORIES = List.of(ColumnCategory.TAG, ColumnCategory.FIELD,
			ColumnCategory.FIELD, ColumnCategory.FIELD);

	private OfficialScenarios() {
	}

	public static void main(String[] args) throws Exception {
		String scenario = args[0];
		String table = args[2];
		int rows = Integer.parseInt(args[3]);
		try (ITableSession session = new TableSessionBuilder().nodeUrls(List.of(args[1]))
			.database("bench")
			.fetchSize(BATCH)
			.enableCompression(false)
			.build()) {
			switch (scenario) {
				case "narrow" -> {
					createNarrowTable(session, table + "_warmup");
					createNarrowTable(session, table);
					narrow(session, table + "_warmup", Data.generate(200_000));
					Data data = Data.generate(rows);
					Meter meter = Meter.start();
					narrow(session, table, data);
					meter.report(rows, 3);
				}
				case "scan" -> {
					scan(session, table);
					Meter meter = Meter.start();
					long read = scan(session, table);
					meter.report(read, 3);
				}
				default -> throw new IllegalArgumentException("unknown scenario " + scenario);
			}
		}
	}

	static void createNarrowTable(ITableSession session, String table) throws Exception {
		session.executeNonQueryStatement("CREATE TABLE IF NOT EXISTS " + table
				+ " (device STRING TAG, s1 DOUBLE FIELD, s2 DOUBLE FIELD, s3 DOUBLE FIELD)");
	}

	static void narrow(ITableSession session, String table, Data data) throws Exception {
		Tablet tablet = new Tablet(table, COLUMNS, TYPES, CATEGORIES, BATCH);
		for (int batch = 0; batch < data.times.size(); batch++) {
			long[] times = data.times.get(batch);
			String[] devices = data.devices.get(batch);
			double[] s1 = data.s1.get(batch);
			double[] s2 = data.s2.get(batch);
			double[] s3 = data.s3.get(batch);
			tablet.reset();
			for (int i = 0; i < times.length; i++) {
				tablet.addTimestamp(i, times[i]);
				tablet.addValue(i, 0, devices[i]);
				tablet.addValue(i, 1, s1[i]);
				tablet.addValue(i, 2, s2[i]);
				tablet.addValue(i, 3, s3[i]);
			}
			session.insert(tablet);
		}
	}

	static long scan(ITableSession session, String table) throws Exception {
		long rows = 0;
		double sum = 0;
		try (SessionDataSet result = session.executeQueryStatement("SELECT time, device, s1, s2, s3 FROM " + table)) {
			SessionDataSet.DataIterator iterator = result.iterator();
			while (iterator.next()) {
				sum += iterator.getLong(1) + iterator.getString(2).length() + iterator.getDouble(3)
						+ iterator.getDouble(4) + iterator.getDouble(5);
				rows++;
			}
		}
		if (sum == 42) {
			System.out.println();
		}
		return rows;
	}

	/** The same rows as the other side's, cut into the same batches. */
	static final class Data {

		final List<long[]> times = new ArrayList<>();

		final List<String[]> devices = new ArrayList<>();

		final List<double[]> s1 = new ArrayList<>();

		final List<double[]> s2 = new ArrayList<>();

		final List<double[]> s3 = new ArrayList<>();

		static Data generate(int rows) {
			String[] names = new String[DEVICES];
			for (int i = 0; i < DEVICES; i++) {
				names[i] = "device-" + i;
			}
			Data data = new Data();
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

	}

	/** CPU time and allocation of the calling thread, and wall time. */
	static final class Meter {

		private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();

		private final long wall = System.nanoTime();

		private final long cpu = THREADS.getCurrentThreadCpuTime();

		private final long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());

		static Meter start() {
			return new Meter();
		}

		void report(long rows, int fields) {
			long wallNanos = System.nanoTime() - this.wall;
			long cpuNanos = THREADS.getCurrentThreadCpuTime() - this.cpu;
			long allocatedBytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - this.allocated;
			System.out.println("RESULT rows=" + rows + " points=" + rows * fields + " wallNanos=" + wallNanos
					+ " cpuNanos=" + cpuNanos + " allocatedBytes=" + allocatedBytes);
		}

	}

}
