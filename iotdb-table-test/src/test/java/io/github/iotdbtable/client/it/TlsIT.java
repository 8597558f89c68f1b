package io.github.iotdbtable.client.it;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.IoTDBConnectionException;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Sessions and pools over TLS to a server with {@code enable_thrift_ssl=true}, its
 * certificate in a trust store.
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
