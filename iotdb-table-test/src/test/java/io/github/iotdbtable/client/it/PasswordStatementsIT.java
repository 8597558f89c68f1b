package io.github.iotdbtable.client.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.LogCapture;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements that carry a password, succeeding and refused, through a session and a
 * pool: no exception, its causes and suppressed ones included, and no log event of the
 * client at any level shows the password.
 */
@IoTDBTest
class PasswordStatementsIT {

	private static final Logger logger = LoggerFactory.getLogger(PasswordStatementsIT.class);

	@Test
	void noExceptionNorLogEventShowsThePasswordOfAStatement(IoTDBCluster cluster, TestDatabase database) {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String user = "pw_user_" + suffix;
		List<String> passwords = new ArrayList<>();
		List<Throwable> failures = new ArrayList<>();
		try (TableSession session = database.openSession();
				TableSessionPool pool = new TableSessionPool(database.poolConfig().maxPoolSize(1).build())) {
			Consumer<String> viaSession = (sql) -> run(sql, failures, session::executeNonQueryStatement);
			Consumer<String> viaQuery = (sql) -> run(sql, failures,
					(text) -> session.executeQueryStatement(text).close());
			Consumer<String> viaPool = (sql) -> run(sql, failures, (text) -> {
				try (TableSession pooled = pool.getSession()) {
					pooled.executeNonQueryStatement(text);
				}
			});
			// 2.0.1's table dialect refuses SET SQL_DIALECT and the user statements
			// alike:
			// every statement here is a refusal, which must not quote the password
			for (String dialect : List.of("TREE", "TABLE"))
				for (Consumer<String> via : List.of(viaSession, viaQuery, viaPool)) {
					via.accept("SET SQL_DIALECT=" + dialect);
					String first = password(passwords, "Cr");
					String again = password(passwords, "Ag");
					String changed = password(passwords, "Ch");
					String unknown = password(passwords, "Un");
					via.accept("CREATE USER " + user + " '" + first + "'");
					// refused: the user exists
					via.accept("create user " + user + " '" + again + "'");
					via.accept("ALTER USER " + user + " SET PASSWORD '" + changed + "'");
					// refused: no such user
					via.accept("ALTER USER no_" + user + " SET PASSWORD '" + unknown + "'");
					// syntax errors near the password
					via.accept("CREATE USER " + user + "_2 '" + password(passwords, "Ex") + "' extra");
					via.accept("CREATE USER " + user + "_3 " + password(passwords, "Bare"));
					via.accept("CREATE USER " + user + "_4 '" + password(passwords, "Open"));
					via.accept("ALTER USER " + user + " SET PASSWORD " + password(passwords, "Bare"));
					via.accept("ALTER USER " + user + " SET PASSWORD = '" + password(passwords, "Eq") + "'");
					via.accept(
							"ALTER USER " + user + " /* c */ set\n  password\t\"" + password(passwords, "Dq") + "\"");
					via.accept("DROP USER " + user);
					via.accept("SET SQL_DIALECT=TABLE");
				}
		}
		assertThat(failures).as("refused statements").hasSizeGreaterThanOrEqualTo(2 * 3 * 8);
		for (Throwable failure : failures) {
			String text = stackTrace(failure);
			logger.info("refused: {}", failure.getMessage());
			for (String password : passwords) {
				assertThat(text).as("a refusal").doesNotContain(password);
			}
		}
		LogCapture.assertNoEventContains(passwords.toArray(String[]::new));
	}

	private static String password(List<String> passwords, String kind) {
		String password = "Pw" + kind + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		passwords.add(password);
		return password;
	}

	private static void run(String sql, List<Throwable> failures, Consumer<String> statement) {
		try {
			statement.accept(sql);
		}
		catch (RuntimeException ex) {
			failures.add(ex);
		}
	}

	private static String stackTrace(Throwable failure) {
		StringWriter text = new StringWriter();
		failure.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

}
