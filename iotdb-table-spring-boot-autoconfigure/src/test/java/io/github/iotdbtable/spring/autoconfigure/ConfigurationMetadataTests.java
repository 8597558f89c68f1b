package io.github.iotdbtable.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.TableWriterConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults the configuration metadata shows in an IDE are the client's: each
 * {@code iotdb.table} property that maps to a builder setting has the default that an
 * untouched builder builds, and the properties class starts from the same values.
 */
class ConfigurationMetadataTests {

	private static final String PASSWORD = "iotdb.table.password";

	private static final TableSessionPoolConfig DEFAULTS = TableSessionPoolConfig.builder().build();

	private static final TableSessionConfig SESSION = DEFAULTS.getSessionConfig();

	/** Each property that is a client setting, with that setting's default. */
	private static final Map<String, Function<IoTDBTableProperties, Object>> CLIENT_SETTINGS = new LinkedHashMap<>();

	private static final Map<String, Object> CLIENT_DEFAULTS = new LinkedHashMap<>();

	/** Properties of the Spring layer alone, with no builder setting to compare to. */
	private static final Set<String> SPRING_ONLY = Set.of("iotdb.table.health.timeout", "iotdb.table.ssl.enabled",
			"iotdb.table.ssl.bundle", "iotdb.table.ssl.trust-store", "iotdb.table.ssl.trust-store-password",
			"iotdb.table.time-zone", "iotdb.table.pool.name", "iotdb.table.writer.enabled", "iotdb.table.writer.name");

	private static final TableWriterConfig WRITER = TableWriterConfig.builder().build();

	static {
		setting("iotdb.table.node-urls", SESSION.getNodeUrls(), IoTDBTableProperties::getNodeUrls);
		setting("iotdb.table.username", SESSION.getUsername(), IoTDBTableProperties::getUsername);
		setting(PASSWORD, SESSION.getPassword(), IoTDBTableProperties::getPassword);
		setting("iotdb.table.database", SESSION.getDatabase(), IoTDBTableProperties::getDatabase);
		setting("iotdb.table.fetch-size", SESSION.getFetchSize(), IoTDBTableProperties::getFetchSize);
		setting("iotdb.table.enable-compression", SESSION.isEnableCompression(),
				IoTDBTableProperties::isEnableCompression);
		setting("iotdb.table.enable-redirection", DEFAULTS.isEnableRedirection(),
				IoTDBTableProperties::isEnableRedirection);
		setting("iotdb.table.connect-timeout", SESSION.getConnectTimeout(), IoTDBTableProperties::getConnectTimeout);
		setting("iotdb.table.read-timeout", SESSION.getReadTimeout(), IoTDBTableProperties::getReadTimeout);
		setting("iotdb.table.query-timeout", SESSION.getQueryTimeout(), IoTDBTableProperties::getQueryTimeout);
		setting("iotdb.table.ssl.verify-hostname", SESSION.isVerifyHostname(),
				(properties) -> properties.getSsl().isVerifyHostname());
		setting("iotdb.table.pool.max-size", DEFAULTS.getMaxPoolSize(),
				(properties) -> properties.getPool().getMaxSize());
		setting("iotdb.table.pool.min-idle", DEFAULTS.getMinIdle(), (properties) -> properties.getPool().getMinIdle());
		setting("iotdb.table.pool.max-retry", DEFAULTS.getMaxRetry(),
				(properties) -> properties.getPool().getMaxRetry());
		setting("iotdb.table.pool.wait-timeout", DEFAULTS.getWaitTimeout(),
				(properties) -> properties.getPool().getWaitTimeout());
		setting("iotdb.table.pool.idle-timeout", DEFAULTS.getIdleTimeout(),
				(properties) -> properties.getPool().getIdleTimeout());
		setting("iotdb.table.pool.max-lifetime", DEFAULTS.getMaxLifetime(),
				(properties) -> properties.getPool().getMaxLifetime());
		setting("iotdb.table.pool.validate-after-idle", DEFAULTS.getValidateAfterIdle(),
				(properties) -> properties.getPool().getValidateAfterIdle());
		setting("iotdb.table.pool.leak-detection-threshold", DEFAULTS.getLeakDetectionThreshold(),
				(properties) -> properties.getPool().getLeakDetectionThreshold());
		setting("iotdb.table.writer.batch-size", WRITER.getBatchSize(),
				(properties) -> properties.getWriter().getBatchSize());
		setting("iotdb.table.writer.max-batch-age", WRITER.getMaxBatchAge(),
				(properties) -> properties.getWriter().getMaxBatchAge());
		setting("iotdb.table.writer.max-buffered-rows", WRITER.getMaxBufferedRows(),
				(properties) -> properties.getWriter().getMaxBufferedRows());
		setting("iotdb.table.writer.add-timeout", WRITER.getAddTimeout(),
				(properties) -> properties.getWriter().getAddTimeout());
		setting("iotdb.table.writer.overflow", WRITER.getOverflow(),
				(properties) -> properties.getWriter().getOverflow());
		setting("iotdb.table.writer.sender-threads", WRITER.getSenderThreads(),
				(properties) -> properties.getWriter().getSenderThreads());
	}

