package io.github.iotdbtable.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TableSessionPoolConfigTests {

	@Test
	void defaultsAreTheSeedApis() {
		TableSessionPoolConfig config = TableSessionPoolConfig.builder().build();
		assertThat(config.getMaxPoolSize()).isEqualTo(5);
		assertThat(config.getWaitTimeout()).isEqualTo(Duration.ofMillis(10_000));
		assertThat(config.getMaxRetry()).isEqualTo(3);
		assertThat(config.isEnableRedirection()).isFalse();
		assertThat(config.getMinIdle()).isZero();
		assertThat(config.getLeakDetectionThreshold()).isZero();
		assertThat(config.getSessionConfig().getNodeUrls()).containsExactly("localhost:6667");
		assertThat(config.getSessionConfig().getFetchSize()).isEqualTo(5000);
		assertThat(config.getSessionConfig().isEnableCompression()).isFalse();
		assertThat(config.getPoolName()).startsWith("iotdb-table-pool-");
	}

	@Test
	void sessionSettingsReachTheSessionConfig() {
		TableSessionPoolConfig config = TableSessionPoolConfig.builder()
			.nodeUrls("127.0.0.1:1", "127.0.0.1:2")
			.username("writer")
			.password("secret-pass")
			.database("db1")
			.fetchSize(1024)
			.timeZone("UTC")
			.enableCompression(true)
			.waitTimeoutInMs(3000)
			.build();
		TableSessionConfig session = config.getSessionConfig();
		assertThat(session.getNodeUrls()).containsExactly("127.0.0.1:1", "127.0.0.1:2");
		assertThat(session.getUsername()).isEqualTo("writer");
		assertThat(session.getDatabase()).isEqualTo("db1");
		assertThat(session.getFetchSize()).isEqualTo(1024);
		assertThat(session.isEnableCompression()).isTrue();
		assertThat(config.getWaitTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(config.toString()).contains("writer").doesNotContain("secret-pass");
	}

	@Test
	void theHostNameIsVerifiedUnlessTurnedOff() {
		assertThat(TableSessionPoolConfig.builder().build().isVerifyHostname()).isTrue();
		TableSessionPoolConfig config = TableSessionPoolConfig.builder()
			.verifyHostname(false)
			.sslProtocols("TLSv1.3")
			.sslCipherSuites("TLS_AES_256_GCM_SHA384")
			.build();
		assertThat(config.isVerifyHostname()).isFalse();
		assertThat(config.getSessionConfig().getSslProtocols()).containsExactly("TLSv1.3");
		assertThat(config.getSessionConfig().getSslCipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384");
		assertThat(config.toString()).contains("verifyHostname=false");
	}

	@Test
	void invalidSettingsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionPoolConfig.builder().maxPoolSize(0).build())
			.withMessage("maxPoolSize must be at least 1, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableSessionPoolConfig.builder().maxPoolSize(2).minIdle(3).build())
			.withMessage("minIdle must be between 0 and maxPoolSize (2), was 3");
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionPoolConfig.builder().maxRetry(-1).build())
			.withMessage("maxRetry must not be negative, was -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableSessionPoolConfig.builder().waitTimeout(Duration.ofSeconds(-1)).build())
			.withMessageStartingWith("waitTimeout must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableSessionPoolConfig.builder().nodeUrls("nohost").build())
			.withMessageContaining("node url 'nohost'");
	}

}
