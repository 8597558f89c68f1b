package io.github.iotdbtable.test;

import java.util.ArrayList;
import java.util.List;

import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster with a second DataNode on request.
 */
@IoTDBTest(dataNodes = 2)
class TwoDataNodesIT {

	@Test
	void bothDataNodesRunAndServeClients(IoTDBCluster cluster, TestDatabase database) {
		assertThat(cluster.nodeUrls()).hasSize(2).doesNotHaveDuplicates();
		List<String> states = new ArrayList<>();
		try (TableSession session = cluster.openSession();
				SessionDataSet rows = session.executeQueryStatement("SHOW CLUSTER")) {
			while (rows.hasNext()) {
				var row = rows.next();
				states.add(row.getString("NodeType") + " " + row.getString("Status"));
			}
		}
		assertThat(states).containsExactlyInAnyOrder("ConfigNode Running", "DataNode Running", "DataNode Running");
		for (String url : cluster.nodeUrls()) {
			try (TableSession session = TableSession.open(database.sessionConfig().nodeUrls(url).build())) {
				session.executeNonQueryStatement("CREATE TABLE IF NOT EXISTS shared (id STRING TAG, v INT32 FIELD)");
				session.executeNonQueryStatement(
						"INSERT INTO shared (time, id, v) VALUES (" + url.hashCode() + ", '" + url + "', 1)");
			}
		}
		try (TableSession session = TableSession
			.open(database.sessionConfig().nodeUrls(cluster.nodeUrls().get(1)).build());
				SessionDataSet rows = session.executeQueryStatement("SELECT count(*) FROM shared")) {
			assertThat(rows.next().getLong(0)).isEqualTo(2);
		}
	}

}
