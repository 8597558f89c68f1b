package io.github.iotdbtable.client.it;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBConnectionException;
import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Sessions and pools over TLS to a server with {@code enable_thrift_ssl=true}, its
 * certificate in a trust store; the certificate names {@code 127.0.0.1}, which the
 * clients connect to and check by default.
 */
@IoTDBTest(tls = true)
class TlsIT {

	@Test
	void writesAndReadsOverTls(TestDatabase database) {
		try (TableSession session = database.openSession()) {
			session.executeNonQueryStatement("CREATE TABLE secure (id STRING TAG, v INT64 FIELD)");
			session.insert(ColumnarTablet.builder("secure", new long[] { 1, 2, 3 })
				.tag("id", new String[] { "a", "a", "a" })
				.field("v", DataType.INT64, new long[] { 10, 20, 30 })
				.build());
			try (SessionDataSet rows = session.executeQueryStatement("SELECT sum(v) FROM secure")) {
				assertThat(rows.next().getDouble(0)).isEqualTo(60.0);
			}
		}
		try (TableSessionPool pool = new TableSessionPool(database.poolConfig().build());
				TableSession session = pool.getSession();
				SessionDataSet rows = session.executeQueryStatement("SELECT count(*) FROM secure")) {
			assertThat(rows.next().getLong(0)).isEqualTo(3);
		}
	}

	@Test
	void theHostNameIsVerifiedAgainstACertificateThatNamesIt(TestDatabase database) {
		TableSessionConfig config = database.sessionConfig().build();
		assertThat(config.isVerifyHostname()).isTrue();
		assertThat(config.getNodeUrls()).allMatch((url) -> url.startsWith("127.0.0.1:"));
		try (TableSession session = TableSession.open(config);
				SessionDataSet rows = session.executeQueryStatement("SHOW DATABASES")) {
			assertThat(rows.hasNext()).isTrue();
		}
	}

	@Test
	void aTrustedCertificateForAnotherHostIsRefusedUnlessVerificationIsTurnedOff() {
		try (IoTDBCluster other = IoTDBCluster.builder().tls("dns:iotdb.invalid").build().start()) {
			assertThat(other.nodeUrls()).allMatch((url) -> url.startsWith("127.0.0.1:"));
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(
						() -> TableSession.open(other.sessionConfig().connectTimeout(Duration.ofSeconds(5)).build()))
				.withMessageContaining("TLS")
				.withMessageContaining("127.0.0.1");
			try (TableSessionPool pool = new TableSessionPool(other.poolConfig()
				.connectTimeout(Duration.ofSeconds(5))
				.waitTimeout(Duration.ofSeconds(5))
				.build())) {
				assertThatExceptionOfType(IoTDBException.class).isThrownBy(pool::getSession)
					.satisfies((ex) -> assertThat(messages(ex)).contains("127.0.0.1"));
			}
			try (TableSession session = TableSession.open(other.sessionConfig().verifyHostname(false).build())) {
				session.executeNonQueryStatement("CREATE DATABASE unverified");
			}
			try (TableSessionPool pool = new TableSessionPool(other.poolConfig().verifyHostname(false).build());
					TableSession session = pool.getSession();
					SessionDataSet rows = session.executeQueryStatement("SHOW DATABASES")) {
				assertThat(rows.hasNext()).isTrue();
			}
		}
	}

	@Test
	void theProtocolsAndCipherSuitesGivenAreTheOnesOffered(TestDatabase database) {
		try (TableSession session = TableSession.open(database.sessionConfig()
			.sslProtocols("TLSv1.2")
			.sslCipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
			.build()); SessionDataSet rows = session.executeQueryStatement("SHOW DATABASES")) {
			assertThat(rows.hasNext()).isTrue();
		}
		// the server's key is RSA: offering ECDSA suites only leaves nothing in common
		assertThatExceptionOfType(IoTDBConnectionException.class)
			.isThrownBy(() -> TableSession.open(database.sessionConfig()
				.sslProtocols("TLSv1.2")
				.sslCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
				.connectTimeout(Duration.ofSeconds(5))
				.build()))
			.withMessageContaining("TLS");
	}

	private static String messages(Throwable ex) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

	@Test
	void aServerWhoseCertificateIsNotTrustedIsRefused(IoTDBCluster cluster) throws Exception {
		assertThatExceptionOfType(IoTDBConnectionException.class)
			.isThrownBy(() -> TableSession.open(cluster.sessionConfig()
				.sslContext(SSLContext.getDefault())
				.connectTimeout(Duration.ofSeconds(5))
				.build()))
			.withMessageContaining("TLS");
	}

	@Test
	void aPlainConnectionIsNotServed(IoTDBCluster cluster) {
		assertThatExceptionOfType(IoTDBConnectionException.class).isThrownBy(() -> TableSession
			.open(cluster.sessionConfig().sslContext(null).readTimeout(Duration.ofSeconds(5)).build()));
	}

}
