package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.iotdbtable.client.FakeDataNode.Connection;
import io.github.iotdbtable.client.FakeDataNode.Request;
import io.github.iotdbtable.client.rpc.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a pooled session sends again after a failure, counted on a fake DataNode whose
 * connection breaks once a request is read: inserts are sent again, non-query statements
 * only when the server marked the failure transient or the policy declares them
 * idempotent, and nothing after the thread was interrupted.
 */
class PoolRetryTests {

	private static final String STATEMENT = "executeUpdateStatementV2";

	private static final String INSERT = "insertTablet";

	private FakeDataNode node;

	@BeforeEach
	void startNode() throws Exception {
		this.node = new FakeDataNode(Connection::behave);
	}

	@AfterEach
	void stopNode() throws Exception {
		this.node.close();
		// a failed test must not leave the flag to the next one
		Thread.interrupted();
	}

	@Test
	void aStatementWhoseConnectionBrokeInFlightIsNotSentAgain() {
		breakOnFirst(STATEMENT);
		try (TableSessionPool pool = pool(TableSessionPoolConfig.builder()); TableSession session = pool.getSession()) {
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeNonQueryStatement("DELETE FROM t WHERE time < now() - 1d"));
		}
		assertThat(this.node.received(STATEMENT)).isEqualTo(1);
	}

	@Test
	void anInsertWhoseConnectionBrokeInFlightIsSentAgain() {
		breakOnFirst(INSERT);
		try (TableSessionPool pool = pool(TableSessionPoolConfig.builder()); TableSession session = pool.getSession()) {
			session.insert(tablet());
			assertThat(pool.getStats().insertsByNode()).containsEntry(this.node.nodeUrl(), 1L);
		}
		assertThat(this.node.received(INSERT)).isEqualTo(2);
	}

	@Test
	void aStatementDeclaredIdempotentIsSentAgain() {
		breakOnFirst(STATEMENT);
		RetryPolicy policy = RetryPolicy.idempotentStatements((sql) -> sql.contains("IF NOT EXISTS"));
		try (TableSessionPool pool = pool(TableSessionPoolConfig.builder().retryPolicy(policy));
				TableSession session = pool.getSession()) {
			session.executeNonQueryStatement("CREATE TABLE IF NOT EXISTS t (v INT32 FIELD)");
		}
		assertThat(this.node.received(STATEMENT)).isEqualTo(2);
	}

	@Test
	void aStatementTheServerRefusedAsTransientIsSentAgain() {
		AtomicBoolean refused = new AtomicBoolean();
		this.node.serve((connection) -> {
			connection.openSession(1);
			while (true) {
				Request request = connection.read();
				if (request.method().equals(STATEMENT)) {
					boolean first = refused.compareAndSet(false, true);
					connection.answerStatement(request, first ? 301 : 200, first);
				}
				else {
					connection.answerSuccess(request);
				}
			}
		});
		try (TableSessionPool pool = pool(TableSessionPoolConfig.builder()); TableSession session = pool.getSession()) {
			session.executeNonQueryStatement("DELETE FROM t");
		}
		assertThat(this.node.received(STATEMENT)).isEqualTo(2);
	}

	@Test
	void aStatementTheServerRefusedForGoodIsNotSentAgain() {
		this.node.serve((connection) -> {
			connection.openSession(1);
			while (true) {
				Request request = connection.read();
				if (request.method().equals(STATEMENT)) {
					connection.answerStatement(request, 700, false);
				}
				else {
					connection.answerSuccess(request);
				}
			}
		});
		try (TableSessionPool pool = pool(TableSessionPoolConfig.builder()); TableSession session = pool.getSession()) {
			assertThatExceptionOfType(StatementExecutionException.class)
				.isThrownBy(() -> session.executeNonQueryStatement("DELETE FROM t"))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(700));
		}
		assertThat(this.node.received(STATEMENT)).isEqualTo(1);
	}

	@Test
	void anInsertOfAnInterruptedThreadIsNotSentAgainAndKeepsTheFlag() {
		breakOnFirst(INSERT);
		try (TableSessionPool pool = pool(TableSessionPoolConfig.builder()); TableSession session = pool.getSession()) {
			Thread.currentThread().interrupt();
			assertThatExceptionOfType(IoTDBConnectionException.class).isThrownBy(() -> session.insert(tablet()));
			assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
		}
		assertThat(this.node.received(INSERT)).isEqualTo(1);
	}

	@Test
	void theFailureOfAnInterruptedThreadIsNoFailureOfTheNode() {
		breakOnFirst(INSERT);
		List<Endpoint> failedNodes = new ArrayList<>();
		int[] opened = new int[1];
		TableSessionConfig config = TableSessionConfig.builder().nodeUrls(this.node.nodeUrl()).build();
		PoolEntry entry = new PoolEntry(RpcTableSession.open(config));
		Retrier retrier = new Retrier(RetryPolicy.defaults(), 3, (database) -> {
			opened[0]++;
			return RpcTableSession.open(config);
		}, failedNodes::add);
		ColumnarTablet tablet = tablet();
		long[] times = tablet.timestamps(TimestampPrecision.MILLISECONDS);
		try {
			Thread.currentThread().interrupt();
			assertThatExceptionOfType(IoTDBConnectionException.class).isThrownBy(() -> retrier.run(entry,
					RetryPolicy.Kind.INSERT, null, 0, (session) -> session.insertTablet(tablet, times, null)));
			assertThat(Thread.interrupted()).isTrue();
			assertThat(failedNodes).isEmpty();
			assertThat(opened[0]).isZero();

			// the same failure without the interrupt: the node is failed, the insert sent
			// again on a new connection
			breakOnFirst(INSERT);
			entry.session = RpcTableSession.open(config);
			retrier.run(entry, RetryPolicy.Kind.INSERT, null, 0,
					(session) -> session.insertTablet(tablet, times, null));
			assertThat(failedNodes).hasSize(1);
			assertThat(opened[0]).isOne();
			assertThat(this.node.received(INSERT)).isEqualTo(3);
		}
		finally {
			entry.close();
		}
	}

	/**
	 * Serves normally, except that the first call of the method breaks its connection.
	 */
	private void breakOnFirst(String method) {
		AtomicBoolean broken = new AtomicBoolean();
		this.node.serve((connection) -> {
			connection.openSession(1);
			while (true) {
				Request request = connection.read();
				if (request.method().equals(method) && broken.compareAndSet(false, true)) {
					return; // closes the connection, the request unanswered
				}
				if (request.method().equals(STATEMENT)) {
					connection.answerStatement(request, 200, false);
				}
				else {
					connection.answerSuccess(request);
				}
			}
		});
	}

	private TableSessionPool pool(TableSessionPoolConfig.Builder builder) {
		return new TableSessionPool(builder.poolName("retry")
			.nodeUrls(this.node.nodeUrl())
			.maxPoolSize(1)
			.readTimeout(Duration.ofSeconds(5))
			.build());
	}

	private static ColumnarTablet tablet() {
		return ColumnarTablet.builder("t", new long[] { 1, 2 })
			.tag("device", new String[] { "a", "b" })
			.field("v", DataType.INT32, new int[] { 1, 2 })
			.build();
	}

}
