package io.github.iotdbtable.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.PoolTimeoutException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolListener;
import io.github.iotdbtable.client.TableSessionPoolStats;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link TableSessionPool} borrowing, returning and resetting sessions under load.
 */
@IoTDBTest
class PoolIT {

	@BeforeAll
	static void createTables(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE load (worker STRING TAG, v INT64 FIELD)");
			session.executeNonQueryStatement("CREATE TABLE marker (id STRING TAG, v INT32 FIELD)");
			int rows = 50_000;
			long[] times = new long[rows];
			long[] values = new long[rows];
			for (int i = 0; i < rows; i++) {
				times[i] = i;
				values[i] = i;
			}
			session.insert(ColumnarTablet.builder("big", times).field("v", DataType.INT64, values).build());
		}
	}

	@Test
	void eightThreadsShareFiveSessionsWithoutLosingARowOrASlot(TestDatabase database) throws Exception {
		int threads = 8;
		int rounds = 500;
		Duration waitTimeout = Duration.ofSeconds(10);
		AtomicLong longestWait = new AtomicLong();
		TableSessionPoolListener listener = new TableSessionPoolListener() {
			@Override
			public void sessionAcquired(long waitNanos) {
				longestWait.accumulateAndGet(waitNanos, Math::max);
			}
		};
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().maxPoolSize(5).waitTimeout(waitTimeout).build(), listener)) {
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			List<Future<Integer>> workers = new ArrayList<>();
			for (int worker = 0; worker < threads; worker++) {
				String name = "w" + worker;
				Callable<Integer> work = () -> {
					for (int round = 0; round < rounds; round++) {
						try (TableSession session = pool.getSession()) {
							session.insert(ColumnarTablet.builder("load", new long[] { round })
								.tag("worker", new String[] { name })
								.field("v", DataType.INT64, new long[] { round })
								.build());
						}
					}
					return rounds;
				};
				workers.add(executor.submit(work));
			}
			int written = 0;
			for (Future<Integer> worker : workers) {
				written += worker.get(5, TimeUnit.MINUTES);
			}
			executor.shutdown();

			TableSessionPoolStats stats = pool.getStats();
			assertThat(stats.active()).isZero();
			assertThat(stats.idle()).isEqualTo(5);
			assertThat(stats.pending()).isZero();
			assertThat(stats.timeouts()).isZero();
			assertThat(stats.totalCreated()).isEqualTo(5);
			assertThat(longestWait.get()).isLessThan(waitTimeout.toNanos());
			assertThat(written).isEqualTo(threads * rounds);
			try (TableSession session = pool.getSession();
					SessionDataSet rows = session
						.executeQueryStatement("SELECT worker, count(*) AS n FROM load GROUP BY worker")) {
				int workersSeen = 0;
				while (rows.hasNext()) {
					assertThat(rows.next().getLong("n")).isEqualTo(rounds);
					workersSeen++;
				}
				assertThat(workersSeen).isEqualTo(threads);
			}
		}
	}

	@Test
	void anExhaustedPoolFailsAfterTheWaitTimeoutAndStaysUsable(TestDatabase database) {
		Duration waitTimeout = Duration.ofMillis(1_500);
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().poolName("exhausted").maxPoolSize(2).waitTimeout(waitTimeout).build())) {
			TableSession first = pool.getSession();
			TableSession second = pool.getSession();
			long start = System.nanoTime();
			assertThatExceptionOfType(PoolTimeoutException.class).isThrownBy(pool::getSession)
				.withMessageContaining("pool 'exhausted'")
				.withMessageContaining("2 of 2 in use");
			long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(waited).isBetween(1_200L, 1_800L);
			assertThat(pool.getStats().timeouts()).isEqualTo(1);
			first.close();
			try (TableSession third = pool.getSession()) {
				third.executeNonQueryStatement("INSERT INTO marker (time, id, v) VALUES (1, 'exhausted', 1)");
			}
			second.close();
			assertThat(pool.getStats().idle()).isEqualTo(2);
		}
	}

	@Test
	void aUseByOneBorrowerIsNotSeenByTheNext(IoTDBCluster cluster, TestDatabase database) {
		try (TableSession admin = cluster.openSession()) {
			admin.executeNonQueryStatement("CREATE DATABASE IF NOT EXISTS pool_other_db");
			admin.executeNonQueryStatement("CREATE TABLE IF NOT EXISTS pool_other_db.elsewhere (id STRING TAG)");
		}
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(1).build())) {
			try (TableSession session = pool.getSession()) {
				session.executeNonQueryStatement("USE pool_other_db");
				assertThat(session.getDatabase()).isEqualTo("pool_other_db");
			}
			try (TableSession session = pool.getSession()) {
				assertThat(session.getDatabase()).isEqualTo(database.name());
				assertThat(StatementsIT.column(session, "SHOW TABLES", "TableName")).contains("marker")
					.doesNotContain("elsewhere");
			}
			assertThat(pool.getStats().totalCreated()).as("reset in place, not replaced").isEqualTo(1);
		}
		// without a pool database a session that ran USE is replaced
		try (TableSessionPool pool = new TableSessionPool(cluster.poolConfig().maxPoolSize(1).build())) {
			try (TableSession session = pool.getSession()) {
				session.executeNonQueryStatement("USE pool_other_db");
			}
			try (TableSession session = pool.getSession()) {
				assertThat(session.getDatabase()).isNull();
			}
			assertThat(pool.getStats().totalCreated()).isEqualTo(2);
		}
		finally {
			try (TableSession admin = cluster.openSession()) {
				admin.executeNonQueryStatement("DROP DATABASE pool_other_db");
			}
		}
	}

	@Test
	void dataSetsLeftOpenAreClosedWhenTheSessionIsReturned(TestDatabase database) {
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(1).fetchSize(10).build())) {
			SessionDataSet left;
			try (TableSession session = pool.getSession()) {
				left = session.executeQueryStatement("SELECT v FROM big");
				left.next();
				assertThat(runningQueries(session)).as("the open query and SHOW QUERIES").isEqualTo(2);
			}
			assertThat(left.isClosed()).isTrue();
			try (TableSession session = pool.getSession()) {
				assertThat(runningQueries(session)).isEqualTo(1);
			}
		}
	}

	private static int runningQueries(TableSession session) {
		try (SessionDataSet queries = session.executeQueryStatement("SHOW QUERIES")) {
			int count = 0;
			while (queries.hasNext()) {
				queries.next();
				count++;
			}
			return count;
		}
	}

	@Test
	void aReturnedSessionCannotBeUsedAndClosingTwiceIsHarmless(TestDatabase database) {
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(1).build())) {
			TableSession session = pool.getSession();
			session.close();
			session.close();
			assertThat(session.isOpen()).isFalse();
			assertThatIllegalStateException().isThrownBy(() -> session.executeNonQueryStatement("FLUSH"))
				.withMessageContaining("given back");
			assertThat(pool.getStats().idle()).isEqualTo(1);
			assertThat(pool.getStats().active()).isZero();
		}
	}

	@Test
	void aClosedPoolRefusesBorrowersAndClosesSessionsWhenTheyComeBack(TestDatabase database) {
		TableSessionPool pool = new TableSessionPool(database.poolConfig().poolName("closing").maxPoolSize(2).build());
		TableSession held = pool.getSession();
		pool.getSession().close();
		assertThat(pool.getStats().idle()).isEqualTo(1);
		pool.close();
		pool.close();
		assertThat(pool.getStats().idle()).isZero();
		assertThatIllegalStateException().isThrownBy(pool::getSession).withMessage("pool 'closing' is closed");
		held.executeNonQueryStatement("INSERT INTO marker (time, id, v) VALUES (3, 'closing', 3)");
		held.close();
		assertThat(pool.getStats().active()).isZero();
		assertThat(pool.getStats().idle()).isZero();
	}

	@Test
	void aSessionHeldPastTheLeakThresholdIsLoggedWithWhereItWasBorrowed(TestDatabase database) throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(TableSessionPool.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().poolName("leaky").leakDetectionThreshold(Duration.ofMillis(200)).build())) {
			try (TableSession quick = pool.getSession()) {
				// given back at once: never reported (a statement could outlast the
				// threshold on a busy server)
				assertThat(quick.getDatabase()).isEqualTo(database.name());
			}
			TableSession slow = pool.getSession();
			Thread.sleep(700);
			slow.close();
			List<ILoggingEvent> leaks = appender.list.stream()
				.filter((event) -> event.getLevel() == Level.WARN && event.getFormattedMessage().contains("leaky"))
				.toList();
			assertThat(leaks).hasSize(1);
			assertThat(leaks.get(0).getThrowableProxy().getStackTraceElementProxyArray())
				.anySatisfy((frame) -> assertThat(frame.getSTEAsString())
					.contains("aSessionHeldPastTheLeakThresholdIsLoggedWithWhereItWasBorrowed"));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

}
