package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.List;

import io.github.iotdbtable.client.FakeDataNode.Request;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A session keeps only the data sets that still hold a query on the server, and leaves no
 * query open when it cannot hand one out: an answer it cannot read one from closes the
 * connection, and the server's queries with it.
 */
class DataSetTrackingTests {

	@AutoClose
	private FakeDataNode node;

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

	@Test
	void aQueryAnsweredWithoutATypeForAColumnClosesTheConnection() throws Exception {
		this.node = new FakeDataNode((connection) -> {
			connection.openSession(1);
			while (true) {
				Request request = connection.read();
				if (request.method().equals("executeQueryStatementV2")) {
					connection.answerQuery(request, 9, List.of("v"), List.of(), 1);
				}
				else {
					connection.answerSuccess(request);
				}
			}
		});
		try (RpcTableSession session = RpcTableSession.open(config())) {
			// a malformed answer: the server releases the query with the connection
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeQueryStatement("SELECT v FROM t"))
				.withMessageStartingWith(this.node.nodeUrl() + ": query failed, the connection is closed: ")
				.withMessageEndingWith("the server named no type for result column 0");
			assertThat(session.openDataSetCount()).isZero();
			assertThat(session.isOpen()).isFalse();
		}
	}

	private TableSessionConfig config() {
		return TableSessionConfig.builder().nodeUrls(this.node.nodeUrl()).readTimeout(Duration.ofSeconds(5)).build();
	}

}