	private static void setting(String property, Object clientDefault,
			Function<IoTDBTableProperties, Object> propertiesDefault) {
		CLIENT_DEFAULTS.put(property, clientDefault);
		CLIENT_SETTINGS.put(property, propertiesDefault);
	}

	@Test
	void everyPropertyIsAClientSettingOrSaysWhyNot() throws IOException {
		List<Map<String, Object>> properties = metadata();
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			if (name.startsWith("iotdb.table.")) {
				assertThat(CLIENT_SETTINGS.containsKey(name) || SPRING_ONLY.contains(name))
					.as("%s is compared with the client's default, or listed as Spring's alone", name)
					.isTrue();
			}
		}
		assertThat(properties).extracting((property) -> property.get("name"))
			.as("every compared property is in the metadata")
			.containsAll(CLIENT_SETTINGS.keySet());
	}

	@Test
	void theMetadataShowsTheClientsDefaults() throws IOException {
		for (Map<String, Object> property : metadata()) {
			String name = (String) property.get("name");
			if (name.equals(PASSWORD)) {
				assertThat(property).as("no password is shown, not even the well-known default one")
					.doesNotContainKey("defaultValue");
				continue;
			}
			if (!CLIENT_DEFAULTS.containsKey(name)) {
				continue;
			}
			Object expected = CLIENT_DEFAULTS.get(name);
			Object shown = property.get("defaultValue");
			if (expected == null || "".equals(expected)) {
				assertThat(shown).as("%s has no default", name).isNull();
				continue;
			}
			assertThat(shown).as("%s shows a default", name).isNotNull();
			if (expected instanceof Duration duration) {
				assertThat(DurationStyle.detectAndParse(String.valueOf(shown))).as(name).isEqualTo(duration);
			}
			else if (expected instanceof Enum<?> constant) {
				assertThat(String.valueOf(shown)).as(name).isEqualToIgnoringCase(constant.name());
			}
			else if (expected instanceof Number number) {
				assertThat(((Number) shown).longValue()).as(name).isEqualTo(number.longValue());
			}
			else {
				assertThat(shown).as(name).isEqualTo(expected);
			}
		}
	}

	@Test
	void thePropertiesStartFromTheClientsDefaults() {
		IoTDBTableProperties properties = new IoTDBTableProperties();
		CLIENT_SETTINGS.forEach((name, value) -> {
			Object expected = CLIENT_DEFAULTS.get(name);
			assertThat(value.apply(properties)).as(name).isEqualTo(expected);
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> metadata() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return (List<Map<String, Object>>) JsonParserFactory.getJsonParser().parseMap(json).get("properties");
		}
	}

}
