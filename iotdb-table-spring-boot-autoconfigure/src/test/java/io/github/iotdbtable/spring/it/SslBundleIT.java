package io.github.iotdbtable.spring.it;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.core.TableTemplate;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code iotdb.table.ssl.bundle} connects over TLS with the trust material, protocols and
 * ciphers of a Spring Boot SSL bundle, checking the server's host name.
 */
@IoTDBTest(tls = true)
@SpringBootTest(classes = SslBundleIT.Application.class, properties = "iotdb.table.ssl.bundle=iotdb")
class SslBundleIT {

	private static IoTDBCluster cluster;

	@Autowired
	private TableTemplate template;

	@BeforeAll
	static void useTheCluster(IoTDBCluster testCluster) {
		cluster = testCluster;
	}

	@DynamicPropertySource
	static void iotdb(DynamicPropertyRegistry registry) {
		registry.add("iotdb.table.node-urls", () -> cluster.nodeUrl());
		registry.add("iotdb.table.username", () -> cluster.username());
		registry.add("iotdb.table.password", () -> cluster.password());
		registry.add("spring.ssl.bundle.jks.iotdb.truststore.location", () -> "file:" + cluster.trustStore());
		registry.add("spring.ssl.bundle.jks.iotdb.truststore.type", () -> "PKCS12");
		registry.add("spring.ssl.bundle.jks.iotdb.truststore.password", () -> cluster.trustStorePassword());
		registry.add("spring.ssl.bundle.jks.iotdb.options.enabled-protocols", () -> "TLSv1.2");
		registry.add("spring.ssl.bundle.jks.iotdb.options.ciphers", () -> "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
	}

	@Test
	void talksToATlsServerWithTheBundlesTrustMaterial(@Autowired TableSessionPool pool) {
		assertThat(pool.getConfig().getSessionConfig().getSslContext()).isNotNull();
		assertThat(pool.getConfig().isVerifyHostname()).isTrue();
		assertThat(pool.getConfig().getSessionConfig().getSslProtocols()).containsExactly("TLSv1.2");
		assertThat(pool.getConfig().getSessionConfig().getSslCipherSuites())
			.containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
		assertThat(this.template.queryForList("SHOW DATABASES")).isNotEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
