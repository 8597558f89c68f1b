package io.github.iotdbtable.spring.embedded;

import java.util.List;
import java.util.Map;

import io.github.iotdbtable.client.AuthenticationException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.spring.autoconfigure.IoTDBConnectionDetails;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.spring.core.TableTemplate;
import io.github.iotdbtable.test.IoTDBCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application that names no IoTDB gets a real one for its lifetime.
 */
class EmbeddedIoTDBIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(EmbeddedIoTDBAutoConfiguration.class, IoTDBTableAutoConfiguration.class));

	@Test
	void startsARealServerForTheApplicationAndStopsItWithTheApplication() {
		long[] pids = new long[2];
		this.contextRunner.withPropertyValues("iotdb.table.database=embedded_it").run((context) -> {
			IoTDBCluster cluster = context.getBean(IoTDBCluster.class);
			IoTDBConnectionDetails details = context.getBean(IoTDBConnectionDetails.class);
			assertThat(details.getNodeUrls()).isEqualTo(cluster.nodeUrls());
			// the server listens on every interface: its default password is not kept
			assertThat(details.getPassword()).isNotEqualTo("root").isEqualTo(cluster.password());
			assertThat(details.toString()).doesNotContain(details.getPassword());
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> TableSession
				.open(TableSessionConfig.builder().nodeUrls(cluster.nodeUrls()).password("root").build()));
			TableTemplate template = context.getBean(TableTemplate.class);
			template.execute("CREATE DATABASE IF NOT EXISTS embedded_it");
			template.execute("CREATE TABLE notes (id STRING TAG, v INT32 FIELD)");
			template.execute("INSERT INTO notes (time, id, v) VALUES (1, 'a', 7)");
			List<Map<String, Object>> rows = template.queryForList("SELECT v FROM notes");
			assertThat(rows).containsExactly(Map.of("v", 7));
			pids[0] = cluster.configNode().pid();
			pids[1] = cluster.dataNode(0).pid();
		});
		for (long pid : pids) {
			assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("node %s", pid).isFalse();
		}
	}

}
