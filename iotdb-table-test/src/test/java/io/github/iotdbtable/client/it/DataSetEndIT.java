package io.github.iotdbtable.client.it;

import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A data set that its session gave up on before it was read to the end fails when read,
 * saying why, instead of passing for a shorter result; one closed by its user or read to
 * the end ends quietly.
 */
@IoTDBTest
class DataSetEndIT {

	private static final int ROWS = 3_000;

	@BeforeAll
	static void fill(TestDatabase database) {
		Numbers.insert(database, ROWS);
	}

	@Test
	void aDataSetReadAfterItsSessionClosedFails(TestDatabase database) {
		SessionDataSet rows;
		try (TableSession session = TableSession.open(database.sessionConfig().fetchSize(100).build())) {
			rows = session.executeQueryStatement("SELECT v FROM numbers");
		}
		assertThat(rows.isClosed()).isTrue();
		assertThatIllegalStateException().isThrownBy(rows::hasNext)
			.withMessage("the data set cannot be read: its session was closed");
		assertThatIllegalStateException().isThrownBy(rows::next).withMessageContaining("its session was closed");
	}

	@Test
	void aDataSetReadAfterItsPooledSessionWasReturnedFails(TestDatabase database) {
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().poolName("returned").maxPoolSize(1).fetchSize(100).build())) {
			SessionDataSet rows;
			try (TableSession session = pool.getSession()) {
				rows = session.executeQueryStatement("SELECT v FROM numbers");
				assertThat(rows.next().getLong(0)).isZero();
			}
			assertThat(rows.isClosed()).isTrue();
			assertThatIllegalStateException().isThrownBy(rows::hasNext)
				.withMessageStartingWith("the data set cannot be read: ")
				.withMessageContaining("pool 'returned'");
			// the pooled session goes on serving, with the query released
			try (TableSession session = pool.getSession()) {
				assertThat(count(session.executeQueryStatement("SELECT v FROM numbers"))).isEqualTo(ROWS);
			}
		}
	}

	@Test
	void aDataSetClosedByItsUserOrReadToTheEndEndsQuietly(TestDatabase database) {
		SessionDataSet closed;
		SessionDataSet read;
		try (TableSession session = TableSession.open(database.sessionConfig().fetchSize(100).build())) {
			closed = session.executeQueryStatement("SELECT v FROM numbers");
			closed.next();
			closed.close();
			assertThat(closed.hasNext()).isFalse();
			read = session.executeQueryStatement("SELECT v FROM numbers");
			assertThat(count(read)).isEqualTo(ROWS);
			assertThat(read.hasNext()).isFalse();
		}
		assertThat(closed.hasNext()).isFalse();
		assertThat(read.hasNext()).isFalse();
	}

	private static int count(SessionDataSet rows) {
		int count = 0;
		while (rows.hasNext()) {
			rows.next();
			count++;
		}
		return count;
	}

}
