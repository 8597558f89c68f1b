package io.github.iotdbtable.spring.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.TableDefinition;
import io.github.iotdbtable.client.TableSessionPoolListener;
import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.client.TableWriterConfig;
import io.github.iotdbtable.client.TableWriterListener;
import io.github.iotdbtable.client.WriteFailureHandler;
import io.github.iotdbtable.spring.core.TableOperations;
import io.github.iotdbtable.spring.core.TableTemplate;
import io.github.iotdbtable.spring.core.TabletMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the IoTDB table client: a {@link TableSessionPool}, a
 * {@link TableTemplate} and a {@link TableWriter}. An application that defines its own
 * pools gets no pool from here, and a template only when there is one pool or one marked
 * primary.
 *
 * <p>
 * The pool opens no connection while the application starts, so the application starts
 * while IoTDB is down (its health says so); the first borrower, or
 * {@code iotdb.table.pool.min-idle} in the background, connects.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(TableSessionPool.class)
@EnableConfigurationProperties(IoTDBTableProperties.class)
public final class IoTDBTableAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(IoTDBConnectionDetails.class)
	PropertiesIoTDBConnectionDetails iotdbConnectionDetails(IoTDBTableProperties properties) {
		return new PropertiesIoTDBConnectionDetails(properties);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TableSessionPool tableSessionPool(IoTDBTableProperties properties, IoTDBConnectionDetails connectionDetails,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<TableSessionPoolConfigCustomizer> customizers,
			ObjectProvider<TableSessionPoolListener> listeners) {
		TableSessionPoolConfig.Builder builder = poolConfig(properties, connectionDetails, sslBundles);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		// resolved first: a listener bean that fails must not leave a started pool behind
		List<TableSessionPoolListener> resolved = listeners.orderedStream().toList();
		TableSessionPool pool = new TableSessionPool(builder.build());
		resolved.forEach(pool::addListener);
		return pool;
	}

	@Bean
	@ConditionalOnMissingBean(TableOperations.class)
	@ConditionalOnSingleCandidate(TableSessionPool.class)
	TableTemplate tableTemplate(TableSessionPool pool) {
		return new TableTemplate(pool);
	}

	/**
	 * A {@link TableWriter} on the pool, declaring the tables of every
	 * {@link TableDefinition} and {@link TabletMapper} bean, with the
	 * {@link WriteFailureHandler} bean when there is one.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(TableSessionPool.class)
	@ConditionalOnProperty(prefix = "iotdb.table.writer", name = "enabled", havingValue = "true", matchIfMissing = true)
	TableWriter tableWriter(TableSessionPool pool, IoTDBTableProperties properties,
			ObjectProvider<TableDefinition> tables, ObjectProvider<TabletMapper<?>> mappers,
			ObjectProvider<WriteFailureHandler> failureHandler, ObjectProvider<TableWriterListener> listeners) {
		TableWriterConfig.Builder builder = properties.writerConfig();
		tables.orderedStream().forEach(builder::table);
		mappers.orderedStream().forEach((mapper) -> builder.table(mapper.getDefinition()));
		// two handlers and no primary one fail the start rather than leave both unused
		builder.onFailure(failureHandler.getIfAvailable());
		// resolved first: a listener bean that fails must not leave started threads
		// behind
		List<TableWriterListener> resolved = listeners.orderedStream().toList();
		TableWriter writer = new TableWriter(pool, builder.build());
		resolved.forEach(writer::addListener);
		return writer;
	}

	/**
	 * Hides the IoTDB passwords in the actuator's configprops and env output, whatever
	 * show-values says.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
	static class SanitizingConfiguration {

		@Bean
		SanitizingFunction iotdbPasswordSanitizingFunction() {
			return SanitizingFunction.sanitizeValue().ifMatches((data) -> {
				String key = data.getLowerCaseKey();
				return key.contains("iotdb") && key.endsWith("password");
			});
		}

	}

	static TableSessionPoolConfig.Builder poolConfig(IoTDBTableProperties properties,
			IoTDBConnectionDetails connectionDetails, ObjectProvider<SslBundles> sslBundles) {
		IoTDBTableProperties.Pool pool = properties.getPool();
		TableSessionPoolConfig.Builder builder = TableSessionPoolConfig.builder()
			.nodeUrls(connectionDetails.getNodeUrls())
			.username(connectionDetails.getUsername())
			.password(connectionDetails.getPassword())
			.database(connectionDetails.getDatabase())
			.fetchSize(properties.getFetchSize())
			.enableCompression(properties.isEnableCompression())
			.enableRedirection(properties.isEnableRedirection())
			.connectTimeout(properties.getConnectTimeout())
			.readTimeout(properties.getReadTimeout())
			.queryTimeout(properties.getQueryTimeout())
			.maxPoolSize(pool.getMaxSize())
			.minIdle(pool.getMinIdle())
			.waitTimeout(pool.getWaitTimeout())
			.maxRetry(pool.getMaxRetry())
			.idleTimeout(pool.getIdleTimeout())
			.maxLifetime(pool.getMaxLifetime())
			.validateAfterIdle(pool.getValidateAfterIdle())
			.leakDetectionThreshold(pool.getLeakDetectionThreshold());
		if (properties.getTimeZone() != null) {
			builder.timeZone(properties.getTimeZone());
		}
		if (pool.getName() != null) {
			builder.poolName(pool.getName());
		}
		mapSsl(properties.getSsl(), builder, sslBundles);
		return builder;
	}

	private static void mapSsl(IoTDBTableProperties.Ssl ssl, TableSessionPoolConfig.Builder builder,
			ObjectProvider<SslBundles> sslBundles) {
		builder.verifyHostname(ssl.isVerifyHostname());
		if (ssl.getBundle() != null) {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				throw new IllegalStateException("iotdb.table.ssl.bundle is set but no SSL bundles are configured");
			}
			SslBundle bundle = bundles.getBundle(ssl.getBundle());
			builder.sslContext(bundle.createSslContext());
			SslOptions options = bundle.getOptions();
			String[] protocols = options.getEnabledProtocols();
			if (protocols != null) {
				builder.sslProtocols(protocols);
			}
			String[] ciphers = options.getCiphers();
			if (ciphers != null) {
				builder.sslCipherSuites(ciphers);
			}
		}
		else if (ssl.getTrustStore() != null) {
			try {
				builder.trustStore(Path.of(ssl.getTrustStore()), ssl.getTrustStorePassword());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("iotdb.table.ssl.trust-store: " + ex.getMessage(), ex);
			}
		}
		else if (ssl.isEnabled()) {
			try {
				builder.sslContext(SSLContext.getDefault());
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("the JVM offers no default TLS settings", ex);
			}
		}
	}

}
