package io.github.iotdbtable.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.iotdbtable.client.rpc.Endpoint;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool on two DataNodes: sessions spread over the nodes, and inserts follow the
 * server's redirection hints. The database's data regions are split between the nodes, so
 * each node leads the devices of one of them.
 */
@IoTDBTest(dataNodes = 2)
class PoolRedirectionIT {

	private static final int DEVICES = 20;

	@BeforeAll
	static void createTable(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE readings (device STRING TAG, v INT64 FIELD)");
		}
	}

	@Test
	void withRedirectionWritesGoToTheNodeTheServerNames(IoTDBCluster cluster, TestDatabase database) {
		String entry = cluster.nodeUrls().get(0);
		String other = cluster.nodeUrls().get(1);
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().nodeUrls(entry).enableRedirection(true).maxPoolSize(1).build())) {
			insertAllDevices(pool, 0);
			assertThat(pool.router()).isNotNull();
			LeaderCache leaders = pool.router().leaders();
			assertThat(leaders.size()).as("devices led by the other node").isPositive().isLessThan(DEVICES);
			assertThat(pool.getStats().insertsByNode()).containsOnlyKeys(entry);

			insertAllDevices(pool, 1);
			Map<String, Long> inserts = pool.getStats().insertsByNode();
			assertThat(inserts).containsOnlyKeys(entry, other);
			assertThat(inserts.get(other)).isEqualTo(1);
			assertThat(countRows(pool)).isEqualTo(2L * DEVICES);

			// a second borrow learns nothing new: the hints are cached for the pool
			int learnt = leaders.size();
			insertAllDevices(pool, 2);
			assertThat(leaders.size()).isEqualTo(learnt);
			assertThat(pool.getStats().insertsByNode().get(other)).isEqualTo(2);
		}
	}

	@Test
	void withoutRedirectionEveryWriteGoesToTheSessionsNode(IoTDBCluster cluster, TestDatabase database) {
		String entry = cluster.nodeUrls().get(0);
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().nodeUrls(entry).maxPoolSize(1).build())) {
			insertAllDevices(pool, 10);
			insertAllDevices(pool, 11);
			assertThat(pool.router()).isNull();
			assertThat(pool.getStats().insertsByNode()).containsOnlyKeys(entry).containsEntry(entry, 2L);
		}
	}

	@Test
	void aLeaderThatCannotBeReachedIsForgottenAndTheRowsStillArrive(IoTDBCluster cluster, TestDatabase database) {
		String entry = cluster.nodeUrls().get(0);
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().nodeUrls(entry).enableRedirection(true).maxPoolSize(1).build())) {
			insertAllDevices(pool, 20);
			InsertRouter router = pool.router();
			LeaderCache leaders = router.leaders();
			Endpoint gone = new Endpoint("127.0.0.1", 1);
			ColumnarTablet probe = tablet(21);
			int[] tags = { 0 };
			for (int row = 0; row < DEVICES; row++) {
				leaders.learn(LeaderCache.device(probe, tags, row), gone);
			}
			try (TableSession session = pool.getSession()) {
				session.insert(probe);
			}
			assertThat(pool.getStats().insertsByNode()).doesNotContainKey(gone.toString());
			try (TableSession session = pool.getSession();
					SessionDataSet rows = session
						.executeQueryStatement("SELECT count(*) FROM readings WHERE time = 21")) {
				assertThat(rows.next().getLong(0)).isEqualTo(DEVICES);
			}
			for (int row = 0; row < DEVICES; row++) {
				assertThat(leaders.leaderOf(LeaderCache.device(probe, tags, row))).isNotEqualTo(gone);
			}
			// nor learnt again for a while, though the server may name it
			assertThat(router.isQuarantined(gone)).isTrue();
		}
	}

	@Test
	void newSessionsAreSpreadOverTheNodes(IoTDBCluster cluster, TestDatabase database) {
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(4).build())) {
			List<TableSession> held = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				held.add(pool.getSession());
			}
			for (int i = 0; i < held.size(); i++) {
				held.get(i)
					.executeNonQueryStatement(
							"INSERT INTO readings (time, device, v) VALUES (" + (100 + i) + ", 'spread', 1)");
				held.get(i)
					.insert(ColumnarTablet.builder("readings", new long[] { 200 + i })
						.tag("device", new String[] { "spread" })
						.field("v", DataType.INT64, new long[] { 1 })
						.build());
			}
			held.forEach(TableSession::close);
			assertThat(pool.getStats().insertsByNode()).containsOnlyKeys(cluster.nodeUrls()).containsValues(2L, 2L);
		}
	}

	private static void insertAllDevices(TableSessionPool pool, long time) {
		try (TableSession session = pool.getSession()) {
			session.insert(tablet(time));
		}
	}

	private static ColumnarTablet tablet(long time) {
		long[] times = new long[DEVICES];
		String[] devices = new String[DEVICES];
		long[] values = new long[DEVICES];
		for (int i = 0; i < DEVICES; i++) {
			times[i] = time;
			devices[i] = "device-" + i;
			values[i] = i;
		}
		return ColumnarTablet.builder("readings", times)
			.tag("device", devices)
			.field("v", DataType.INT64, values)
			.build();
	}

	private static long countRows(TableSessionPool pool) {
		try (TableSession session = pool.getSession();
				SessionDataSet rows = session.executeQueryStatement("SELECT count(*) FROM readings WHERE time < 10")) {
			return rows.next().getLong(0);
		}
	}

}
