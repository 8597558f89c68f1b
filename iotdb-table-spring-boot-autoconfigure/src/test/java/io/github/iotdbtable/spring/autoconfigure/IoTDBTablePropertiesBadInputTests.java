package io.github.iotdbtable.spring.autoconfigure;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalogue of bad {@code iotdb.table.*} values, one a line: each fails the start, and
 * the failure names the full property key. Values the client would refuse later are
 * refused when bound, as are values Spring cannot convert.
 */
class IoTDBTablePropertiesBadInputTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IoTDBTableAutoConfiguration.class));

	static Stream<Case> cases() {
		return Stream.of(bad("iotdb.table.node-urls", "127.0.0.1", IllegalArgumentException.class),
				bad("iotdb.table.node-urls", "127.0.0.1:0", IllegalArgumentException.class),
				bad("iotdb.table.node-urls", "127.0.0.1:70000", IllegalArgumentException.class),
				bad("iotdb.table.node-urls", "host:abc", IllegalArgumentException.class),
				bad("iotdb.table.node-urls", "", IllegalArgumentException.class),
				bad("iotdb.table.node-urls", "10.0.0.1:6667,,10.0.0.2:6667", IllegalArgumentException.class),
				bad("iotdb.table.username", "", IllegalArgumentException.class),
				bad("iotdb.table.database", "  ", IllegalArgumentException.class),
				bad("iotdb.table.fetch-size", "0", IllegalArgumentException.class),
				bad("iotdb.table.fetch-size", "-1", IllegalArgumentException.class),
				bad("iotdb.table.fetch-size", "many", BindException.class),
				bad("iotdb.table.time-zone", "Mars/Olympus", BindException.class),
				bad("iotdb.table.enable-compression", "maybe", BindException.class),
				bad("iotdb.table.connect-timeout", "-1s", IllegalArgumentException.class),
				bad("iotdb.table.read-timeout", "-5s", IllegalArgumentException.class),
				bad("iotdb.table.read-timeout", "30d", IllegalArgumentException.class),
				bad("iotdb.table.read-timeout", "soon", BindException.class),
				bad("iotdb.table.query-timeout", "-1ms", IllegalArgumentException.class),
				bad("iotdb.table.query-timeout", "100ns", IllegalArgumentException.class),
				bad("iotdb.table.pool.name", " ", IllegalArgumentException.class),
				bad("iotdb.table.pool.max-size", "0", IllegalArgumentException.class),
				bad("iotdb.table.pool.max-size", "-1", IllegalArgumentException.class),
				bad("iotdb.table.pool.min-idle", "-1", IllegalArgumentException.class),
				bad("iotdb.table.pool.min-idle", "6", IllegalArgumentException.class),
				bad("iotdb.table.pool.max-retry", "-1", IllegalArgumentException.class),
				bad("iotdb.table.pool.wait-timeout", "-1s", IllegalArgumentException.class),
				bad("iotdb.table.pool.idle-timeout", "-1m", IllegalArgumentException.class),
				bad("iotdb.table.pool.max-lifetime", "-1h", IllegalArgumentException.class),
				bad("iotdb.table.pool.validate-after-idle", "-1s", IllegalArgumentException.class),
				bad("iotdb.table.pool.leak-detection-threshold", "-1s", IllegalArgumentException.class),
				bad("iotdb.table.health.timeout", "0s", IllegalArgumentException.class),
				bad("iotdb.table.ssl.trust-store", "no-such-trust.p12", IllegalArgumentException.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void theStartFailsNamingTheProperty(Case bad) {
		this.contextRunner.withPropertyValues(bad.property() + "=" + bad.value()).run((context) -> {
			assertThat(context).hasFailed();
			Throwable culprit = context.getStartupFailure();
			while (culprit != null && !(bad.type().isInstance(culprit)
					&& String.valueOf(culprit.getMessage()).contains(bad.property()))) {
				culprit = culprit.getCause();
			}
			assertThat(culprit)
				.as("a %s naming %s in %s", bad.type().getSimpleName(), bad.property(), context.getStartupFailure())
				.isNotNull();
		});
	}

	private static Case bad(String property, String value, Class<? extends Throwable> type) {
		return new Case(property, value, type);
	}

	record Case(String property, String value, Class<? extends Throwable> type) {

		@Override
		public String toString() {
			return this.property + "=" + this.value;
		}

	}

}
