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

	@Test
	void startsNothingWhenTheApplicationDefinesItsOwnPools() {
		this.contextRunner
			.withBean("plantPool", io.github.iotdbtable.client.TableSessionPool.class,
					() -> new io.github.iotdbtable.client.TableSessionPool(
							io.github.iotdbtable.client.TableSessionPoolConfig.builder().poolName("plant").build()))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IoTDBCluster.class));
	}

	@Test
	@SuppressWarnings("unchecked")
	void theSwitchHasMetadataWithTheDefaultTheConditionUses() throws java.io.IOException {
		// this module's file: the class path holds the auto-configure module's too
		var file = java.nio.file.Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
		var json = org.springframework.boot.json.JsonParserFactory.getJsonParser()
			.parseMap(java.nio.file.Files.readString(file));
		var properties = (java.util.List<java.util.Map<String, Object>>) json.get("properties");
		assertThat(properties).singleElement().satisfies((property) -> {
			assertThat(property).containsEntry("name", "iotdb.table.embedded.enabled")
				.containsEntry("type", "java.lang.Boolean");
			// the plain parser reads a JSON true as text
			assertThat(String.valueOf(property.get("defaultValue"))).isEqualTo("true");
			assertThat(String.valueOf(property.get("description"))).contains("iotdb.table.node-urls");
		});
		var condition = EmbeddedIoTDBAutoConfiguration.class
			.getAnnotation(org.springframework.boot.autoconfigure.condition.ConditionalOnProperty.class);
		assertThat(condition.name()).containsExactly("iotdb.table.embedded.enabled");
		assertThat(condition.matchIfMissing()).as("on unless turned off, as the metadata says").isTrue();
	}

}
