package io.github.iotdbtable.client.reliability;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBNode;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ConfigNode is stopped (SIGTERM) or killed (SIGKILL) while the DataNode keeps
 * running. What holds on IoTDB 2.0.1-beta, either way:
 * <ul>
 * <li>sessions opened before stay open, and new sessions can still be opened, a pool's
 * included: logging in does not need the ConfigNode;</li>
 * <li>every statement that needs the cluster's metadata is refused after about 1 to 3 s
 * with a {@link StatementExecutionException} whose message says "Fail to connect to any
 * config node": queries, SQL inserts, {@code SHOW DATABASES}, {@code SHOW TABLES} and
 * {@code SHOW CLUSTER} with status 305, tablet inserts with 301, {@code SHOW QUERIES}
 * with 708;</li>
 * <li>a refused statement leaves its session open and the pool's slots intact;</li>
 * <li>once the ConfigNode is back, the same sessions and the same pool work again without
 * being reopened: the first query through the pool is answered well within 10 s of the
 * node being ready.</li>
 * </ul>
 */
@IoTDBTest(isolated = true, properties = "wal_mode=SYNC")
class ConfigNodeDownIT {

	private static final String NO_CONFIG_NODE = "Fail to connect to any config node";

	@BeforeAll
	static void createTable(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE t (id STRING TAG, v INT64 FIELD)");
			session.executeNonQueryStatement("INSERT INTO t (time, id, v) VALUES (1, 'a', 1)");
		}
	}

	@Test
	void stoppedConfigNode(IoTDBCluster cluster, TestDatabase database) {
		whileDown(cluster, database, IoTDBNode::stop, 10);
	}

	@Test
	void killedConfigNode(IoTDBCluster cluster, TestDatabase database) {
		whileDown(cluster, database, IoTDBNode::kill, 20);
	}

	private void whileDown(IoTDBCluster cluster, TestDatabase database, Consumer<IoTDBNode> fault, long time) {
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(2).build());
				TableSession existing = database.openSession()) {
			long before = count(existing);
			try (TableSession warm = pool.getSession()) {
				warm.insert(row(time));
			}
			fault.accept(cluster.configNode());

			refused(305, () -> count(existing));
			refused(305, () -> existing
				.executeNonQueryStatement("INSERT INTO t (time, id, v) VALUES (" + (time + 1) + ", 'a', 1)"));
			refused(301, () -> existing.insert(row(time + 2)));
			refused(305, () -> drain(existing, "SHOW DATABASES"));
			refused(305, () -> drain(existing, "SHOW TABLES"));
			refused(305, () -> drain(existing, "SHOW CLUSTER"));
			refused(708, () -> drain(existing, "SHOW QUERIES"));
			assertThat(existing.isOpen()).isTrue();
			try (TableSession fresh = database.openSession()) {
				refused(305, () -> count(fresh));
			}
			for (int i = 0; i < 2; i++) {
				try (TableSession borrowed = pool.getSession()) {
					refused(301, () -> borrowed.insert(row(time + 3)));
				}
			}
			assertThat(pool.getStats().active()).isZero();
			assertThat(pool.getStats().total()).isBetween(1, 2);

			cluster.configNode().start();
			Duration recovery = DataNodeKillIT.timeToFirstQuery(pool, "SELECT count(*) FROM t");
			DataNodeKillIT.report(
					"ConfigNodeDownIT: pool recovery after the ConfigNode was ready=" + recovery.toMillis() + " ms");
			assertThat(recovery).isLessThan(Duration.ofSeconds(10));
			existing.insert(row(time + 4));
			assertThat(count(existing)).isEqualTo(before + 2);
			List<TableSession> all = DataNodeKillIT.borrow(pool, 2);
			for (TableSession session : all) {
				assertThat(count(session)).isEqualTo(before + 2);
			}
			all.forEach(TableSession::close);
			assertThat(pool.getStats().idle()).isEqualTo(2);
		}
	}

	private static void refused(int status, ThrowingCallable statement) {
		assertThatExceptionOfType(StatementExecutionException.class).isThrownBy(statement)
			.withMessageContaining(NO_CONFIG_NODE)
			.extracting(StatementExecutionException::getStatusCode)
			.isEqualTo(status);
	}

	private static ColumnarTablet row(long time) {
		return ColumnarTablet.builder("t", new long[] { time })
			.tag("id", new String[] { "a" })
			.field("v", DataType.INT64, new long[] { 1 })
			.build();
	}

	private static long count(TableSession session) {
		try (SessionDataSet rows = session.executeQueryStatement("SELECT count(*) FROM t")) {
			return rows.next().getLong(0);
		}
	}

	private static void drain(TableSession session, String sql) {
		try (SessionDataSet rows = session.executeQueryStatement(sql)) {
			while (rows.hasNext()) {
				rows.next();
			}
		}
	}

}
