package io.github.iotdbtable.client.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolStats;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBNode;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The only DataNode is killed (SIGKILL) and started again on its data while a pool is
 * idle and while four threads write through it. The WAL is synced on every write
 * ({@code wal_mode=SYNC}), so a batch the client acknowledged must be stored after the
 * restart; a batch that was not acknowledged must have reached its caller as an
 * exception. The pool serves again, with all its slots, within 10 s of the node being
 * back, without being restarted.
 */
@IoTDBTest(isolated = true, properties = "wal_mode=SYNC")
class DataNodeKillIT {

	private static final int WRITERS = 4;

	private static final int POOL_SIZE = 5;

	private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

	@BeforeAll
	static void createTables(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement(BatchIngest.TABLE);
			session.executeNonQueryStatement("CREATE TABLE events (writer STRING TAG, v INT64 FIELD)");
		}
	}

	@Test
	void killedDuringIngestNoAcknowledgedBatchIsLostAndThePoolServesAgain(IoTDBCluster cluster, TestDatabase database) {
		IoTDBNode node = cluster.dataNode(0);
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().maxPoolSize(POOL_SIZE).waitTimeout(Duration.ofSeconds(30)).build())) {
			Duration recovery;
			BatchIngest ingest = BatchIngest.start(pool, WRITERS);
			try (ingest) {
				ingest.awaitMoreAcknowledged(50, Duration.ofMinutes(2));
				node.kill();
				long acknowledgedAtKill = ingest.acknowledged.size();
				// the writers meet the dead node: their batches fail, each one reported
				// to its caller
				BatchIngest.await(() -> ingest.failed.size() >= WRITERS, "failed batches", Duration.ofMinutes(1));
				node.start();
				recovery = timeToFirstQuery(pool, "SELECT count(*) FROM batches");
				ingest.awaitMoreAcknowledged(50, Duration.ofMinutes(1));
				report("DataNodeKillIT: acknowledged at kill=" + acknowledgedAtKill + ", pool recovery after ready="
						+ recovery.toMillis() + " ms");
			}
			report("DataNodeKillIT: " + ingest.summary());

			ingest.assertAccounted();
			assertThat(ingest.failed).as("batches failed by the kill").isNotEmpty();
			assertThat(recovery).as("time from the node being ready to the pool serving").isLessThan(RECOVERY_BOUND);
			assertThat(ingest.acknowledged).hasSizeGreaterThanOrEqualTo(100);
			try (TableSession session = pool.getSession()) {
				Map<Long, Integer> stored = BatchIngest.storedRows(session);
				assertThat(ingest.acknowledgedRowsStored(stored))
					.isEqualTo((long) ingest.acknowledged.size() * BatchIngest.ROWS);
				ingest.spotCheck(session, 10);
				long failedStored = ingest.failed.stream().filter(stored::containsKey).count();
				report("DataNodeKillIT: rows stored=" + stored.values().stream().mapToInt(Integer::intValue).sum()
						+ ", failed batches stored anyway=" + failedStored);
			}
			assertNoSlotLost(pool);
		}
	}

	@Test
	void idleSessionsAreReplacedAfterTheNodeWasKilledAndRestarted(IoTDBCluster cluster, TestDatabase database) {
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(3).build())) {
			List<TableSession> sessions = borrow(pool, 3);
			for (int i = 0; i < sessions.size(); i++) {
				insertEvent(sessions.get(i), i);
			}
			sessions.forEach(TableSession::close);
			assertThat(pool.getStats().idle()).isEqualTo(3);

			cluster.dataNode(0).kill();
			cluster.dataNode(0).start();

			// every idle connection is broken now; each borrower still succeeds, and no
			// slot is lost
			List<TableSession> again = borrow(pool, 3);
			for (int i = 0; i < again.size(); i++) {
				insertEvent(again.get(i), 3 + i);
			}
			again.forEach(TableSession::close);
			TableSessionPoolStats stats = pool.getStats();
			assertThat(stats.active()).isZero();
			assertThat(stats.idle()).isEqualTo(3);
			assertThat(stats.totalCreated()).as("the broken connections were replaced").isGreaterThan(3);
			try (TableSession session = pool.getSession();
					SessionDataSet rows = session.executeQueryStatement("SELECT count(*) FROM events")) {
				assertThat(rows.next().getLong(0)).isEqualTo(6);
			}
		}
	}

	/**
	 * Borrows and queries until it works.
	 * @return how long that took
	 */
	static Duration timeToFirstQuery(TableSessionPool pool, String sql) {
		long start = System.nanoTime();
		Map<String, Integer> failures = new LinkedHashMap<>();
		while (true) {
			try (TableSession session = pool.getSession(); SessionDataSet rows = session.executeQueryStatement(sql)) {
				rows.next();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				report("pool served again after " + took.toMillis() + " ms, failures before: " + failures);
				return took;
			}
			catch (IoTDBException ex) {
				String message = String.valueOf(ex.getMessage());
				failures.merge(message.substring(0, Math.min(message.length(), 150)), 1, Integer::sum);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("pool serving again, last failure: %s", ex)
					.isLessThan(Duration.ofMinutes(1));
				sleep(50);
			}
		}
	}

	/**
	 * Checks that the pool lost no slot: nothing is borrowed, and all its sessions can be
	 * borrowed at once.
	 */
	static void assertNoSlotLost(TableSessionPool pool) {
		int max = pool.getConfig().getMaxPoolSize();
		TableSessionPoolStats stats = pool.getStats();
		assertThat(stats.active()).isZero();
		assertThat(stats.total()).isLessThanOrEqualTo(max);
		List<TableSession> all = borrow(pool, max);
		for (TableSession session : all) {
			try (SessionDataSet rows = session.executeQueryStatement("SELECT count(*) FROM batches")) {
				assertThat(rows.next().getLong(0)).isPositive();
			}
		}
		assertThat(pool.getStats().active()).isEqualTo(max);
		all.forEach(TableSession::close);
		assertThat(pool.getStats().active()).isZero();
		assertThat(pool.getStats().idle()).isEqualTo(max);
	}

	static List<TableSession> borrow(TableSessionPool pool, int count) {
		List<TableSession> sessions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sessions.add(pool.getSession());
		}
		return sessions;
	}

	private static void insertEvent(TableSession session, long time) {
		session.insert(ColumnarTablet.builder("events", new long[] { time })
			.tag("writer", new String[] { "idle" })
			.field("v", DataType.INT64, new long[] { time })
			.build());
	}

	static void report(String figures) {
		System.out.println("[reliability] " + figures);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
