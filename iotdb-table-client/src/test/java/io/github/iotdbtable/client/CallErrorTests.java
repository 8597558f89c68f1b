package io.github.iotdbtable.client;

import java.io.IOException;
import java.time.Duration;

import io.github.iotdbtable.client.FakeDataNode.Connection;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A call that ends in an unexpected throwable, such as an {@link OutOfMemoryError} while
 * an answer is decoded, leaves the rest of the answer unread: the session closes its
 * connection before the throwable goes on, instead of reading the leftovers as the next
 * answer. A request refused before it was sent leaves the connection as it was.
 */
class CallErrorTests {

	@AutoClose
	private final FakeDataNode node;

	CallErrorTests() throws IOException {
		this.node = new FakeDataNode(Connection::behave);
	}

	@Test
	void anErrorInACallClosesTheConnection() {
		try (RpcTableSession session = RpcTableSession.open(config())) {
			assertThat(openAfter(session, new OutOfMemoryError("fake"))).isFalse();
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeNonQueryStatement("INSERT INTO t (time, v) VALUES (1, 1)"))
				.withMessage("the session is closed");
		}
	}

	@Test
	void anUnexpectedRuntimeExceptionInACallClosesTheConnection() {
		try (RpcTableSession session = RpcTableSession.open(config())) {
			assertThat(openAfter(session, new IllegalStateException("fake"))).isFalse();
		}
	}

	@Test
	void aRequestRefusedBeforeItIsSentLeavesTheConnectionOpen() {
		try (RpcTableSession session = RpcTableSession.open(config())) {
			assertThat(openAfter(session, new IllegalArgumentException("too large"))).isTrue();
			assertThat(session.ping(1_000)).isTrue();
		}
	}

	/**
	 * Makes a call that throws, checks that the throwable comes out as it is, and tells
	 * whether the session stayed open.
	 */
	private static boolean openAfter(RpcTableSession session, Throwable thrown) {
		assertThatThrownBy(() -> session.callWithin("ping", 0, () -> {
			if (thrown instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) thrown;
		})).isSameAs(thrown);
		return session.isOpen();
	}

	private TableSessionConfig config() {
		return TableSessionConfig.builder().nodeUrls(this.node.nodeUrl()).readTimeout(Duration.ofSeconds(5)).build();
	}

}
