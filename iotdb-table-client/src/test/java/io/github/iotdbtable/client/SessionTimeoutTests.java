package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotdbtable.client.FakeDataNode.Connection;
import io.github.iotdbtable.client.FakeDataNode.Request;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A ping and the goodbye of a closing session wait for a stalled server no longer than
 * their own short bounds, however long the connection's read timeout.
 */
class SessionTimeoutTests {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	@AutoClose
	private FakeDataNode node;

	@BeforeAll
	static void loadClientClasses() throws Exception {
		try (FakeDataNode healthy = new FakeDataNode(Connection::behave);
				RpcTableSession session = RpcTableSession.open(config(healthy))) {
			assertThat(session.ping(1_000)).isTrue();
		}
	}

	@Test
	void aPingOfAStalledServerFailsWithinItsTimeout() throws Exception {
		RpcTableSession session = sessionOnAStalledServer();
		long start = System.nanoTime();
		boolean answered = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> session.ping(200));
		assertThat(answered).isFalse();
		assertThat(elapsedMillis(start)).isBetween(150L, 1_500L);
		assertThat(session.isOpen()).as("a connection that timed out cannot be used again").isFalse();
	}

	@Test
	void aPingLeavesTheReadTimeoutOfLaterCallsAsItWas() throws Exception {
		this.node = new FakeDataNode((connection) -> {
			connection.openSession(1);
			connection.answerSuccess(connection.read());
			Request query = connection.read();
			// slower than the ping's bound, well within the read timeout
			Thread.sleep(800);
			connection.answerQuery(query, 3, List.of("v"), List.of("INT64"), 5);
			while (true) {
				connection.answerSuccess(connection.read());
			}
		});
		try (RpcTableSession session = RpcTableSession.open(config(this.node))) {
			assertThat(session.ping(200)).isTrue();
			try (SessionDataSet rows = session.executeQueryStatement("SELECT v FROM t", 0)) {
				assertThat(rows.next().getLong(0)).isEqualTo(5);
			}
		}
	}

	@Test
	void closingASessionOnAStalledServerReturnsWithinTheCloseTimeout() throws Exception {
		RpcTableSession session = sessionOnAStalledServer();
		long start = System.nanoTime();
		assertTimeoutPreemptively(Duration.ofSeconds(10), session::close);
		assertThat(elapsedMillis(start)).isBetween(1_500L, 4_000L);
		assertThat(session.isOpen()).isFalse();
	}

	/** A session on a server that answers nothing after the session opened. */
	private RpcTableSession sessionOnAStalledServer() throws Exception {
		this.node = new FakeDataNode((connection) -> {
			connection.openSession(1);
			connection.stall();
		});
		return RpcTableSession.open(config(this.node));
	}

	private static TableSessionConfig config(FakeDataNode node) {
		return TableSessionConfig.builder().nodeUrls(node.nodeUrl()).readTimeout(READ_TIMEOUT).build();
	}

	private static long elapsedMillis(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

}
