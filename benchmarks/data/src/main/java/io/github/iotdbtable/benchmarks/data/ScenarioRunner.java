package io.github.iotdbtable.benchmarks.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one ingest or query scenario on a client: first the same work unmeasured, to warm
 * the JVM up, then the measured run, which prints one {@code RESULT} line. Before the
 * measured run the server flushes its memory tables and gets a moment to settle, so that
 * no run pays for writing out the rows of the run before it.
 *
 * <p>
 * Arguments: scenario ({@code narrow}, {@code wide}, {@code concurrent} or {@code scan}),
 * node url, table, rows.
 */
public final class ScenarioRunner {

	/** Threads of the {@code concurrent} scenario, also the pool size. */
	public static final int THREADS = 4;

	private static final int WARMUP_ROWS = 200_000;

	private ScenarioRunner() {
	}

	/**
	 * Runs the scenario the arguments name.
	 * @param args scenario, node url, table, rows
	 * @param connect opens a client on a node url, using the database {@code bench} and
	 * fetch size {@link NarrowData#BATCH}
	 * @throws Exception what the client throws
	 */
	@SuppressWarnings("try") // see ScenarioClient
	public static void run(String[] args, Connector connect) throws Exception {
		String scenario = args[0];
		String table = args[2];
		int rows = Integer.parseInt(args[3]);
		try (ScenarioClient client = connect.open(args[1])) {
			switch (scenario) {
				case "narrow" -> {
					client.execute(NarrowData.CREATE_TABLE.formatted(table + "_warmup"));
					client.execute(NarrowData.CREATE_TABLE.formatted(table));
					narrow(client, table + "_warmup", NarrowData.generate(WARMUP_ROWS));
					NarrowData data = NarrowData.generate(rows);
					settle(client);
					Meter meter = Meter.start();
					meter.measure(() -> narrow(client, table, data));
					meter.report(rows, NarrowData.FIELDS);
				}
				case "wide" -> {
					client.execute(WideData.createTable(table + "_warmup"));
					client.execute(WideData.createTable(table));
					wide(client, table + "_warmup", WideData.generate(rows / 2));
					WideData data = WideData.generate(rows);
					settle(client);
					Meter meter = Meter.start();
					meter.measure(() -> wide(client, table, data));
					meter.report(rows, WideData.FIELDS);
				}
				case "concurrent" -> {
					client.execute(NarrowData.CREATE_TABLE.formatted(table + "_warmup"));
					client.execute(NarrowData.CREATE_TABLE.formatted(table));
					try (ScenarioClient.PoolWriter pool = client.openPool(THREADS)) {
						concurrent(pool, table + "_warmup", NarrowData.generate(WARMUP_ROWS), Meter.start());
						NarrowData data = NarrowData.generate(rows);
						settle(client);
						Meter meter = Meter.start();
						concurrent(pool, table, data, meter);
						meter.report(rows, NarrowData.FIELDS);
					}
				}
				case "scan" -> {
					client.scan(table);
					settle(client);
					Meter meter = Meter.start();
					long[] read = new long[1];
					meter.measure(() -> read[0] = client.scan(table));
					meter.report(read[0], NarrowData.FIELDS);
				}
				default -> throw new IllegalArgumentException("unknown scenario " + scenario);
			}
		}
	}

	private static void settle(ScenarioClient client) throws Exception {
		client.execute("FLUSH");
		Thread.sleep(1000);
	}

	private static void narrow(ScenarioClient client, String table, NarrowData data) throws Exception {
		for (int batch = 0; batch < data.batches(); batch++) {
			client.insertNarrow(table, data, batch);
		}
	}

	private static void wide(ScenarioClient client, String table, WideData data) throws Exception {
		for (WideData.Batch batch : data.batches()) {
			client.insertWide(table, batch);
		}
	}

	/**
	 * {@link #THREADS} threads take the next batch and write it, each through a session
	 * borrowed for it.
	 */
	private static void concurrent(ScenarioClient.PoolWriter pool, String table, NarrowData data, Meter meter)
			throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				workers.add(executor.submit(() -> {
					meter.measure(() -> {
						for (int batch = next.getAndIncrement(); batch < data.batches(); batch = next
							.getAndIncrement()) {
							pool.insertNarrow(table, data, batch);
						}
					});
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			executor.shutdown();
		}
	}

	/** Opens a client. */
	@FunctionalInterface
	public interface Connector {

		ScenarioClient open(String nodeUrl) throws Exception;

	}

}
