package io.github.iotdbtable.client.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.iotdbtable.client.AuthenticationException;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBConnectionException;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the caller sees when something goes wrong, and that the session survives server
 * errors.
 */
@IoTDBTest
class ErrorsIT {

	@Test
	void aWrongPasswordIsAnAuthenticationFailure(IoTDBCluster cluster) {
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> TableSession.open(cluster.sessionConfig().password("not-the-password").build()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(801))
			.withMessageNotContaining("not-the-password");
	}

	@Test
	void anUnknownUserIsAnAuthenticationFailure(IoTDBCluster cluster) {
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> TableSession.open(cluster.sessionConfig().username("nobody").build()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isIn(801, 804));
	}

	@Test
	void anUnknownTableFailsWithCode550AndTheSessionStaysUsable(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			assertThatExceptionOfType(StatementExecutionException.class)
				.isThrownBy(() -> session.executeQueryStatement("SELECT * FROM no_such_table"))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(550))
				.withMessageContaining("no_such_table");
			assertStillUsable(session);
		}
	}

	@Test
	void aSyntaxErrorFailsWithCode700AndTheSessionStaysUsable(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			assertThatExceptionOfType(StatementExecutionException.class)
				.isThrownBy(() -> session.executeNonQueryStatement("CREAT TABLE oops (a INT32 FIELD)"))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(700));
			assertStillUsable(session);
		}
	}

	@Test
	void aValueOfTheWrongTypeForTheTableIsRefusedByTheServer(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE typed (id STRING TAG, reading DOUBLE FIELD)");
			Tablet tablet = Tablet.builder("typed").tag("id").field("reading", DataType.STRING).build();
			tablet.addRow(1L, "a", "not a number");
			assertThatExceptionOfType(StatementExecutionException.class).isThrownBy(() -> session.insert(tablet))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(507))
				.withMessageContaining("reading");
			assertStillUsable(session);
		}
	}

	@Test
	void aBadRowIsRefusedBeforeAnythingIsSent(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			Tablet tablet = Tablet.builder("never_created").tag("id").field("reading", DataType.DOUBLE).build();
			assertThatIllegalArgumentException().isThrownBy(() -> tablet.addRow(1L, "a", "1.5"))
				.withMessageContaining("row 0")
				.withMessageContaining("column 'reading'")
				.withMessageContaining("got String");
			assertThat(StatementsIT.column(session, "SHOW TABLES", "TableName")).doesNotContain("never_created");
		}
	}

	@Test
	void anUnreachablePortIsAConnectionFailureNamingTheNode() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		TableSessionConfig config = TableSessionConfig.builder()
			.nodeUrls("127.0.0.1:" + port)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		assertThatExceptionOfType(IoTDBConnectionException.class).isThrownBy(() -> TableSession.open(config))
			.withMessageContaining("127.0.0.1:" + port);
	}

	@Test
	void aSessionSkipsAnUnreachableNodeOfItsList(IoTDBCluster cluster) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		TableSessionConfig config = cluster.sessionConfig().nodeUrls("127.0.0.1:" + port, cluster.nodeUrl()).build();
		try (TableSession session = TableSession.open(config)) {
			assertStillUsable(session);
		}
	}

	@Test
	void aClosedSessionRefusesWorkAndClosesTwiceQuietly(IoTDBCluster cluster) {
		TableSession session = cluster.openSession();
		session.close();
		session.close();
		assertThat(session.isOpen()).isFalse();
		assertThatExceptionOfType(IoTDBConnectionException.class)
			.isThrownBy(() -> session.executeNonQueryStatement("SHOW DATABASES"))
			.withMessageContaining("closed");
	}

	private static void assertStillUsable(TableSession session) {
		assertThat(session.isOpen()).isTrue();
		assertThat(StatementsIT.column(session, "SHOW DATABASES", "Database")).contains("information_schema");
	}

}
