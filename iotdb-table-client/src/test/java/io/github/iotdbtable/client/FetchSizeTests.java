package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.iotdbtable.client.FakeDataNode.Request;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A data set asks for its pages in the fetch size it has when it asks: the session's,
 * until changed.
 */
class FetchSizeTests {

	@AutoClose
	private FakeDataNode node;

	/** The fetch size each query and fetch call carried, in order. */
	private final List<Integer> sent = new CopyOnWriteArrayList<>();

	@Test
	void theNextFetchAsksForTheFetchSizeSetOnTheDataSet() throws Exception {
		serveThreePages();
		try (TableSession session = TableSession.open(config(3));
				SessionDataSet rows = session.executeQueryStatement("SELECT v FROM t")) {
			assertThat(rows.getFetchSize()).isEqualTo(3);
			assertThat(rows.next().getLong(0)).isEqualTo(1);
			rows.setFetchSize(50);
			assertThat(rows.getFetchSize()).isEqualTo(50);
			assertThat(rows.next().getLong(0)).isEqualTo(2);
			rows.setFetchSize(7);
			assertThat(rows.next().getLong(0)).isEqualTo(3);
			assertThat(rows.hasNext()).isFalse();
		}
		// the query in the session's fetch size, then each fetch in the data set's
		assertThat(this.sent).containsExactly(3, 50, 7);
	}

	@Test
	void aFetchSizeThatIsNotPositiveIsRefusedBeforeAnythingIsSent() throws Exception {
		serveThreePages();
		try (TableSession session = TableSession.open(config(3));
				SessionDataSet rows = session.executeQueryStatement("SELECT v FROM t")) {
			rows.next();
			List<String> before = this.node.received();
			assertThatIllegalArgumentException().isThrownBy(() -> rows.setFetchSize(0))
				.withMessage("fetchSize must be positive, was 0");
			assertThatIllegalArgumentException().isThrownBy(() -> rows.setFetchSize(-5))
				.withMessage("fetchSize must be positive, was -5");
			assertThat(this.node.received()).isEqualTo(before);
			assertThat(rows.getFetchSize()).isEqualTo(3);
			assertThat(rows.next().getLong(0)).isEqualTo(2);
		}
		assertThat(this.sent).containsExactly(3, 3);
	}

	/**
	 * Answers a query with the row 1 and more to fetch, its first fetch with the row 2,
	 * its second with the row 3 and the end; records the fetch size of each call.
	 */
	private void serveThreePages() throws Exception {
		this.node = new FakeDataNode((connection) -> {
			connection.openSession(1);
			int fetches = 0;
			while (true) {
				Request request = connection.read();
				switch (request.method()) {
					case "executeQueryStatementV2" -> {
						this.sent.add(request.i32(4));
						connection.answerQuery(request, 5, List.of("v"), List.of("INT64"), true, 1);
					}
					case "fetchResultsV2" -> {
						this.sent.add(request.i32(3));
						fetches++;
						connection.answerFetch(request, fetches < 2, fetches + 1);
					}
					default -> connection.answerSuccess(request);
				}
			}
		});
	}

	private TableSessionConfig config(int fetchSize) {
		return TableSessionConfig.builder()
			.nodeUrls(this.node.nodeUrl())
			.fetchSize(fetchSize)
			.readTimeout(Duration.ofSeconds(5))
			.build();
	}

}
