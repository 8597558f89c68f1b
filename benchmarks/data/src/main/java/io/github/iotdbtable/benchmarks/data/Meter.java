package io.github.iotdbtable.benchmarks.data;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time of a scenario, and the CPU time and bytes allocated by the threads that do
 * its work (not the server's, not the JVM's own threads). Prints the {@code RESULT} line
 * the side-by-side runner reads.
 */
public final class Meter {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	/** The server process whose CPU time is reported too, when the runner knows it. */
	private static final long SERVER_PID = Long.getLong("bench.serverPid", -1);

	private final long serverCpuStart = serverCpu();

	private final long wallStart = System.nanoTime();

	private final LongAdder cpu = new LongAdder();

	private final LongAdder allocated = new LongAdder();

	private Meter() {
	}

	/** Starts the wall clock. */
	public static Meter start() {
		return new Meter();
	}

	/**
	 * Runs work on the calling thread and adds the CPU time and allocation it took; any
	 * number of threads may call this at once.
	 * @param work the work
	 * @throws Exception what the work throws
	 */
	public void measure(Work work) throws Exception {
		long thread = Thread.currentThread().getId();
		long cpuBefore = THREADS.getCurrentThreadCpuTime();
		long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
		try {
			work.run();
		}
		finally {
			this.cpu.add(THREADS.getCurrentThreadCpuTime() - cpuBefore);
			this.allocated.add(THREADS.getThreadAllocatedBytes(thread) - allocatedBefore);
		}
	}

	/**
	 * Stops the wall clock and prints the {@code RESULT} line.
	 * @param rows the rows written or read
	 * @param fieldsPerRow the field values per row; a point is one of them
	 */
	public void report(long rows, int fieldsPerRow) {
		long wallNanos = System.nanoTime() - this.wallStart;
		long serverCpuNanos = serverCpu() - this.serverCpuStart;
		System.out.println("RESULT rows=" + rows + " points=" + rows * fieldsPerRow + " wallNanos=" + wallNanos
				+ " cpuNanos=" + this.cpu.sum() + " allocatedBytes=" + this.allocated.sum()
				+ ((SERVER_PID > 0) ? " serverCpuNanos=" + serverCpuNanos : ""));
	}

	private static long serverCpu() {
		if (SERVER_PID <= 0) {
			return 0;
		}
		return ProcessHandle.of(SERVER_PID)
			.flatMap((server) -> server.info().totalCpuDuration())
			.map(java.time.Duration::toNanos)
			.orElse(0L);
	}

	/** Work whose cost is measured. */
	@FunctionalInterface
	public interface Work {

		void run() throws Exception;

	}

}
