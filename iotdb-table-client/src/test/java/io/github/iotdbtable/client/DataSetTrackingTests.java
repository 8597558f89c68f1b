package io.github.iotdbtable.client;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session keeps only the data sets that still hold a query on the server.
 */
class DataSetTrackingTests {

	private FakeDataNode node;

	@AfterEach
	void stopNode() throws Exception {
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void dataSetsReadToTheEndAreForgotten() throws Exception {
		this.node = new FakeDataNode((connection) -> connection.serveQueries(7));
		try (RpcTableSession session = RpcTableSession.open(config())) {
			for (int i = 0; i < 5_000; i++) {
				SessionDataSet rows = session.executeQueryStatement("SELECT v FROM t");
				assertThat(session.openDataSetCount()).isEqualTo(1);
				while (rows.hasNext()) {
					assertThat(rows.next().getLong(0)).isEqualTo(7);
				}
				assertThat(session.openDataSetCount()).isZero();
			}
		}
	}

	private TableSessionConfig config() {
		return TableSessionConfig.builder().nodeUrls(this.node.nodeUrl()).readTimeout(Duration.ofSeconds(5)).build();
	}

}
