package io.github.iotdbtable.client;

import java.time.Duration;

import io.github.iotdbtable.client.FakeDataNode.Connection;
import io.github.iotdbtable.client.FakeDataNode.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirection hints from a fake DataNode: a leader that cannot be reached is tried once,
 * not again each time the server names it, and a hint naming no valid endpoint is
 * ignored.
 */
class PoolRedirectionTests {

	private static final int ROWS = 2;

	private FakeDataNode entry;

	private FakeDataNode unreachable;

	@BeforeEach
	void startNodes() throws Exception {
		// accepts connections and closes them at once: no session can be opened there
		this.unreachable = new FakeDataNode((connection) -> {
		});
		this.entry = new FakeDataNode(Connection::behave);
	}

	@AfterEach
	void stopNodes() throws Exception {
		this.entry.close();
		this.unreachable.close();
	}

	@Test
	void aLeaderThatCannotBeReachedIsTriedOnceThoughTheServerKeepsNamingIt() {
		redirectTo("127.0.0.1", Integer.parseInt(this.unreachable.nodeUrl().split(":")[1]));
		try (TableSessionPool pool = pool()) {
			for (int i = 0; i < 5; i++) {
				try (TableSession session = pool.getSession()) {
					session.insert(tablet(i));
				}
			}
			assertThat(pool.getStats().insertsByNode()).containsOnlyKeys(this.entry.nodeUrl())
				.containsEntry(this.entry.nodeUrl(), 5L);
		}
		assertThat(this.unreachable.accepted()).isEqualTo(1);
	}

	@Test
	void hintsNamingNoValidEndpointAreIgnored() {
		for (String[] hint : new String[][] { { "", "6667" }, { " ", "6667" }, { "127.0.0.1", "0" },
				{ "127.0.0.1", "70000" } }) {
			redirectTo(hint[0], Integer.parseInt(hint[1]));
			try (TableSessionPool pool = pool()) {
				for (int i = 0; i < 3; i++) {
					try (TableSession session = pool.getSession()) {
						session.insert(tablet(i));
					}
				}
				assertThat(pool.router().leaders().isEmpty()).as(String.join(":", hint)).isTrue();
				assertThat(pool.getStats().insertsByNode()).containsOnlyKeys(this.entry.nodeUrl());
			}
		}
	}

	/** The entry node accepts every insert and names the given node as the leader. */
	private void redirectTo(String host, int port) {
		this.entry.serve((connection) -> {
			connection.openSession(1);
			while (true) {
				Request request = connection.read();
				if (request.method().equals("insertTablet")) {
					connection.answerRedirect(request, ROWS, host, port);
				}
				else {
					connection.answerSuccess(request);
				}
			}
		});
	}

	private TableSessionPool pool() {
		return new TableSessionPool(TableSessionPoolConfig.builder()
			.nodeUrls(this.entry.nodeUrl())
			.enableRedirection(true)
			.maxPoolSize(1)
			.readTimeout(Duration.ofSeconds(5))
			.build());
	}

	private static ColumnarTablet tablet(long time) {
		return ColumnarTablet.builder("t", new long[] { time, time })
			.tag("device", new String[] { "a", "b" })
			.field("v", DataType.INT32, new int[] { 1, 2 })
			.build();
	}

}
