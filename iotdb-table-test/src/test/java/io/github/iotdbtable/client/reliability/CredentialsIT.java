package io.github.iotdbtable.client.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.iotdbtable.client.AuthenticationException;
import io.github.iotdbtable.client.IoTDBConnectionException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.TableSessionPoolStats;
import io.github.iotdbtable.client.UserAdministration;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.LogCapture;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Refused logins fail fast, with one connection attempt per borrow and no retries behind
 * the caller's back, and the password of the test clusters never shows: not in a
 * {@code toString()}, not in an exception, not in any log event of the whole run. The
 * class runs after every other class of the run (see {@code junit-platform.properties})
 * and its log check last, so that it sees everything the run logged.
 */
@IoTDBTest
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialsIT {

	private static final Logger logger = LoggerFactory.getLogger(CredentialsIT.class);

	private static final String WRONG_PASSWORD = "Wrong-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	@Order(1)
	void theTestClusterRefusesTheServersDefaultPassword(IoTDBCluster cluster) {
		assertThat(cluster.password()).startsWith("Pw-").isNotEqualTo(TableSessionConfig.DEFAULT_PASSWORD);
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> TableSession.open(cluster.sessionConfig().password("root").build()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(801));
		try (TableSession session = cluster.openSession()) {
			assertThat(session.isOpen()).isTrue();
		}
	}

	@Test
	@Order(2)
	void aRefusedPasswordChangeNamesTheStatusAndNeitherPassword(IoTDBCluster cluster) {
		// 40 characters, beyond the server's limit of 32
		String tooLong = "Refused-" + UUID.randomUUID().toString().replace("-", "");
		assertThatExceptionOfType(StatementExecutionException.class)
			.isThrownBy(() -> UserAdministration.changePassword(cluster.sessionConfig().build(), tooLong))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(303))
			.satisfies((ex) -> assertThat(stackTrace(ex)).doesNotContain(tooLong).doesNotContain(cluster.password()));
		try (TableSession session = cluster.openSession()) {
			assertThat(session.isOpen()).isTrue();
		}
	}

	@Test
	@Order(3)
	void aPoolWithAWrongPasswordMakesOneAttemptPerBorrowAndFailsFast(IoTDBCluster cluster, TestDatabase database)
			throws Exception {
		try (CountingProxy proxy = new CountingProxy(cluster.dataNode(0).rpcPort());
				TableSessionPool pool = new TableSessionPool(database.poolConfig()
					.nodeUrls(proxy.nodeUrl())
					.password(WRONG_PASSWORD)
					.maxPoolSize(3)
					.maxRetry(3)
					.waitTimeout(Duration.ofSeconds(30))
					.build())) {
			long slowest = 0;
			for (int i = 0; i < 10; i++) {
				long start = System.nanoTime();
				assertThatExceptionOfType(AuthenticationException.class).isThrownBy(pool::getSession)
					.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(801));
				slowest = Math.max(slowest, System.nanoTime() - start);
			}
			assertThat(Duration.ofNanos(slowest)).as("slowest refused borrow").isLessThan(Duration.ofSeconds(2));
			// the housekeeper ticks each second: with no minimum of idle sessions it must
			// not try on its own
			Thread.sleep(2_500);
			assertThat(proxy.connections()).as("connection attempts for 10 borrows").isEqualTo(10);
			TableSessionPoolStats stats = pool.getStats();
			assertThat(stats.total()).isZero();
			assertThat(stats.pending()).isZero();
			assertThat(stats.totalCreated()).isZero();
			logger.info("10 borrows with a wrong password: {} connection attempts, slowest {} ms (wait timeout 30 s)",
					proxy.connections(), Duration.ofNanos(slowest).toMillis());
		}
	}

	@Test
	@Order(4)
	void aPoolWithAnUnknownUserFailsFastToo(IoTDBCluster cluster, TestDatabase database) throws Exception {
		try (CountingProxy proxy = new CountingProxy(cluster.dataNode(0).rpcPort());
				TableSessionPool pool = new TableSessionPool(database.poolConfig()
					.nodeUrls(proxy.nodeUrl())
					.username("nobody_" + UUID.randomUUID().toString().substring(0, 6))
					.waitTimeout(Duration.ofSeconds(30))
					.build())) {
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(AuthenticationException.class).isThrownBy(pool::getSession)
					.satisfies((ex) -> assertThat(ex.getStatusCode()).isIn(801, 804))
					.withMessageNotContaining(cluster.password());
			}
			assertThat(proxy.connections()).isEqualTo(3);
		}
	}

	@Test
	@Order(5)
	void refillingIdleSessionsWithAWrongPasswordIsPacedAndStopsWithThePool(IoTDBCluster cluster, TestDatabase database)
			throws Exception {
		try (CountingProxy proxy = new CountingProxy(cluster.dataNode(0).rpcPort())) {
			long start = System.nanoTime();
			TableSessionPool pool = new TableSessionPool(
					database.poolConfig().nodeUrls(proxy.nodeUrl()).password(WRONG_PASSWORD).minIdle(2).build());
			Thread.sleep(3_200);
			pool.close();
			long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
			int attempts = proxy.connections();
			// about one attempt per housekeeping tick (one a second, plus one at start; a
			// late tick may catch up),
			// not one per missing session nor a tight loop
			assertThat(attempts).isBetween(1, (int) seconds + 2);
			Thread.sleep(1_500);
			assertThat(proxy.connections()).as("attempts after close").isEqualTo(attempts);
			logger.info("minIdle 2 with a wrong password: {} connection attempts in {} s", attempts, seconds);
		}
	}

	@Test
	@Order(6)
	void thePasswordIsInNoToString(IoTDBCluster cluster, TestDatabase database) {
		String password = cluster.password();
		TableSessionConfig config = database.sessionConfig().build();
		TableSessionPoolConfig poolConfig = database.poolConfig().build();
		assertThat(config.getPassword()).isEqualTo(password);
		assertThat(poolConfig.getSessionConfig().getPassword()).isEqualTo(password);
		try (TableSession session = TableSession.open(config);
				TableSessionPool pool = new TableSessionPool(poolConfig);
				TableSession borrowed = pool.getSession();
				SessionDataSet rows = borrowed.executeQueryStatement("SHOW DATABASES")) {
			assertThat(rows.hasNext()).isTrue();
			List<Object> shown = List.of(config, poolConfig, session, pool, borrowed, pool.getStats(), rows,
					rows.next());
			for (Object object : shown) {
				assertThat(object.toString()).as(object.getClass().getSimpleName()).doesNotContain(password);
			}
			assertThat(config.toString()).contains("password=******");
		}
	}

	@Test
	@Order(7)
	void failedLoginsNameNeitherTheTriedNorTheRightPassword(IoTDBCluster cluster, TestDatabase database) {
		String password = cluster.password();
		List<Throwable> failures = List.of(
				catchThrowable(() -> TableSession.open(database.sessionConfig().password(WRONG_PASSWORD).build())),
				catchThrowable(() -> TableSession.open(database.sessionConfig().username("nobody").build())),
				catchThrowable(() -> TableSession.open(database.sessionConfig()
					.nodeUrls("127.0.0.1:1")
					.connectTimeout(Duration.ofSeconds(1))
					.build())));
		assertThat(failures.get(0)).isInstanceOf(AuthenticationException.class);
		assertThat(failures.get(1)).isInstanceOf(AuthenticationException.class);
		assertThat(failures.get(2)).isInstanceOf(IoTDBConnectionException.class);
		for (Throwable failure : failures) {
			String trace = stackTrace(failure);
			assertThat(trace).doesNotContain(password).doesNotContain(WRONG_PASSWORD);
		}
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void noLogEventOfTheWholeRunHoldsAPassword(IoTDBCluster cluster) {
		assertThat(LogCapture.events()).as("client events at DEBUG are captured")
			.anyMatch((event) -> event.startsWith("DEBUG io.github.iotdbtable.client"));
		LogCapture.assertNoEventContains(cluster.password(), WRONG_PASSWORD);
		logger.info("{} log events captured over the run, none holds a password", LogCapture.events().size());
	}

	private static String stackTrace(Throwable failure) {
		StringWriter text = new StringWriter();
		failure.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

}
