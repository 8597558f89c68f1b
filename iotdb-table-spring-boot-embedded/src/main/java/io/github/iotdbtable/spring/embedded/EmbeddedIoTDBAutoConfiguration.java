package io.github.iotdbtable.spring.embedded;

import java.util.List;
import java.util.UUID;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.autoconfigure.IoTDBConnectionDetails;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableAutoConfiguration;
import io.github.iotdbtable.spring.autoconfigure.IoTDBTableProperties;
import io.github.iotdbtable.test.IoTDBCluster;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * For development: when the application names no IoTDB ({@code iotdb.table.node-urls}
 * unset), starts a real local one (a ConfigNode and a DataNode as child processes on free
 * loopback ports) before the pool connects, supplies its {@link IoTDBConnectionDetails},
 * and stops it with the application. {@code iotdb.table.embedded.enabled=false} turns it
 * off, and an application that defines its own pools gets none.
 *
 * <p>
 * Like Spring Boot's Docker Compose support, this belongs to development only: declare
 * its module as an optional dependency, which the Spring Boot Maven plugin leaves out of
 * the packaged application, so that production never starts a server of its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = IoTDBTableAutoConfiguration.class)
@ConditionalOnClass(IoTDBCluster.class)
@ConditionalOnProperty(name = "iotdb.table.embedded.enabled", matchIfMissing = true)
@Conditional(NoNodeUrlsCondition.class)
@ConditionalOnMissingBean(TableSessionPool.class)
@EnableConfigurationProperties(IoTDBTableProperties.class)
public final class EmbeddedIoTDBAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedIoTDBAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	IoTDBCluster embeddedIoTDB() {
		logger.info("No iotdb.table.node-urls set: starting an embedded IoTDB {} for development",
				IoTDBCluster.DEFAULT_VERSION);
		// IoTDB 2.0.1 listens on every interface whatever its address settings say, so
		// the well-known default password would let the network in
		String password = "Dev-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		IoTDBCluster cluster = IoTDBCluster.builder().rootPassword(password).build().start();
		logger.info("Embedded IoTDB running at {} (files in {}); it stops with the application", cluster.nodeUrl(),
				cluster.directory());
		return cluster;
	}

	@Bean
	@ConditionalOnMissingBean(IoTDBConnectionDetails.class)
	IoTDBConnectionDetails embeddedIoTDBConnectionDetails(IoTDBCluster cluster, IoTDBTableProperties properties) {
		return new EmbeddedConnectionDetails(cluster.nodeUrls(), properties.getDatabase(), cluster.username(),
				cluster.password());
	}

	/**
	 * The connection to the embedded server, as its built-in administrator with the
	 * password it was given for this run.
	 */
	private record EmbeddedConnectionDetails(List<String> getNodeUrls, @Nullable String getDatabase, String getUsername,
			String getPassword) implements IoTDBConnectionDetails {

		@Override
		public String toString() {
			return "EmbeddedConnectionDetails{nodeUrls=" + this.getNodeUrls + "}";
		}

	}

}
