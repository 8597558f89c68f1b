package io.github.iotdbtable.spring.it;

import io.github.iotdbtable.spring.health.IoTDBHealthIndicator;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code iotdb} health indicator follows the server: up, down while its DataNode is
 * stopped, up again after.
 */
@IoTDBTest(isolated = true)
@SpringBootTest(classes = HealthIT.Application.class, properties = "iotdb.table.health.timeout=3s")
class HealthIT {

	private static IoTDBCluster cluster;

	@Autowired
	@Qualifier("iotdbHealthContributor")
	private IoTDBHealthIndicator health;

	@BeforeAll
	static void useTheCluster(IoTDBCluster testCluster) {
		cluster = testCluster;
	}

	@DynamicPropertySource
	static void iotdb(DynamicPropertyRegistry registry) {
		registry.add("iotdb.table.node-urls", () -> cluster.nodeUrl());
		registry.add("iotdb.table.username", () -> cluster.username());
		registry.add("iotdb.table.password", () -> cluster.password());
	}

	@Test
	void reportsUpThenDownWhileTheServerIsStoppedThenUpAgain() {
		Health up = this.health.health(true);
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("version", "2.0.1-beta").containsEntry("max", 5);

		cluster.dataNode(0).stop();
		long start = System.nanoTime();
		Health down = this.health.health(true);
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsKey("error").containsEntry("max", 5);
		assertThat(String.valueOf(down.getDetails().get("error"))).contains(cluster.nodeUrl());
		assertThat(String.valueOf(down.getDetails())).doesNotContain(cluster.password());
		assertThat(System.nanoTime() - start).as("bounded by the health timeout").isLessThan(5_000_000_000L);

		cluster.dataNode(0).start();
		assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UP);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
