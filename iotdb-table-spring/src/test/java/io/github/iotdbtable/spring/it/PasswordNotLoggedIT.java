package io.github.iotdbtable.spring.it;

import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.LogCapture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other class of the module's run (see
 * {@code junit-platform.properties}): no log event of the run, the Spring contexts'
 * included, holds the password of the test clusters.
 */
@IoTDBTest
@Order(Integer.MAX_VALUE)
class PasswordNotLoggedIT {

	@Test
	void noLogEventOfTheWholeRunHoldsThePassword(IoTDBCluster cluster) {
		assertThat(LogCapture.events()).as("client events at DEBUG are captured")
			.anyMatch((event) -> event.startsWith("DEBUG io.github.iotdbtable.client"));
		LogCapture.assertNoEventContains(cluster.password());
		// the wrong password that TableTemplateIT tries
		LogCapture.assertNoEventContains(TableTemplateIT.WRONG_PASSWORD);
	}

}
