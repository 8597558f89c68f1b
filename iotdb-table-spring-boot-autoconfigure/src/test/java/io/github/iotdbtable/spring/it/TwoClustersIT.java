package io.github.iotdbtable.spring.it;

import java.util.Map;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.spring.core.TableOperations;
import io.github.iotdbtable.spring.core.TableTemplate;
import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application that talks to two IoTDB clusters, as the README shows it: two pools and
 * two templates told apart by qualifiers, each pool with its own meters and its own entry
 * in the {@code iotdb} health contributor.
 */
@IoTDBTest
@SpringBootTest(classes = TwoClustersIT.Application.class)
class TwoClustersIT {

	private static IoTDBCluster plant;

	private static IoTDBCluster fleet;

	@Autowired
	@Qualifier("plantTemplate")
	private TableOperations plantTemplate;

	@Autowired
	@Qualifier("fleetTemplate")
	private TableOperations fleetTemplate;

	@Autowired
	private Map<String, TableSessionPool> pools;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	@Qualifier("iotdbHealthContributor")
	private CompositeHealthContributor health;

	@BeforeAll
	static void startTheSecondCluster(IoTDBCluster shared) {
		plant = shared;
		fleet = IoTDBCluster.builder().build().start();
	}

	@AfterAll
	static void stopTheSecondCluster() {
		if (fleet != null) {
			fleet.close();
		}
	}

	@DynamicPropertySource
	static void clusters(DynamicPropertyRegistry registry) {
		registry.add("plant.iotdb.node-url", () -> plant.nodeUrl());
		registry.add("plant.iotdb.password", () -> plant.password());
		registry.add("fleet.iotdb.node-url", () -> fleet.nodeUrl());
		registry.add("fleet.iotdb.password", () -> fleet.password());
	}

	@Test
	void eachTemplateWritesToItsOwnClusterWithItsOwnMetersAndHealth() {
		assertThat(this.pools).containsOnlyKeys("plantPool", "fleetPool");
		this.plantTemplate.execute("CREATE DATABASE IF NOT EXISTS two_clusters");
		this.plantTemplate.execute("CREATE TABLE IF NOT EXISTS two_clusters.machines (id STRING TAG, rpm INT32 FIELD)");
		this.plantTemplate.execute("INSERT INTO two_clusters.machines (time, id, rpm) VALUES (1, 'm1', 1200)");
		this.fleetTemplate.execute("CREATE DATABASE IF NOT EXISTS two_clusters");
		this.fleetTemplate
			.execute("CREATE TABLE IF NOT EXISTS two_clusters.trucks (id STRING TAG, speed DOUBLE FIELD)");
		this.fleetTemplate.execute("INSERT INTO two_clusters.trucks (time, id, speed) VALUES (1, 't1', 80.5)");

		assertThat(this.plantTemplate.queryForObject("SELECT rpm FROM two_clusters.machines", Integer.class))
			.isEqualTo(1200);
		assertThat(this.fleetTemplate.queryForObject("SELECT speed FROM two_clusters.trucks", Double.class))
			.isEqualTo(80.5);
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class)
			.isThrownBy(() -> this.fleetTemplate.queryForList("SELECT * FROM two_clusters.machines"));
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class)
			.isThrownBy(() -> this.plantTemplate.queryForList("SELECT * FROM two_clusters.trucks"));

		long plantBorrows = this.meters.get("iotdb.table.pool.acquire").tag("pool", "plant").timer().count();
		long fleetBorrows = this.meters.get("iotdb.table.pool.acquire").tag("pool", "fleet").timer().count();
		assertThat(plantBorrows).isEqualTo(5);
		assertThat(fleetBorrows).isEqualTo(5);
		assertThat(this.meters.get("iotdb.table.pool.sessions.max").tag("pool", "plant").gauge().value()).isEqualTo(2);
		assertThat(this.meters.get("iotdb.table.pool.sessions.max").tag("pool", "fleet").gauge().value()).isEqualTo(3);

		Health plantHealth = ((HealthIndicator) this.health.getContributor("plantPool")).health(true);
		Health fleetHealth = ((HealthIndicator) this.health.getContributor("fleetPool")).health(true);
		assertThat(plantHealth.getStatus()).isEqualTo(Status.UP);
		assertThat(plantHealth.getDetails()).containsEntry("pool", "plant").containsEntry("max", 2);
		assertThat(fleetHealth.getStatus()).isEqualTo(Status.UP);
		assertThat(fleetHealth.getDetails()).containsEntry("pool", "fleet").containsEntry("max", 3);

		this.plantTemplate.execute("DROP DATABASE IF EXISTS two_clusters");
		fleet.close();
		assertThat(((HealthIndicator) this.health.getContributor("fleetPool")).health(true).getStatus())
			.isEqualTo(Status.DOWN);
		assertThat(((HealthIndicator) this.health.getContributor("plantPool")).health(true).getStatus())
			.isEqualTo(Status.UP);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean(destroyMethod = "close")
		TableSessionPool plantPool(@Value("${plant.iotdb.node-url}") String nodeUrl,
				@Value("${plant.iotdb.password}") String password) {
			return new TableSessionPool(TableSessionPoolConfig.builder()
				.poolName("plant")
				.nodeUrls(nodeUrl)
				.password(password)
				.maxPoolSize(2)
				.build());
		}

		@Bean(destroyMethod = "close")
		TableSessionPool fleetPool(@Value("${fleet.iotdb.node-url}") String nodeUrl,
				@Value("${fleet.iotdb.password}") String password) {
			return new TableSessionPool(TableSessionPoolConfig.builder()
				.poolName("fleet")
				.nodeUrls(nodeUrl)
				.password(password)
				.maxPoolSize(3)
				.build());
		}

		@Bean
		TableTemplate plantTemplate(@Qualifier("plantPool") TableSessionPool pool) {
			return new TableTemplate(pool);
		}

		@Bean
		TableTemplate fleetTemplate(@Qualifier("fleetPool") TableSessionPool pool) {
			return new TableTemplate(pool);
		}

	}

}
