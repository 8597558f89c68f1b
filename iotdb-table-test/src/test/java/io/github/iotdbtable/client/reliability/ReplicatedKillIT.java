package io.github.iotdbtable.client.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBNode;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two DataNodes, each data region on both (IoT consensus), the schema region on one of
 * them; one DataNode is killed (SIGKILL) while threads write and query through one pool
 * that knows both nodes. What holds on IoTDB 2.0.1-beta:
 * <ul>
 * <li>losing the node without the schema region: writes and queries go on through the
 * survivor, which leads the killed node's data regions at once. Only the operations in
 * flight at the kill fail (a query with 301 "time is null" or "Connection refused", an
 * insert with 301 "Fail to send plan node"), each reported to its caller. Data
 * replication is asynchronous, so a batch the killed node acknowledged just before the
 * kill may be missing on the survivor until the node is back; every batch acknowledged
 * after the kill is on the survivor;</li>
 * <li>while a replica is down, a device the cluster has not placed yet is refused ("no
 * available DataRegionGroup", status 301 for a tablet insert) once the ConfigNode has
 * noticed the loss;</li>
 * <li>the restarted node takes the lead of its regions again before it has caught up: for
 * some seconds the batches acknowledged while it was down cannot be read through either
 * node, then all are;</li>
 * <li>losing the node with the schema region makes the database unavailable (305 for a
 * query, 301 for an insert: "All replicas for region SchemaRegion are not available")
 * until it is back. A second schema replica does not help: the schema region then uses
 * Ratis, which needs both of two replicas, and every statement fails with 301 "Ratis
 * request failed" after some 40 s.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@IoTDBTest(isolated = true, dataNodes = 2, dataReplicationFactor = 2, properties = "wal_mode=SYNC")
class ReplicatedKillIT {

	@BeforeAll
	static void createTable(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement(BatchIngest.TABLE);
		}
	}

	@Test
	@Order(1)
	void writesAndQueriesGoOnWhileOneReplicaIsDown(IoTDBCluster cluster, TestDatabase database) {
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig()
			.maxPoolSize(6)
			.waitTimeout(Duration.ofSeconds(30))
			.queryTimeout(Duration.ofSeconds(15))
			.build())) {
			BatchIngest ingest = BatchIngest.start(pool, 2);
			ingest.startReaders(pool, 2);
			IoTDBNode victim;
			IoTDBNode survivor;
			long firstAfterKill;
			try (ingest) {
				ingest.awaitMoreAcknowledged(50, Duration.ofMinutes(2));
				List<String> regions = regions(cluster, cluster.dataNode(0));
				int schemaPort = schemaRegionPort(regions);
				// the schema region has one replica: the node without it is the one whose
				// loss the cluster can bear
				victim = (cluster.dataNode(0).rpcPort() == schemaPort) ? cluster.dataNode(1) : cluster.dataNode(0);
				survivor = (victim == cluster.dataNode(0)) ? cluster.dataNode(1) : cluster.dataNode(0);
				long attemptedAtKill = ingest.attempted.get();
				long readsAtKill = ingest.reads.get();
				long failedAtKill = ingest.failed.size() + ingest.readsFailed.get();
				victim.kill();
				firstAfterKill = ingest.nextBatchId();
				long killedAt = System.nanoTime();
				ingest.awaitMoreAcknowledged(100, Duration.ofMinutes(1));
				long answered = ingest.readsAnswered.get();
				BatchIngest.await(() -> ingest.readsAnswered.get() >= answered + 10, "reads answered after the kill",
						Duration.ofMinutes(2));
				DataNodeKillIT.report("ReplicatedKillIT: reads answered again "
						+ Duration.ofNanos(System.nanoTime() - killedAt).toMillis() + " ms after the kill");
				DataNodeKillIT.report("ReplicatedKillIT: regions " + regions + "; killed " + victim.name()
						+ "; since: batches attempted=" + (ingest.attempted.get() - attemptedAtKill) + ", reads="
						+ (ingest.reads.get() - readsAtKill) + ", operations failed="
						+ (ingest.failed.size() + ingest.readsFailed.get() - failedAtKill) + "; regions after "
						+ regions(cluster, survivor));
			}
			DataNodeKillIT.report("ReplicatedKillIT: " + ingest.summary());
			ingest.assertAccounted();

			Set<Long> missing;
			try (TableSession session = openOn(database, survivor)) {
				missing = ingest.acknowledgedMissing(BatchIngest.storedRows(session));
				// a batch sent after the kill has only the survivor to go to
				assertThat(missing).as("batches acknowledged by the survivor alone")
					.allMatch((b) -> b < firstAfterKill);
				// a device the cluster has not placed yet needs a region group with every
				// replica up
				long since = System.nanoTime();
				BatchIngest.await(() -> refusesNewDevice(session), "a new device refused", Duration.ofMinutes(2));
				DataNodeKillIT.report("ReplicatedKillIT: acknowledged batches missing on the survivor " + missing
						+ " (first batch after the kill " + firstAfterKill + "); new devices refused after "
						+ Duration.ofNanos(System.nanoTime() - since).toMillis() + " ms more");
			}

			victim.start();
			long rejoined = System.nanoTime();
			List<String> seen = new ArrayList<>();
			// the restarted node may lead its regions again before it has caught up:
			// reads through either node miss
			// the batches written while it was down, until it has them all
			BatchIngest.await(() -> {
				for (IoTDBNode node : List.of(survivor, victim)) {
					try (TableSession session = openOn(database, node)) {
						Set<Long> absent = ingest.acknowledgedMissing(BatchIngest.storedRows(session));
						seen.add(node.name() + ":" + absent.size());
						if (!absent.isEmpty()) {
							return false;
						}
					}
				}
				return true;
			}, "all acknowledged batches read through each node", Duration.ofMinutes(2));
			DataNodeKillIT.report("ReplicatedKillIT: acknowledged batches not readable after the restart " + seen
					+ ", complete after " + Duration.ofNanos(System.nanoTime() - rejoined).toMillis() + " ms; regions "
					+ regions(cluster, victim));
		}
	}

	@Test
	@Order(2)
	void withTheSchemaRegionsNodeDownTheDatabaseIsUnavailable(IoTDBCluster cluster, TestDatabase database) {
		int schemaPort = schemaRegionPort(regions(cluster, cluster.dataNode(0)));
		IoTDBNode holder = (cluster.dataNode(0).rpcPort() == schemaPort) ? cluster.dataNode(0) : cluster.dataNode(1);
		IoTDBNode other = (holder == cluster.dataNode(0)) ? cluster.dataNode(1) : cluster.dataNode(0);
		holder.kill();
		try (TableSession session = openOn(database, other)) {
			assertThatExceptionOfType(StatementExecutionException.class)
				.isThrownBy(() -> session.executeQueryStatement("SELECT count(*) FROM batches").close())
				.withMessageContaining("All replicas for region")
				.extracting(StatementExecutionException::getStatusCode)
				.isEqualTo(305);
			assertThatExceptionOfType(StatementExecutionException.class)
				.isThrownBy(() -> session.insert(BatchIngest.batch("w0", 1_000_000L)))
				.withMessageContaining("All replicas for region")
				.extracting(StatementExecutionException::getStatusCode)
				.isEqualTo(301);
			holder.start();
			session.insert(BatchIngest.batch("w0", 1_000_000L));
			try (SessionDataSet rows = session
				.executeQueryStatement("SELECT count(*) FROM batches WHERE writer = 'w0' AND " + "time >= "
						+ 1_000_000L * BatchIngest.ROWS + " AND time < " + 1_000_001L * BatchIngest.ROWS)) {
				assertThat(rows.next().getLong(0)).isEqualTo(BatchIngest.ROWS);
			}
		}
	}

	private static TableSession openOn(TestDatabase database, IoTDBNode node) {
		return TableSession.open(database.sessionConfig().nodeUrls(node.nodeUrl()).build());
	}

	private static boolean refusesNewDevice(TableSession session) {
		try {
			session.insert(BatchIngest.batch("new-" + System.nanoTime(), 2_000_000L));
			return false;
		}
		catch (StatementExecutionException ex) {
			// the server's 906 reaches a tablet insert wrapped in a 301
			assertThat(ex.getStatusCode()).as("refused: %s", ex.getMessage()).isEqualTo(301);
			assertThat(ex.getMessage()).contains("no available DataRegionGroup");
			return true;
		}
	}

	private static List<String> regions(IoTDBCluster cluster, IoTDBNode node) {
		List<String> regions = new ArrayList<>();
		try (TableSession session = TableSession.open(cluster.sessionConfig().nodeUrls(node.nodeUrl()).build());
				SessionDataSet rows = session.executeQueryStatement("SHOW REGIONS")) {
			while (rows.hasNext()) {
				Row row = rows.next();
				regions.add(row.getString("Type") + "#" + row.getObject("RegionId") + "@" + row.getObject("RpcPort")
						+ ":" + row.getString("Role") + "/" + row.getString("Status"));
			}
		}
		return regions;
	}

	private static int schemaRegionPort(List<String> regions) {
		return regions.stream()
			.filter((region) -> region.startsWith("SchemaRegion"))
			.map((region) -> Integer.parseInt(region.substring(region.indexOf('@') + 1, region.indexOf(':'))))
			.findFirst()
			.orElseThrow();
	}

}
