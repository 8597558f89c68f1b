package io.github.iotdbtable.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;

/**
 * This client's side of the ingest and query scenarios, run in a JVM of its own by {@link SideBySide}. Prints one
 * {@code RESULT} line: rows, wall time, and the CPU time and bytes allocated by the thread doing the work.
 *
 * <p>Arguments: scenario ({@code narrow} or {@code scan}), node url, table, rows.
 */
public final class Scenarios {

	static final int BATCH = 10_000;

	static final int DEVICES = 100;

	private Scenarios() {
	}

	public static void main(String[] args) throws Exception {
		String scenario = args[0];
		String table = args[2];
		int rows = Integer.parseInt(args[3]);
		TableSessionConfig config = TableSessionConfig.builder()
			.nodeUrls(args[1])
			.database("bench")
			.fetchSize(BATCH)
			.build();
		try (TableSession session = TableSession.open(config)) {
			switch (scenario) {
				case "narrow" -> {
					createNarrowTable(session, table + "_warmup");
					createNarrowTable(session, table);
					narrow(session, table + "_warmup", NarrowData.generate(200_000));
					NarrowData data = NarrowData.generate(rows);
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

	static void createNarrowTable(TableSession session, String table) {
		session.executeNonQueryStatement("CREATE TABLE IF NOT EXISTS " + table
				+ " (device STRING TAG, s1 DOUBLE FIELD, s2 DOUBLE FIELD, s3 DOUBLE FIELD)");
	}

	/** Writes the rows in tablets of {@link #BATCH} rows, each built from the primitive arrays. */
	static void narrow(TableSession session, String table, NarrowData data) {
		for (int batch = 0; batch < data.times().size(); batch++) {
			session.insert(ColumnarTablet.builder(table, data.times().get(batch))
				.tag("device", data.devices().get(batch))
				.field("s1", DataType.DOUBLE, data.s1().get(batch))
				.field("s2", DataType.DOUBLE, data.s2().get(batch))
				.field("s3", DataType.DOUBLE, data.s3().get(batch))
				.build());
		}
	}

	/** Reads every value of the table with typed getters. */
	static long scan(TableSession session, String table) {
		long rows = 0;
		double sum = 0;
		try (SessionDataSet result = session.executeQueryStatement("SELECT time, device, s1, s2, s3 FROM " + table)) {
			while (result.hasNext()) {
				Row row = result.next();
				sum += row.getLong(0) + row.getString(1).length() + row.getDouble(2) + row.getDouble(3)
						+ row.getDouble(4);
				rows++;
			}
		}
		if (sum == 42) {
			System.out.println();
		}
		return rows;
	}

	/** The narrow rows, cut into batches: time, a device tag, three doubles. */
	record NarrowData(List<long[]> times, List<String[]> devices, List<double[]> s1, List<double[]> s2,
			List<double[]> s3) {

		static NarrowData generate(int rows) {
			String[] names = new String[DEVICES];
			for (int i = 0; i < DEVICES; i++) {
				names[i] = "device-" + i;
			}
			java.util.ArrayList<long[]> times = new java.util.ArrayList<>();
			java.util.ArrayList<String[]> devices = new java.util.ArrayList<>();
			java.util.ArrayList<double[]> s1 = new java.util.ArrayList<>();
			java.util.ArrayList<double[]> s2 = new java.util.ArrayList<>();
			java.util.ArrayList<double[]> s3 = new java.util.ArrayList<>();
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
				times.add(t);
				devices.add(d);
				s1.add(a);
				s2.add(b);
				s3.add(c);
			}
			return new NarrowData(times, devices, s1, s2, s3);
		}

	}

	/** CPU time and allocation of the calling thread, and wall time. */
	record Meter(long wall, long cpu, long allocated) {

		private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();

		static Meter start() {
			return new Meter(System.nanoTime(), THREADS.getCurrentThreadCpuTime(),
					THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()));
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
