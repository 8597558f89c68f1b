package io.github.iotdbtable.client.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.TableSessionPoolStats;
import io.github.iotdbtable.test.IoTDBCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A {@link TableSessionPool} keeps its full capacity and leaves nothing behind on the
 * server through 10,000 borrow and return cycles by several threads, mixed with misuse:
 * exceptions thrown while a session is held, double closes, data sets left open, a
 * {@code USE} left behind, bad statements, borrowers interrupted while waiting, and
 * sessions given back to a pool that was closed meanwhile.
 *
 * <p>
 * The server is asked what is left: {@code information_schema.queries} lists the queries
 * still open, and the DataNode's Prometheus endpoint reports its open client connections
 * ({@code thrift_connections{name="ClientRPC"}}), one per session, since IoTDB ends a
 * session with its connection. The cluster is this class's own so that no other client is
 * counted.
 */
class PoolAbuseIT {

	private static final Logger logger = LoggerFactory.getLogger(PoolAbuseIT.class);

	private static final long SEED = 20_261_126L;

	private static final int CYCLES = 10_000;

	private static final int THREADS = 6;

	private static final int POOL_SIZE = 4;

	/**
	 * Enough rows, read in small pages, that a query left open is still listed by the
	 * server.
	 */
	private static final int BIG_ROWS = 30_000;

	private static final int FETCH_SIZE = 100;

	private static final String DATABASE = "abuse";

	/**
	 * A database the borrowers switch to; it has no table {@code small}, so a leaked USE
	 * fails the next query.
	 */
	private static final String OTHER_DATABASE = "abuse_other";

	private static final HttpClient http = HttpClient.newHttpClient();

	private static IoTDBCluster cluster;

	private static int metricsPort;

