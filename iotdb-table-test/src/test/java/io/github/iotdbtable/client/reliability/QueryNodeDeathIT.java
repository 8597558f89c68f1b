package io.github.iotdbtable.client.reliability;

import java.time.Duration;
import java.util.List;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBConnectionException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBNode;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A large result is being read page by page when the DataNode serving it is killed
 * (SIGKILL): the next fetch fails at once with an {@link IoTDBConnectionException} naming
 * the node, rather than hanging or ending the result early as if it were complete. The
 * data set and the session can still be closed, and the pool gets its slot back.
 */
@IoTDBTest(isolated = true, properties = "wal_mode=SYNC")
class QueryNodeDeathIT {

	private static final int ROWS = 60_000;

	private static final int FETCH_SIZE = 500;

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	@BeforeAll
	static void writeRows(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE readings (sensor STRING TAG, v INT64 FIELD)");
			int chunk = 10_000;
			for (int start = 0; start < ROWS; start += chunk) {
				long[] times = new long[chunk];
				String[] sensors = new String[chunk];
				long[] values = new long[chunk];
				for (int i = 0; i < chunk; i++) {
					times[i] = start + i;
					sensors[i] = "s";
					values[i] = start + i;
				}
				session.insert(ColumnarTablet.builder("readings", times)
					.tag("sensor", sensors)
					.field("v", DataType.INT64, values)
					.build());
			}
		}
	}

	@Test
	void iteratingAResultWhoseNodeDiedFailsNamingTheNode(IoTDBCluster cluster, TestDatabase database) {
		IoTDBNode node = cluster.dataNode(0);
		int poolSize = 3;
		try (TableSessionPool pool = new TableSessionPool(
				database.poolConfig().maxPoolSize(poolSize).fetchSize(FETCH_SIZE).readTimeout(READ_TIMEOUT).build())) {
			int read = 0;
			IoTDBConnectionException failure;
			long failedAfterNanos;
			TableSession session = pool.getSession();
			SessionDataSet rows = session.executeQueryStatement("SELECT time, v FROM readings ORDER BY time");
			for (; read < 5 * FETCH_SIZE; read++) {
				assertThat(rows.next().getLong(1)).isEqualTo(read);
			}
			node.kill();
			long killedAt = System.nanoTime();
			int before = read;
			failure = catchThrowableOfType(IoTDBConnectionException.class, () -> {
				while (rows.hasNext()) {
					rows.next();
				}
			});
			failedAfterNanos = System.nanoTime() - killedAt;
			assertThatCode(rows::close).doesNotThrowAnyException();
			assertThat(rows.isClosed()).isTrue();
			assertThatCode(session::close).doesNotThrowAnyException();
			DataNodeKillIT.report("QueryNodeDeathIT: rows read before the kill=" + before + ", failure after "
					+ Duration.ofNanos(failedAfterNanos).toMillis() + " ms: " + failure);

			assertThat(failure).as("iterating past the rows received fails").isNotNull();
			assertThat(failure.getMessage()).contains(node.nodeUrl());
			assertThat(Duration.ofNanos(failedAfterNanos)).isLessThan(READ_TIMEOUT);
			assertThat(pool.getStats().active()).isZero();

			node.start();
			long readyAt = System.nanoTime();
			try (TableSession again = pool.getSession();
					SessionDataSet all = again.executeQueryStatement("SELECT time, v FROM readings ORDER BY time")) {
				int count = 0;
				while (all.hasNext()) {
					assertThat(all.next().getLong(1)).isEqualTo(count);
					count++;
				}
				assertThat(count).isEqualTo(ROWS);
			}
			DataNodeKillIT.report("QueryNodeDeathIT: full result read again "
					+ Duration.ofNanos(System.nanoTime() - readyAt).toMillis() + " ms after the node was ready");
			List<TableSession> all = DataNodeKillIT.borrow(pool, poolSize);
			for (TableSession borrowed : all) {
				try (SessionDataSet count = borrowed.executeQueryStatement("SELECT count(*) FROM readings")) {
					assertThat(count.next().getLong(0)).isEqualTo(ROWS);
				}
			}
			all.forEach(TableSession::close);
			assertThat(pool.getStats().active()).isZero();
			assertThat(pool.getStats().idle()).isEqualTo(poolSize);
		}
	}

}
