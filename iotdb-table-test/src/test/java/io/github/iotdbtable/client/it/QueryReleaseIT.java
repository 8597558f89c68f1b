package io.github.iotdbtable.client.it;

import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Server-side queries are released when a data set is closed early, read to the end, or
 * left open when the session closes.
 */
@IoTDBTest
class QueryReleaseIT {

	/**
	 * Enough rows that the server is still producing them while the client holds the
	 * first page.
	 */
	private static final int ROWS = 50_000;

	@BeforeAll
	static void fill(TestDatabase database) {
		Numbers.insert(database, ROWS);
	}

	@Test
	void thousandsOfQueriesClosedEarlyLeaveNoQueryOnTheServer(TestDatabase database) {
		try (TableSession session = TableSession.open(database.sessionConfig().fetchSize(10).build())) {
			// a query left open is listed by the server, so the counts below would see a
			// leak
			SessionDataSet open = session.executeQueryStatement("SELECT v FROM numbers");
			open.next();
			assertThat(runningQueries(session)).isEqualTo(2);
			open.close();
			assertThat(runningQueries(session)).isEqualTo(1);
			for (int i = 0; i < 2_000; i++) {
				SessionDataSet rows = session.executeQueryStatement("SELECT v FROM numbers");
				assertThat(rows.next().getLong(0)).isZero();
				rows.close();
				assertThat(rows.isClosed()).isTrue();
				assertThat(rows.hasNext()).isFalse();
			}
			assertThat(runningQueries(session)).isEqualTo(1);
		}
	}

	@Test
	void queriesReadToTheEndAreReleasedWithoutClose(TestDatabase database) {
		try (TableSession session = TableSession.open(database.sessionConfig().fetchSize(7_000).build())) {
			for (int i = 0; i < 10; i++) {
				SessionDataSet rows = session.executeQueryStatement("SELECT v FROM numbers");
				int count = 0;
				while (rows.hasNext()) {
					rows.next();
					count++;
					if (i == 0 && count == 1) {
						assertThat(runningQueries(session)).isEqualTo(2);
					}
				}
				assertThat(count).isEqualTo(ROWS);
			}
			assertThat(runningQueries(session)).isEqualTo(1);
		}
	}

	@Test
	void closingTheSessionClosesItsDataSets(TestDatabase database) {
		SessionDataSet rows;
		try (TableSession session = TableSession.open(database.sessionConfig().fetchSize(10).build())) {
			rows = session.executeQueryStatement("SELECT v FROM numbers");
			rows.next();
			assertThat(runningQueries(session)).isEqualTo(2);
		}
		assertThat(rows.isClosed()).isTrue();
		assertThatIllegalStateException().isThrownBy(rows::hasNext).withMessageContaining("its session was closed");
		try (TableSession session = database.openSession()) {
			assertThat(runningQueries(session)).isEqualTo(1);
		}
	}

	@Test
	void aRowCannotBeReadBeforeNextOrAfterClose(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			SessionDataSet rows = session.executeQueryStatement("SELECT v FROM numbers");
			var row = rows.next();
			assertThat(row.getLong("v")).isZero();
			rows.close();
			assertThatIllegalStateException().isThrownBy(() -> row.getLong("v")).withMessageContaining("closed");
		}
	}

	/** The queries the server is running, counting the one that asks. */
	private static int runningQueries(TableSession session) {
		int count = 0;
		try (SessionDataSet rows = session.executeQueryStatement("SHOW QUERIES")) {
			while (rows.hasNext()) {
				rows.next();
				count++;
			}
		}
		return count;
	}

}
