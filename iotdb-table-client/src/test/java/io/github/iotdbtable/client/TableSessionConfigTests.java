package io.github.iotdbtable.client;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.github.iotdbtable.client.rpc.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TableSessionConfigTests {

	@Test
	void defaultsAreTheSeedApis() {
		TableSessionConfig config = TableSessionConfig.builder().build();
		assertThat(config.getNodeUrls()).containsExactly("localhost:6667");
		assertThat(config.getUsername()).isEqualTo("root");
		assertThat(config.getPassword()).isEqualTo("root");
		assertThat(config.getDatabase()).isNull();
		assertThat(config.getFetchSize()).isEqualTo(5000);
		assertThat(config.getTimeZone()).isEqualTo(ZoneId.systemDefault());
		assertThat(config.isEnableCompression()).isFalse();
		assertThat(config.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.getQueryTimeout()).isEqualTo(Duration.ZERO);
		assertThat(config.isVerifyHostname()).isTrue();
		assertThat(config.getSslProtocols()).isEmpty();
		assertThat(config.getSslCipherSuites()).isEmpty();
	}

	@Test
	void toBuilderKeepsEverySetting() {
		TableSessionConfig config = TableSessionConfig.builder()
			.nodeUrls("127.0.0.1:1", "[::1]:2")
			.username("u")
			.password("p")
			.database("db")
			.fetchSize(7)
			.timeZone("+08:00")
			.enableCompression(true)
			.connectTimeout(Duration.ofMillis(3))
			.readTimeout(Duration.ofMillis(4))
			.queryTimeout(Duration.ofMillis(5))
			.verifyHostname(false)
			.sslProtocols("TLSv1.3")
			.sslCipherSuites("TLS_AES_128_GCM_SHA256")
			.build();
		TableSessionConfig copy = config.toBuilder().build();
		assertThat(copy).usingRecursiveComparison().isEqualTo(config);
		assertThat(copy.endpoints()).containsExactly(new Endpoint("127.0.0.1", 1), new Endpoint("::1", 2));
	}

	@Test
	void toStringHidesThePassword() {
		TableSessionConfig config = TableSessionConfig.builder().username("writer").password("s3cr3t-Pa55").build();
		assertThat(config.toString()).contains("writer").doesNotContain("s3cr3t-Pa55");
	}

	@Test
	void toStringSaysWhetherTheHostNameIsVerified() {
		assertThat(TableSessionConfig.builder().build().toString()).contains("verifyHostname=true");
		assertThat(TableSessionConfig.builder().verifyHostname(false).build().toString())
			.contains("verifyHostname=false");
	}

	@Test
	void blankTlsNamesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionConfig.builder().sslProtocols("TLSv1.3", " "))
			.withMessage("sslProtocols must not hold a null or blank name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "abc:", ":6667", "host:0", "host:65536", "host:66x", "a b:1", "::1:6667" })
	void malformedNodeUrlsAreNamed(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionConfig.builder().nodeUrls(url).build())
			.withMessage("node url '" + url + "' must be host:port with a port between 1 and 65535");
	}

	@Test
	void nodeUrlsAreParsed() {
		assertThat(TableSessionConfig.parseNodeUrl(" db.example:6667 ")).isEqualTo(new Endpoint("db.example", 6667));
		assertThat(TableSessionConfig.parseNodeUrl("[fe80::1]:1")).isEqualTo(new Endpoint("fe80::1", 1));
	}

	@Test
	void anEmptyNodeListIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionConfig.builder().nodeUrls(List.of()).build())
			.withMessageContaining("nodeUrls");
	}

	@Test
	void settingsOutOfRangeAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionConfig.builder().fetchSize(0).build())
			.withMessage("fetchSize must be positive, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionConfig.builder().username("").build())
			.withMessage("username must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionConfig.builder().database(" ").build())
			.withMessageStartingWith("database must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableSessionConfig.builder().connectTimeout(Duration.ofSeconds(-1)).build())
			.withMessageStartingWith("connectTimeout must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableSessionConfig.builder().queryTimeout(Duration.ofNanos(10)).build())
			.withMessageStartingWith("queryTimeout must be at least 1 ms or zero");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableSessionConfig.builder().readTimeout(Duration.ofDays(30)).build())
			.withMessageStartingWith("readTimeout must be at most");
		assertThatIllegalArgumentException().isThrownBy(() -> TableSessionConfig.builder().timeZone("Mars/Base"))
			.withMessage("timeZone 'Mars/Base' is not a valid zone id");
	}

}
