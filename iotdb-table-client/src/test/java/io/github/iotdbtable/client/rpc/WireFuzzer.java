package io.github.iotdbtable.client.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A small seeded mutation fuzzer: every corpus entry is run as it is, then mutated inputs
 * (bit flips, byte replacement, insertions, deletions, int32 fields set near 0, -1 and
 * 2^31, splices of two entries) until a count or a time is reached, whichever comes
 * first. The same seed gives the same inputs in the same order.
 *
 * <p>
 * An input breaks the property when the target throws anything but the exception types it
 * documents, runs longer than the time allowed for one input, or allocates more than
 * {@link #allocationLimit(int)} on its thread: a floor and a bound per byte of the input,
 * for each target. Each distinct break (its kind and the first frame of this project's
 * code on its stack) is kept with the shortest input that showed it, written to
 * {@code target/fuzz-findings/NAME/}.
 *
 * <p>
 * Bounded by system properties: {@code fuzz.seed} (default 20260101),
 * {@code fuzz.seconds} per target (default 15), {@code fuzz.iterations} per target
 * (default 60000), {@code fuzz.inputMillis} (default 2000).
 */
final class WireFuzzer {

	/** The frame bound used by the fuzzed transports. */
	static final int FRAME_BOUND = 1024 * 1024;

	private static final int[] INTERESTING_INTS = { 0, 1, -1, 2, 4, 7, 8, 255, 256, 65535, 0x7FFF_FFFF, 0x8000_0000,
			0x7FFF_FFF8, 0x3FFF_FFFF, 0x4000_0000, 0x2000_0000, 0x1FFF_FFFF, FRAME_BOUND, FRAME_BOUND + 1, -2 };

	private static final byte[] INTERESTING_BYTES = { 0, 1, 2, 3, 4, 5, 6, 8, 11, 12, 13, 15, (byte) 0x7F, (byte) 0x80,
			(byte) 0xFF };

	/** What one input is run through; returns normally or throws. */
	@FunctionalInterface
	interface Target {

		void run(byte[] input) throws Exception;

	}

	record Finding(String key, Throwable failure, byte[] input) {
	}

	private final String name;

	private final Target target;

	private final List<Class<? extends Throwable>> documented;

	private final long allocationFloor;

	private final int allocationPerByte;

	private final long seed = Long.getLong("fuzz.seed", 20260101L);

	private final long seconds = Long.getLong("fuzz.seconds", 20);

	private final long iterations = Long.getLong("fuzz.iterations", 200000);

	private final long inputMillis = Long.getLong("fuzz.inputMillis", 2000);

	private final Map<String, Finding> findings = new LinkedHashMap<>();

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final AtomicReference<Thread> worker = new AtomicReference<>();

	private ExecutorService executor = newExecutor();

	private long runs;

	/**
	 * A fuzzer of a target.
	 * @param allocationFloor what any input may allocate
	 * @param allocationPerByte what it may allocate more per byte
	 * @param documented the exceptions the target refuses an input with
	 */
	@SafeVarargs
	WireFuzzer(String name, long allocationFloor, int allocationPerByte, Target target,
			Class<? extends Throwable>... documented) {
		this.name = name;
		this.allocationFloor = allocationFloor;
		this.allocationPerByte = allocationPerByte;
		this.target = target;
		this.documented = List.of(documented);
	}

	/** Reads every file of a corpus folder on the test class path. */
	static List<byte[]> corpus(String folder, String prefix) {
		try {
			Path root = Path.of(WireFuzzer.class.getResource("/fuzz/" + folder).toURI());
			try (Stream<Path> files = Files.list(root)) {
				List<byte[]> inputs = new ArrayList<>();
				for (Path file : files.filter((f) -> f.getFileName().toString().startsWith(prefix)).sorted().toList()) {
					inputs.add(Files.readAllBytes(file));
				}
				return inputs;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs the corpus, then mutations of it.
	 * @param corpus the seeds
	 * @param framed whether the inputs start with a frame length, which most mutants then
	 * get fixed to the mutated length so that they reach past the frame check
	 * @return the distinct findings
	 */
	List<Finding> run(List<byte[]> corpus, boolean framed) {
		if (corpus.isEmpty()) {
			throw new IllegalStateException("empty corpus for " + this.name);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.seconds);
		try {
			for (byte[] input : corpus) {
				runOne(input);
			}
			SplittableRandom random = new SplittableRandom(this.seed);
			while (this.runs < this.iterations && System.nanoTime() < deadline) {
				byte[] input = corpus.get(random.nextInt(corpus.size())).clone();
				int mutations = 1 + random.nextInt(4);
				for (int i = 0; i < mutations; i++) {
					input = mutate(random, input, corpus);
				}
				if (framed && input.length >= 4 && random.nextInt(10) < 7) {
					ByteBuffer.wrap(input).putInt(0, input.length - 4);
				}
				runOne(input);
			}
		}
		finally {
			this.executor.shutdownNow();
		}
		List<Finding> result = new ArrayList<>(this.findings.values());
		save(result);
		System.out.printf("fuzz %s: %d inputs (seed %d), %d distinct findings%n", this.name, this.runs, this.seed,
				result.size());
		return result;
	}

	long runs() {
		return this.runs;
	}

	static String describe(List<Finding> findings) {
		StringBuilder text = new StringBuilder();
		for (Finding finding : findings) {
			text.append("\n- ")
				.append(finding.key())
				.append("\n  input (")
				.append(finding.input().length)
				.append(" bytes): ")
				.append(HexFormat.of().formatHex(finding.input()))
				.append("\n  ")
				.append(finding.failure());
		}
		return text.toString();
	}

	/** What one input may allocate on its thread. */
	long allocationLimit(int inputLength) {
		return this.allocationFloor + (long) this.allocationPerByte * inputLength;
	}

	private void runOne(byte[] input) {
		this.runs++;
		runOne(input, false);
	}

	private void runOne(byte[] input, boolean retry) {
		Future<Long> future = this.executor.submit(() -> {
			long thread = Thread.currentThread().getId();
			long before = this.threads.getThreadAllocatedBytes(thread);
			this.target.run(input);
			return this.threads.getThreadAllocatedBytes(thread) - before;
		});
		try {
			long allocated = future.get(this.inputMillis, TimeUnit.MILLISECONDS);
			if (allocated > allocationLimit(input.length) && !retry) {
				// the first run of a path may link call sites (string concatenation,
				// lambdas) at a cost of megabytes: only a second run counts
				runOne(input, true);
				return;
			}
			if (allocated > allocationLimit(input.length)) {
				record("allocated " + allocated + " bytes", new AssertionError(
						"allocated " + allocated + " bytes for an input of " + input.length + " bytes"), input);
			}
		}
		catch (ExecutionException ex) {
			Throwable failure = ex.getCause();
			for (Class<? extends Throwable> type : this.documented) {
				if (type.isInstance(failure)) {
					return;
				}
			}
			record(failure.getClass().getName() + " at " + firstOwnFrame(failure.getStackTrace()), failure, input);
		}
		catch (TimeoutException ex) {
			Thread hung = this.worker.get();
			StackTraceElement[] stack = hung.getStackTrace();
			AssertionError failure = new AssertionError("no answer after " + this.inputMillis + " ms");
			failure.setStackTrace(stack);
			record("hang at " + firstOwnFrame(stack), failure, input);
			stop(hung);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings({ "deprecation", "removal" })
	private void stop(Thread hung) {
		this.executor.shutdownNow();
		hung.stop();
		this.executor = newExecutor();
	}

	private ExecutorService newExecutor() {
		return Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "fuzz-" + this.name);
			thread.setDaemon(true);
			this.worker.set(thread);
			return thread;
		});
	}

	private void record(String kind, Throwable failure, byte[] input) {
		String key = kind.startsWith("allocated") ? "allocation above " + this.allocationFloor + "+"
				+ this.allocationPerByte + "/byte at " + firstOwnFrame(failure.getStackTrace()) : kind;
		Finding known = this.findings.get(key);
		if (known == null || input.length < known.input().length) {
			this.findings.put(key, new Finding(key, failure, input));
		}
	}

	private static String firstOwnFrame(StackTraceElement[] stack) {
		for (StackTraceElement frame : stack) {
			if (frame.getClassName().startsWith("io.github.iotdbtable.client.rpc.")
					&& !frame.getClassName().contains("Fuzz")) {
				return frame.getClassName().substring("io.github.iotdbtable.client.rpc.".length()) + "."
						+ frame.getMethodName() + ":" + frame.getLineNumber();
			}
		}
		return (stack.length > 0) ? stack[0].toString() : "?";
	}

	private void save(List<Finding> result) {
		Path folder = Path.of("target/fuzz-findings", this.name);
		try {
			Files.createDirectories(folder);
			for (int i = 0; i < result.size(); i++) {
				Files.write(folder.resolve(i + ".bin"), result.get(i).input());
				Files.writeString(folder.resolve(i + ".txt"), result.get(i).key() + "\n" + result.get(i).failure());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] mutate(SplittableRandom random, byte[] input, List<byte[]> corpus) {
		if (input.length == 0) {
			return new byte[] { (byte) random.nextInt(256) };
		}
		switch (random.nextInt(8)) {
			case 0 -> {
				int at = random.nextInt(input.length);
				input[at] ^= (byte) (1 << random.nextInt(8));
				return input;
			}
			case 1 -> {
				input[random.nextInt(input.length)] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
				return input;
			}
			case 2 -> {
				input[random.nextInt(input.length)] = (byte) random.nextInt(256);
				return input;
			}
			case 3 -> {
				int at = random.nextInt(input.length + 1);
				int count = 1 + random.nextInt(8);
				byte[] out = new byte[input.length + count];
				System.arraycopy(input, 0, out, 0, at);
				for (int i = 0; i < count; i++) {
					out[at + i] = (byte) random.nextInt(256);
				}
				System.arraycopy(input, at, out, at + count, input.length - at);
				return out;
			}
			case 4 -> {
				int at = random.nextInt(input.length);
				int count = 1 + random.nextInt(Math.min(16, input.length - at));
				byte[] out = new byte[input.length - count];
				System.arraycopy(input, 0, out, 0, at);
				System.arraycopy(input, at + count, out, at, input.length - at - count);
				return out;
			}
			case 5, 6 -> {
				if (input.length < 4) {
					return input;
				}
				int at = random.nextInt(input.length - 3);
				ByteBuffer buffer = ByteBuffer.wrap(input);
				int value = switch (random.nextInt(3)) {
					case 0 -> INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
					case 1 -> buffer.getInt(at) + random.nextInt(17) - 8;
					default -> buffer.getInt(at) * 2 + 1;
				};
				buffer.putInt(at, value);
				return input;
			}
			default -> {
				byte[] other = corpus.get(random.nextInt(corpus.size()));
				int keep = random.nextInt(input.length + 1);
				int from = random.nextInt(other.length + 1);
				byte[] out = new byte[keep + other.length - from];
				System.arraycopy(input, 0, out, 0, keep);
				System.arraycopy(other, from, out, keep, other.length - from);
				return out;
			}
		}
	}

}
