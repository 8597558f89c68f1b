package io.github.iotdbtable.spring.embedded;

import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.test.IoTDBCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedIoTDBAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(EmbeddedIoTDBAutoConfiguration.class, IoTDBTableAutoConfiguration.class));

	@Test
	void startsNothingWhenTheApplicationNamesAServer() {
		this.contextRunner.withPropertyValues("iotdb.table.node-urls=127.0.0.1:6667")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IoTDBCluster.class));
	}

	@Test
	void startsNothingWhenTurnedOff() {
		this.contextRunner.withPropertyValues("iotdb.table.embedded.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IoTDBCluster.class));
	}

}
