package io.github.iotdbtable.test;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBConnectionException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A node stopped, killed or restarted keeps its data and ports. The WAL is synced on
 * every write: in the server's default asynchronous mode a write acknowledged less than a
 * second before a kill -9 is lost by design.
 */
@IoTDBTest(isolated = true, properties = "wal_mode=SYNC")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IoTDBClusterIT {

	@Test
	@Order(1)
	void aDataNodeKilledAndStartedAgainKeepsItsData(IoTDBCluster cluster, TestDatabase database) {
		write(database, "killed", 1_000);
		IoTDBNode dataNode = cluster.dataNode(0);
		long pid = dataNode.pid();
		dataNode.kill();
		assertThat(dataNode.isRunning()).isFalse();
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThatExceptionOfType(IoTDBConnectionException.class).isThrownBy(database::openSession);
		dataNode.start();
		assertThat(dataNode.pid()).isNotEqualTo(pid);
		assertThat(count(database, "killed")).isEqualTo(1_000);
	}

	@Test
	@Order(2)
	void aDataNodeStoppedAndStartedAgainKeepsItsData(IoTDBCluster cluster, TestDatabase database) {
		write(database, "stopped", 500);
		cluster.dataNode(0).restart();
		assertThat(count(database, "stopped")).isEqualTo(500);
		assertThat(cluster.nodeUrls()).containsExactly(cluster.dataNode(0).nodeUrl());
	}

	@Test
	@Order(3)
	void whileTheConfigNodeIsDownStatementsFailAndAfterItsRestartTheyWorkAgain(IoTDBCluster cluster,
			TestDatabase database) {
		write(database, "config", 200);
		cluster.configNode().stop();
		assertThat(cluster.configNode().isRunning()).isFalse();
		try (TableSession session = database.openSession()) {
			assertThatExceptionOfType(StatementExecutionException.class)
				.isThrownBy(() -> session.executeQueryStatement("SELECT count(*) FROM config"))
				.withMessageContaining("config node");
		}
		cluster.configNode().start();
		assertThat(count(database, "config")).isEqualTo(200);
		write(database, "config_after", 300);
		assertThat(count(database, "config_after")).isEqualTo(300);
	}

	private static void write(TestDatabase database, String table, int rows) {
		long[] times = new long[rows];
		String[] ids = new String[rows];
		long[] values = new long[rows];
		for (int i = 0; i < rows; i++) {
			times[i] = i;
			ids[i] = "n";
			values[i] = i;
		}
		try (TableSession session = database.openSession()) {
			session
				.insert(ColumnarTablet.builder(table, times).tag("id", ids).field("v", DataType.INT64, values).build());
		}
	}

	private static long count(TestDatabase database, String table) {
		try (TableSession session = database.openSession();
				SessionDataSet rows = session.executeQueryStatement("SELECT count(*) FROM " + table)) {
			return rows.next().getLong(0);
		}
	}

}
