package io.github.iotdbtable.client.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed API's pool example: three node urls of which only one answers, a pool whose
 * database is created by its first borrower, two threads inserting into two tables at
 * once, then a query and the database dropped.
 */
@IoTDBTest
class PoolSeedExampleIT {

	@Test
	void runsTheSeedPoolExample(IoTDBCluster cluster) throws Exception {
		TableSessionPoolConfig config = TableSessionPoolConfig.builder()
			.nodeUrls(unreachableUrl(), cluster.nodeUrl(), unreachableUrl())
			.username(cluster.username())
			.password(cluster.password())
			.database("pool_seed_db1")
			.maxPoolSize(5)
			.fetchSize(1024)
			.waitTimeoutInMs(3000)
			.build();
		try (TableSessionPool pool = new TableSessionPool(config)) {
			prepareData(pool);
			Thread first = new Thread(() -> insertData(pool, 0));
			Thread second = new Thread(() -> insertData(pool, 1));
			List<Throwable> failures = new ArrayList<>();
			first.setUncaughtExceptionHandler((thread, ex) -> failures.add(ex));
			second.setUncaughtExceptionHandler((thread, ex) -> failures.add(ex));
			first.start();
			second.start();
			first.join();
			second.join();
			assertThat(failures).isEmpty();
			queryData(pool);
			deleteData(pool);
			assertThat(pool.getStats().timeouts()).isZero();
		}
	}

	/**
	 * The seed borrows its first session before the pool's database exists, and creates
	 * it.
	 */
	private static void prepareData(TableSessionPool pool) {
		try (TableSession session = pool.getSession()) {
			session.executeNonQueryStatement("CREATE DATABASE IF NOT EXISTS pool_seed_db1");
			session.executeNonQueryStatement("USE \"pool_seed_db1\"");
			session.executeNonQueryStatement(
					"CREATE TABLE table0 (id1 string tag, attr1 string attribute, m1 double field)");
			session.executeNonQueryStatement(
					"CREATE TABLE table1 (id1 string tag, attr1 string attribute, m1 double field)");
			assertThat(StatementsIT.column(session, "SHOW TABLES", "TableName")).containsExactlyInAnyOrder("table0",
					"table1");
		}
	}

	private static void insertData(TableSessionPool pool, int number) {
		try (TableSession session = pool.getSession()) {
			SeedExampleIT.insertData(session, number);
		}
	}

	private static void queryData(TableSessionPool pool) {
		try (TableSession session = pool.getSession()) {
			for (String table : List.of("table0", "table1")) {
				try (SessionDataSet rows = session.executeQueryStatement("select * from " + table)) {
					int count = 0;
					while (rows.hasNext()) {
						Row row = rows.next();
						assertThat(row.getString("id1")).isEqualTo("id:" + row.getLong("time"));
						assertThat(row.getDouble("m1")).isEqualTo(row.getLong("time") * 1.0);
						count++;
					}
					assertThat(count).as("rows of %s", table).isEqualTo(30);
				}
			}
		}
	}

	private static void deleteData(TableSessionPool pool) {
		try (TableSession session = pool.getSession()) {
			session.executeNonQueryStatement("drop database pool_seed_db1");
			assertThat(StatementsIT.column(session, "show databases", "Database")).doesNotContain("pool_seed_db1");
		}
	}

	private static String unreachableUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "127.0.0.1:" + socket.getLocalPort();
		}
	}

}