	@BeforeAll
	static void startCluster() {
		metricsPort = freePort();
		cluster = IoTDBCluster.builder()
			.property("dn_metric_reporter_list", "PROMETHEUS")
			.property("dn_metric_prometheus_reporter_port", String.valueOf(metricsPort))
			.property("dn_metric_level", "IMPORTANT")
			.build()
			.start();
		try (TableSession admin = cluster.openSession()) {
			admin.executeNonQueryStatement("CREATE DATABASE " + DATABASE);
			admin.executeNonQueryStatement("CREATE DATABASE " + OTHER_DATABASE);
		}
		try (TableSession session = TableSession.open(cluster.sessionConfig().database(DATABASE).build())) {
			session.executeNonQueryStatement("CREATE TABLE small (v INT64 FIELD)");
			session.executeNonQueryStatement("INSERT INTO small (time, v) VALUES (1, 42)");
			session.executeNonQueryStatement("CREATE TABLE writes (worker STRING TAG, v INT64 FIELD)");
			long[] times = new long[BIG_ROWS];
			long[] values = new long[BIG_ROWS];
			for (int i = 0; i < BIG_ROWS; i++) {
				times[i] = i;
				values[i] = i;
			}
			session.insert(ColumnarTablet.builder("big", times).field("v", DataType.INT64, values).build());
		}
		awaitServerConnections(0);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void tenThousandAbusiveCyclesLeaveThePoolWholeAndTheServerClean() throws Exception {
		Kind[] plan = Kind.plan(new Random(SEED), CYCLES);
		Map<Kind, Integer> planned = new EnumMap<>(Kind.class);
		for (Kind kind : plan) {
			planned.merge(kind, 1, Integer::sum);
		}
		Counts counts = new Counts();
		TableSessionPool pool = new TableSessionPool(
				poolConfig().poolName("abused").maxPoolSize(POOL_SIZE).waitTimeout(Duration.ofSeconds(30)).build());
		try {
			AtomicInteger next = new AtomicInteger();
			ExecutorService executor = Executors.newFixedThreadPool(THREADS);
			List<Future<?>> workers = new ArrayList<>();
			long start = System.nanoTime();
			for (int worker = 0; worker < THREADS; worker++) {
				String name = "w" + worker;
				workers.add(executor.submit(() -> {
					for (int cycle = next.getAndIncrement(); cycle < CYCLES; cycle = next.getAndIncrement()) {
						runCycle(pool, plan[cycle], cycle, name, counts);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(15, TimeUnit.MINUTES);
			}
			executor.shutdown();
			long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			TableSessionPoolStats afterRun = pool.getStats();
			logger.info(
					"{} cycles by {} threads on {} sessions in {} ms, seed {}: {}; interrupted self-borrowers "
							+ "that had to wait: {}; stats {}",
					CYCLES, THREADS, POOL_SIZE, elapsedMillis, SEED, planned, counts.interruptedWaits.get(), afterRun);

			assertThat(next.get()).isGreaterThanOrEqualTo(CYCLES);
			assertThat(afterRun.active()).isZero();
			assertThat(afterRun.pending()).isZero();
			assertThat(afterRun.timeouts()).isZero();
			assertThat(afterRun.total()).isLessThanOrEqualTo(POOL_SIZE);
			assertThat(afterRun.idle()).isEqualTo(afterRun.total());
			assertThat(afterRun.totalCreated()).as("no session had to be replaced").isEqualTo(POOL_SIZE);
			assertThat(counts.insertedRows.get()).isEqualTo(planned.get(Kind.INSERT));

			interruptWaitersOfAnExhaustedPool(pool);

			// the whole capacity can be borrowed at once, promptly, and every session
			// answers in the pool's database
			List<TableSession> all = new ArrayList<>();
			long borrowStart = System.nanoTime();
			for (int i = 0; i < POOL_SIZE; i++) {
				all.add(pool.getSession());
			}
			long borrowMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - borrowStart);
			logger.info("Borrowed all {} sessions in {} ms", POOL_SIZE, borrowMillis);
			assertThat(borrowMillis).isLessThan(1_000);
			for (TableSession session : all) {
				assertThat(session.getDatabase()).isEqualTo(DATABASE);
				assertThat(smallValue(session)).isEqualTo(42);
			}
			assertThat(runningQueries(all.get(0))).as("only the query that asks").isEqualTo(1);
			// the count sees a query left open
			SessionDataSet open = all.get(1).executeQueryStatement("SELECT v FROM big");
			open.next();
			assertThat(runningQueries(all.get(0))).isEqualTo(2);
			open.close();
			assertThat(writtenRows(all.get(2))).isEqualTo(counts.insertedRows.get());
			all.forEach(TableSession::close);

			TableSessionPoolStats end = pool.getStats();
			assertThat(end.active()).isZero();
			assertThat(end.pending()).isZero();
			assertThat(end.idle()).isEqualTo(POOL_SIZE);
			awaitServerConnections(POOL_SIZE);
		}
		finally {
			pool.close();
		}
		awaitServerConnections(0);
	}

	private static void runCycle(TableSessionPool pool, Kind kind, int cycle, String worker, Counts counts) {
		switch (kind) {
			case PLAIN -> {
				try (TableSession session = pool.getSession()) {
					assertThat(session.getDatabase()).isEqualTo(DATABASE);
					assertThat(smallValue(session)).isEqualTo(42);
				}
			}
			case INSERT -> {
				try (TableSession session = pool.getSession()) {
					session.insert(ColumnarTablet.builder("writes", new long[] { cycle })
						.tag("worker", new String[] { worker })
						.field("v", DataType.INT64, new long[] { cycle })
						.build());
				}
				counts.insertedRows.incrementAndGet();
			}
			case USER_EXCEPTION -> {
				AtomicReference<SessionDataSet> left = new AtomicReference<>();
				assertThatExceptionOfType(UserCodeFailure.class).isThrownBy(() -> {
					try (TableSession session = pool.getSession()) {
						if (cycle % 2 == 0) {
							// fail while a large result is still open on the server
							SessionDataSet rows = session.executeQueryStatement("SELECT v FROM big");
							left.set(rows);
							rows.next();
						}
						throw new UserCodeFailure(cycle);
					}
				});
				if (left.get() != null) {
					assertThat(left.get().isClosed()).isTrue();
				}
			}
			case DOUBLE_CLOSE -> {
				TableSession session = pool.getSession();
				assertThat(smallValue(session)).isEqualTo(42);
				session.close();
				session.close();
				assertThat(session.isOpen()).isFalse();
				assertThatIllegalStateException().isThrownBy(() -> smallValue(session))
					.withMessageContaining("given back");
			}
			case LEFT_OPEN -> {
				SessionDataSet rows;
				try (TableSession session = pool.getSession()) {
					rows = session.executeQueryStatement("SELECT v FROM big");
					assertThat(rows.next().getLong(0)).isZero();
				}
				assertThat(rows.isClosed()).isTrue();
			}
			case USE_LEFT -> {
				try (TableSession session = pool.getSession()) {
					session.executeNonQueryStatement("USE " + OTHER_DATABASE);
					assertThat(session.getDatabase()).isEqualTo(OTHER_DATABASE);
				}
			}
			case BAD_SQL ->
				refusedThenUsable(pool, (session) -> session.executeNonQueryStatement("SELEC v FRM small"), 700);
			case MISSING_TABLE ->
				refusedThenUsable(pool, (session) -> session.executeQueryStatement("SELECT v FROM no_such_table"), 550);
			case SELF_INTERRUPT -> borrowInterrupted(pool, counts);
			case CLOSED_POOL -> giveBackToAClosedPool(cycle);
		}
	}

	/** A statement the server refuses leaves the borrowed session usable. */
	private static void refusedThenUsable(TableSessionPool pool, Consumer<TableSession> statement, int code) {
		try (TableSession session = pool.getSession()) {
			assertThatExceptionOfType(StatementExecutionException.class).isThrownBy(() -> statement.accept(session))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(code));
			assertThat(smallValue(session)).isEqualTo(42);
		}
	}

	/**
	 * Borrows with the interrupt flag already set: a borrower that finds an idle session
	 * gets it; one that has to wait fails at once. Either way the flag stays set.
	 */
	private static void borrowInterrupted(TableSessionPool pool, Counts counts) {
		Thread.currentThread().interrupt();
		TableSession session;
		try {
			session = pool.getSession();
		}
		catch (IoTDBException ex) {
			assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
			assertThat(ex).hasMessageContaining("interrupted while waiting for a session of pool 'abused'");
			counts.interruptedWaits.incrementAndGet();
			return;
		}
		assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
		try (session) {
			assertThat(smallValue(session)).isEqualTo(42);
		}
	}

	/**
	 * Sessions of a pool closed while they are borrowed still work, and are closed when
	 * they come back.
	 */
	private static void giveBackToAClosedPool(int cycle) {
		TableSessionPool small = new TableSessionPool(poolConfig().poolName("closing-" + cycle).maxPoolSize(2).build());
		TableSession reading = small.getSession();
		TableSession switched = small.getSession();
		SessionDataSet rows = reading.executeQueryStatement("SELECT v FROM big");
		rows.next();
		switched.executeNonQueryStatement("USE " + OTHER_DATABASE);
		small.close();
		assertThat(small.getStats().active()).isEqualTo(2);
		assertThatIllegalStateException().isThrownBy(small::getSession).withMessageContaining("is closed");
		assertThat(smallValue(reading)).isEqualTo(42);
		reading.close();
		reading.close();
		assertThat(rows.isClosed()).isTrue();
		switched.close();
		switched.close();
		TableSessionPoolStats stats = small.getStats();
		assertThat(stats.active()).isZero();
		assertThat(stats.idle()).isZero();
		assertThat(stats.pending()).isZero();
	}

	/**
	 * Threads waiting on an exhausted pool are interrupted: each fails with a clear
	 * exception, keeps its interrupt status and leaves the queue; the pool loses nothing.
	 */
	private static void interruptWaitersOfAnExhaustedPool(TableSessionPool pool) throws InterruptedException {
		List<TableSession> held = new ArrayList<>();
		for (int i = 0; i < POOL_SIZE; i++) {
			held.add(pool.getSession());
		}
		int waiterCount = 3;
		List<AtomicReference<Object>> outcomes = new ArrayList<>();
		List<Thread> waiters = new ArrayList<>();
		for (int i = 0; i < waiterCount; i++) {
			AtomicReference<Object> outcome = new AtomicReference<>();
			outcomes.add(outcome);
			Thread waiter = new Thread(() -> {
				try (TableSession session = pool.getSession()) {
					outcome.set(session);
				}
				catch (RuntimeException ex) {
					outcome.set(new Outcome(ex, Thread.currentThread().isInterrupted()));
				}
			}, "waiter-" + i);
			waiters.add(waiter);
			waiter.start();
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (pool.getStats().pending() < waiterCount && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(pool.getStats().pending()).isEqualTo(waiterCount);
		long interruptedAt = System.nanoTime();
		waiters.forEach(Thread::interrupt);
		for (Thread waiter : waiters) {
			waiter.join(5_000);
			assertThat(waiter.isAlive()).isFalse();
		}
		long reactionMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);
		logger.info("{} interrupted waiters gave up within {} ms", waiterCount, reactionMillis);
		assertThat(reactionMillis).isLessThan(2_000);
		for (AtomicReference<Object> outcome : outcomes) {
			assertThat(outcome.get()).isInstanceOfSatisfying(Outcome.class, (failure) -> {
				assertThat(failure.exception()).isInstanceOf(IoTDBException.class)
					.hasMessage("interrupted while waiting for a session of pool 'abused'");
				assertThat(failure.interruptStatusKept()).isTrue();
			});
		}
		TableSessionPoolStats whileHeld = pool.getStats();
		assertThat(whileHeld.pending()).isZero();
		assertThat(whileHeld.active()).isEqualTo(POOL_SIZE);
		held.forEach(TableSession::close);
		assertThat(pool.getStats().idle()).isEqualTo(POOL_SIZE);
	}

	private static TableSessionPoolConfig.Builder poolConfig() {
		return cluster.poolConfig().database(DATABASE).fetchSize(FETCH_SIZE);
	}

	private static long smallValue(TableSession session) {
		return onlyValue(session, "SELECT v FROM small");
	}

	private static long writtenRows(TableSession session) {
		return onlyValue(session, "SELECT count(*) FROM writes");
	}

	/** The queries the server is running, counting the one that asks. */
	private static long runningQueries(TableSession session) {
		return onlyValue(session, "SELECT count(*) FROM information_schema.queries");
	}

	private static long onlyValue(TableSession session, String sql) {
		try (SessionDataSet rows = session.executeQueryStatement(sql)) {
			long value = rows.next().getLong(0);
			assertThat(rows.hasNext()).isFalse();
			return value;
		}
	}

	/**
	 * Waits until the DataNode reports this many open client connections; closing one is
	 * noticed asynchronously.
	 */
	private static void awaitServerConnections(int expected) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		int connections = serverConnections();
		while (connections != expected && System.nanoTime() < deadline) {
			sleep(50);
			connections = serverConnections();
		}
		assertThat(connections).as("client connections open on the DataNode").isEqualTo(expected);
	}

	private static int serverConnections() {
		String metrics;
		try {
			metrics = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return metrics.lines()
			.filter((line) -> line.startsWith("thrift_connections{") && line.contains("name=\"ClientRPC\""))
			.map((line) -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the DataNode reports no ClientRPC connection count"));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What a cycle does with its session, in per cent of the cycles. */
	enum Kind {

		PLAIN(40), INSERT(12), USER_EXCEPTION(10), DOUBLE_CLOSE(8), LEFT_OPEN(7), USE_LEFT(7), BAD_SQL(8),
		MISSING_TABLE(4), SELF_INTERRUPT(3), CLOSED_POOL(1);

		private final int weight;

		Kind(int weight) {
			this.weight = weight;
		}

		static Kind[] plan(Random random, int cycles) {
			Kind[] plan = new Kind[cycles];
			for (int i = 0; i < cycles; i++) {
				int pick = random.nextInt(100);
				for (Kind kind : values()) {
					pick -= kind.weight;
					if (pick < 0) {
						plan[i] = kind;
						break;
					}
				}
			}
			return plan;
		}

	}

	private static final class Counts {

		final AtomicInteger insertedRows = new AtomicInteger();

		final AtomicInteger interruptedWaits = new AtomicInteger();

	}

	private record Outcome(RuntimeException exception, boolean interruptStatusKept) {
	}

	/** A failure of the borrower's own code while it holds a session. */
	private static final class UserCodeFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UserCodeFailure(int cycle) {
			super("user code failed in cycle " + cycle);
		}

	}

}
