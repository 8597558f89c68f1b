package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.NoSuchElementException;

import io.github.iotdbtable.client.FakeDataNode.Connection;
import io.github.iotdbtable.client.FakeDataNode.Request;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A data set ends quietly only when it was closed or read to the end; one that its
 * session gave up on fails when read, saying why, rather than passing for a short result.
 */
class DataSetEndTests {

	@AutoClose
	private FakeDataNode node;

	@Test
	void aDataSetReadAfterItsSessionClosedFails() throws Exception {
		this.node = new FakeDataNode((connection) -> connection.serveQueries(1, 2, 3));
		TableSession session = TableSession.open(config());
		SessionDataSet rows = session.executeQueryStatement("SELECT v FROM t");
		Row row = rows.next();
		assertThat(row.getLong(0)).isEqualTo(1);
		session.close();
		assertThat(rows.isClosed()).isTrue();
		assertThatIllegalStateException().isThrownBy(rows::hasNext)
			.withMessage("the data set cannot be read: its session was closed");
		assertThatIllegalStateException().isThrownBy(rows::next).withMessageContaining("its session was closed");
		assertThatIllegalStateException().isThrownBy(() -> row.getLong(0))
			.withMessageContaining("its session was closed");
		// closing it afterwards changes nothing
		rows.close();
		assertThatIllegalStateException().isThrownBy(rows::hasNext).withMessageContaining("its session was closed");
	}

	@Test
	void aDataSetReadAfterAnotherCallBrokeTheConnectionFails() throws Exception {
		this.node = new FakeDataNode((connection) -> {
			connection.openSession(1);
			Request query = connection.read();
			connection.answerQuery(query, 4, java.util.List.of("v"), java.util.List.of("INT64"), 1, 2, 3);
			// the next call finds the connection closed
			connection.read();
		});
		try (TableSession session = TableSession.open(config())) {
			SessionDataSet rows = session.executeQueryStatement("SELECT v FROM t");
			assertThat(rows.next().getLong(0)).isEqualTo(1);
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeNonQueryStatement("INSERT INTO t (time, v) VALUES (1, 1)"));
			assertThat(rows.isClosed()).isTrue();
			assertThatIllegalStateException().isThrownBy(rows::hasNext)
				.withMessageStartingWith("the data set cannot be read: its connection broke: ")
				// so that a caller, and the Spring layer, can tell it from misuse
				.withCauseInstanceOf(IoTDBConnectionException.class);
		}
	}

	@Test
	void aDataSetClosedForAGivenReasonFailsWithThatReasonAndReleasesItsQuery() throws Exception {
		this.node = new FakeDataNode((connection) -> connection.serveQueries(1, 2, 3));
		try (RpcTableSession session = RpcTableSession.open(config())) {
			SessionDataSet rows = session.executeQueryStatement("SELECT v FROM t");
			rows.next();
			session.closeOpenDataSets("its session was returned to pool 'p'");
			assertThat(this.node.received()).contains("closeOperation");
			assertThat(rows.isClosed()).isTrue();
			assertThatIllegalStateException().isThrownBy(rows::hasNext)
				.withMessage("the data set cannot be read: its session was returned to pool 'p'");
			assertThat(session.isOpen()).isTrue();
		}
	}

	@Test
	void aDataSetReadAfterItsPooledSessionWasReturnedFails() throws Exception {
		this.node = new FakeDataNode((connection) -> connection.serveQueries(1, 2, 3));
		try (TableSessionPool pool = new TableSessionPool(TableSessionPoolConfig.builder()
			.poolName("fake")
			.nodeUrls(this.node.nodeUrl())
			.readTimeout(Duration.ofSeconds(5))
			.maxPoolSize(1)
			.build())) {
			SessionDataSet rows;
			try (TableSession session = pool.getSession()) {
				rows = session.executeQueryStatement("SELECT v FROM t");
			}
			assertThat(rows.isClosed()).isTrue();
			assertThatIllegalStateException().isThrownBy(rows::hasNext).withMessageContaining("pool 'fake'");
		}
	}

	@Test
	void aDataSetClosedByItsUserOrReadToTheEndEndsQuietly() throws Exception {
		this.node = new FakeDataNode((connection) -> connection.serveQueries(1, 2, 3));
		TableSession session = TableSession.open(config());
		SessionDataSet closed = session.executeQueryStatement("SELECT v FROM t");
		closed.next();
		closed.close();
		assertThat(closed.isClosed()).isTrue();
		assertThat(closed.hasNext()).isFalse();
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(closed::next);

		SessionDataSet read = session.executeQueryStatement("SELECT v FROM t");
		long sum = 0;
		while (read.hasNext()) {
			sum += read.next().getLong(0);
		}
		assertThat(sum).isEqualTo(6);
		assertThat(read.hasNext()).isFalse();
		session.close();
		assertThat(closed.hasNext()).isFalse();
		assertThat(read.hasNext()).as("read to the end before the session closed").isFalse();
	}

	private TableSessionConfig config() {
		return TableSessionConfig.builder().nodeUrls(this.node.nodeUrl()).readTimeout(Duration.ofSeconds(5)).build();
	}

}
