package io.github.iotdbtable.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool outlives its server: the DataNode is killed (kill -9) and started again with its data while the pool is idle
 * and while it is busy. The WAL is synced on every write, so every acknowledged row must survive the kill.
 */
@IoTDBTest(isolated = true, properties = "wal_mode=SYNC")
class PoolRecoveryIT {

	@BeforeAll
	static void createTable(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE events (writer STRING TAG, v INT64 FIELD)");
		}
	}

	@Test
	void idleSessionsRecoverAfterTheServerWasKilledAndRestarted(IoTDBCluster cluster, TestDatabase database) {
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(3).build())) {
			List<TableSession> sessions = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				sessions.add(pool.getSession());
			}
			for (int i = 0; i < sessions.size(); i++) {
				insert(sessions.get(i), "idle", i);
			}
			sessions.forEach(TableSession::close);
			assertThat(pool.getStats().idle()).isEqualTo(3);

			cluster.dataNode(0).kill();
			cluster.dataNode(0).start();

			// every idle session is broken now; each borrower still succeeds, and no slot is lost
			List<TableSession> again = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				again.add(pool.getSession());
			}
			for (int i = 0; i < again.size(); i++) {
				insert(again.get(i), "idle", 3 + i);
			}
			again.forEach(TableSession::close);
			assertThat(pool.getStats().active()).isZero();
			assertThat(pool.getStats().idle()).isEqualTo(3);
			assertThat(pool.getStats().totalCreated()).as("the broken connections were replaced").isGreaterThan(3);
			assertThat(count(pool, "idle")).isEqualTo(6);
		}
	}

	@Test
	void busySessionsRecoverAndNoAcknowledgedRowIsLost(IoTDBCluster cluster, TestDatabase database) throws Exception {
		int writers = 4;
		Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger failed = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().maxPoolSize(3).waitTimeout(Duration.ofSeconds(30)).build())) {
			ExecutorService executor = Executors.newFixedThreadPool(writers);
			List<Future<?>> futures = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				int writer = w;
				futures.add(executor.submit(() -> {
					for (long n = 0; !stop.get(); n++) {
						long time = n * writers + writer;
						try (TableSession session = pool.getSession()) {
							insert(session, "busy", time);
							acknowledged.add(time);
						}
						catch (IoTDBException ex) {
							failed.incrementAndGet();
						}
					}
				}));
			}
			awaitAcknowledged(acknowledged, 200);
			cluster.dataNode(0).kill();
			cluster.dataNode(0).start();
			int beforeRecovery = acknowledged.size();
			awaitAcknowledged(acknowledged, beforeRecovery + 200);
			stop.set(true);
			for (Future<?> future : futures) {
				future.get(1, TimeUnit.MINUTES);
			}
			executor.shutdown();

			assertThat(pool.getStats().active()).isZero();
			assertThat(pool.getStats().total()).isLessThanOrEqualTo(3);
			try (TableSession session = pool.getSession();
					SessionDataSet rows = session.executeQueryStatement("SELECT time FROM events WHERE writer = 'busy'")) {
				Set<Long> stored = ConcurrentHashMap.newKeySet();
				while (rows.hasNext()) {
					stored.add(rows.next().getLong(0));
				}
				assertThat(stored).containsAll(acknowledged);
			}
		}
	}

	private static void awaitAcknowledged(Set<Long> acknowledged, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (acknowledged.size() < count) {
			assertThat(System.nanoTime()).as("%s rows acknowledged in time", count).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static void insert(TableSession session, String writer, long time) {
		session.insert(ColumnarTablet.builder("events", new long[] { time })
			.tag("writer", new String[] { writer })
			.field("v", DataType.INT64, new long[] { time })
			.build());
	}

	private static long count(TableSessionPool pool, String writer) {
		try (TableSession session = pool.getSession();
				SessionDataSet rows = session
					.executeQueryStatement("SELECT count(*) FROM events WHERE writer = '" + writer + "'")) {
			return rows.next().getLong(0);
		}
	}

}
