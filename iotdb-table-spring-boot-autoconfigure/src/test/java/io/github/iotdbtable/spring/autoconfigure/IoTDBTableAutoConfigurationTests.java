package io.github.iotdbtable.spring.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.TableSessionPoolListener;
import io.github.iotdbtable.spring.core.TableOperations;
import io.github.iotdbtable.spring.core.TableTemplate;
import io.github.iotdbtable.spring.autoconfigure.health.IoTDBHealthContributorAutoConfiguration;
import io.github.iotdbtable.spring.autoconfigure.metrics.IoTDBMetricsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IoTDBTableAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IoTDBTableAutoConfiguration.class,
				IoTDBHealthContributorAutoConfiguration.class, IoTDBMetricsAutoConfiguration.class));

	@Test
	void definesPoolTemplateAndPropertiesBasedConnectionDetailsByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TableSessionPool.class)
				.hasSingleBean(TableTemplate.class)
				.hasSingleBean(PropertiesIoTDBConnectionDetails.class);
			TableSessionPoolConfig config = context.getBean(TableSessionPool.class).getConfig();
			assertThat(config.getSessionConfig().getNodeUrls()).containsExactly("localhost:6667");
			assertThat(config.getMaxPoolSize()).isEqualTo(5);
			assertThat(config.getWaitTimeout()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void bindsEveryPropertyOntoThePool() {
		this.contextRunner
			.withPropertyValues("iotdb.table.node-urls=10.0.0.1:6667,10.0.0.2:6668", "iotdb.table.username=writer",
					"iotdb.table.password=s3cret", "iotdb.table.database=plant", "iotdb.table.fetch-size=1024",
					"iotdb.table.time-zone=Asia/Shanghai", "iotdb.table.enable-compression=true",
					"iotdb.table.enable-redirection=true", "iotdb.table.connect-timeout=3s",
					"iotdb.table.read-timeout=40s", "iotdb.table.query-timeout=20s", "iotdb.table.pool.name=plant-pool",
					"iotdb.table.pool.max-size=12", "iotdb.table.pool.min-idle=2",
					"iotdb.table.pool.wait-timeout=500ms", "iotdb.table.pool.max-retry=1",
					"iotdb.table.pool.idle-timeout=1m", "iotdb.table.pool.max-lifetime=1h",
					"iotdb.table.pool.validate-after-idle=5s", "iotdb.table.pool.leak-detection-threshold=20s")
			.run((context) -> {
				TableSessionPoolConfig config = context.getBean(TableSessionPool.class).getConfig();
				var session = config.getSessionConfig();
				assertThat(session.getNodeUrls()).containsExactly("10.0.0.1:6667", "10.0.0.2:6668");
				assertThat(session.getUsername()).isEqualTo("writer");
				assertThat(session.getPassword()).isEqualTo("s3cret");
				assertThat(session.getDatabase()).isEqualTo("plant");
				assertThat(session.getFetchSize()).isEqualTo(1024);
				assertThat(session.getTimeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
				assertThat(session.isEnableCompression()).isTrue();
				assertThat(session.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(session.getReadTimeout()).isEqualTo(Duration.ofSeconds(40));
				assertThat(session.getQueryTimeout()).isEqualTo(Duration.ofSeconds(20));
				assertThat(config.isEnableRedirection()).isTrue();
				assertThat(config.getPoolName()).isEqualTo("plant-pool");
				assertThat(config.getMaxPoolSize()).isEqualTo(12);
				assertThat(config.getMinIdle()).isEqualTo(2);
				assertThat(config.getWaitTimeout()).isEqualTo(Duration.ofMillis(500));
				assertThat(config.getMaxRetry()).isEqualTo(1);
				assertThat(config.getIdleTimeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(config.getMaxLifetime()).isEqualTo(Duration.ofHours(1));
				assertThat(config.getValidateAfterIdle()).isEqualTo(Duration.ofSeconds(5));
				assertThat(config.getLeakDetectionThreshold()).isEqualTo(Duration.ofSeconds(20));
				assertThat(config.toString()).doesNotContain("s3cret");
				assertThat(context.getBean(IoTDBConnectionDetails.class).toString()).doesNotContain("s3cret");
			});
	}

	@Test
	void anInvalidValueFailsTheStartNamingTheProperty() {
		this.contextRunner.withPropertyValues("iotdb.table.pool.max-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("iotdb.table.pool.max-size must be at least 1, was 0");
		});
		this.contextRunner.withPropertyValues("iotdb.table.node-urls=localhost").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("iotdb.table.node-urls: node url 'localhost' must be host:port");
		});
		this.contextRunner.withPropertyValues("iotdb.table.query-timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("iotdb.table.query-timeout must not be negative, was PT-1S");
		});
		this.contextRunner.withPropertyValues("iotdb.table.pool.max-size=2", "iotdb.table.pool.min-idle=3")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessage("iotdb.table.pool.min-idle must be between 0 and iotdb.table.pool.max-size (2), was 3");
			});
	}

	@Test
	void checkingThePropertiesTakesNoNumberFromTheGeneratedPoolNames() {
		String before = TableSessionPoolConfig.builder().build().getPoolName();
		new IoTDBTableProperties().afterPropertiesSet();
		String after = TableSessionPoolConfig.builder().build().getPoolName();
		assertThat(number(after)).isEqualTo(number(before) + 1);
	}

	private static int number(String generatedName) {
		return Integer.parseInt(generatedName.substring(generatedName.lastIndexOf('-') + 1));
	}

	@Test
	void aListenerBeanThatFailsLeavesNoPoolRunning() {
		Thread[] before = new Thread[Thread.activeCount() + 16];
		int threadsBefore = Thread.enumerate(before);
		this.contextRunner.withPropertyValues("iotdb.table.pool.name=leaky", "iotdb.table.pool.min-idle=1")
			.withBean(TableSessionPoolListener.class, () -> {
				throw new IllegalStateException("listener cannot be made");
			})
			.run((context) -> assertThat(context).hasFailed());
		Thread[] after = new Thread[Thread.activeCount() + 16];
		int threadsAfter = Thread.enumerate(after);
		assertThat(java.util.Arrays.stream(after, 0, threadsAfter).map(Thread::getName))
			.as("threads of a pool named leaky; %d threads before", threadsBefore)
			.noneMatch((name) -> name.contains("leaky"));
	}

	@Test
	void aMissingTrustStoreFailsTheStartNamingIt() {
		this.contextRunner.withPropertyValues("iotdb.table.ssl.trust-store=/nowhere/trust.p12").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("trust store '/nowhere/trust.p12'");
		});
	}

	@Test
	void sslEnabledWithoutTrustStoreUsesTheJvmDefaults() {
		this.contextRunner.withPropertyValues("iotdb.table.ssl.enabled=true")
			.run((context) -> assertThat(
					context.getBean(TableSessionPool.class).getConfig().getSessionConfig().getSslContext())
				.isNotNull());
		this.contextRunner.run((context) -> assertThat(
				context.getBean(TableSessionPool.class).getConfig().getSessionConfig().getSslContext())
			.isNull());
	}

	@Test
	void theHostNameIsVerifiedUnlessTurnedOff() {
		this.contextRunner.withPropertyValues("iotdb.table.ssl.enabled=true")
			.run((context) -> assertThat(context.getBean(TableSessionPool.class).getConfig().isVerifyHostname())
				.isTrue());
		this.contextRunner.withPropertyValues("iotdb.table.ssl.enabled=true", "iotdb.table.ssl.verify-hostname=false")
			.run((context) -> assertThat(context.getBean(TableSessionPool.class).getConfig().isVerifyHostname())
				.isFalse());
	}

	@Test
	void aBundlesProtocolsAndCiphersApplyToTheConnections() {
		this.contextRunner
			.withBean(SslBundles.class, () -> new DefaultSslBundleRegistry("iotdb",
					SslBundle.of(SslStoreBundle.NONE, null,
							SslOptions.of(new String[] { "TLS_AES_256_GCM_SHA384" }, new String[] { "TLSv1.3" }))))
			.withPropertyValues("iotdb.table.ssl.bundle=iotdb")
			.run((context) -> {
				TableSessionConfig config = context.getBean(TableSessionPool.class).getConfig().getSessionConfig();
				assertThat(config.getSslContext()).isNotNull();
				assertThat(config.getSslProtocols()).containsExactly("TLSv1.3");
				assertThat(config.getSslCipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384");
				assertThat(config.isVerifyHostname()).isTrue();
			});
		this.contextRunner
			.withBean(SslBundles.class, () -> new DefaultSslBundleRegistry("iotdb", SslBundle.of(SslStoreBundle.NONE)))
			.withPropertyValues("iotdb.table.ssl.bundle=iotdb")
			.run((context) -> {
				TableSessionConfig config = context.getBean(TableSessionPool.class).getConfig().getSessionConfig();
				assertThat(config.getSslProtocols()).isEmpty();
				assertThat(config.getSslCipherSuites()).isEmpty();
			});
	}

	@Test
	void userConnectionDetailsReplaceTheProperties() {
		this.contextRunner.withPropertyValues("iotdb.table.node-urls=10.0.0.1:6667")
			.withBean(IoTDBConnectionDetails.class, () -> new IoTDBConnectionDetails() {

				@Override
				public List<String> getNodeUrls() {
					return List.of("127.0.0.1:7777");
				}

				@Override
				public String getUsername() {
					return "tooling";
				}

				@Override
				public String getPassword() {
					return "secret";
				}

			})
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesIoTDBConnectionDetails.class);
				var session = context.getBean(TableSessionPool.class).getConfig().getSessionConfig();
				assertThat(session.getNodeUrls()).containsExactly("127.0.0.1:7777");
				assertThat(session.getUsername()).isEqualTo("tooling");
			});
	}

	@Test
	void userPoolAndTemplateBacksOffTheAutoConfiguredOnes() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(TableSessionPool.class).hasSingleBean(TableOperations.class);
			assertThat(context.getBean(TableSessionPool.class).getConfig().getPoolName()).isEqualTo("mine");
			assertThat(context.getBean(TableOperations.class)).isSameAs(context.getBean("myTemplate"));
		});
	}

	@Test
	void twoUserPoolsGetNoTemplateUnlessOneIsPrimary() {
		this.contextRunner.withUserConfiguration(TwoPools.class).run((context) -> {
			assertThat(context).hasNotFailed().getBeans(TableSessionPool.class).containsOnlyKeys("plant", "fleet");
			assertThat(context).doesNotHaveBean(TableOperations.class);
		});
		this.contextRunner.withUserConfiguration(TwoPools.class)
			.withBean("primaryPool", TableSessionPool.class,
					() -> new TableSessionPool(TableSessionPoolConfig.builder().poolName("primary").build()),
					(definition) -> definition.setPrimary(true))
			.run((context) -> assertThat(context.getBean(TableTemplate.class).getPool().getConfig().getPoolName())
				.isEqualTo("primary"));
	}

	@Test
	void customizersChangeThePoolConfig() {
		this.contextRunner
			.withBean(TableSessionPoolConfigCustomizer.class, () -> (builder) -> builder.maxPoolSize(42).maxRetry(0))
			.run((context) -> {
				TableSessionPoolConfig config = context.getBean(TableSessionPool.class).getConfig();
				assertThat(config.getMaxPoolSize()).isEqualTo(42);
				assertThat(config.getMaxRetry()).isZero();
			});
	}

	@Test
	void startsWithoutActuatorHealthOrMicrometer() {
		this.contextRunner
			.withClassLoader(
					new FilteredClassLoader(HealthIndicator.class, MeterBinder.class, SanitizingFunction.class))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(TableSessionPool.class)
					.hasSingleBean(TableTemplate.class)
					.doesNotHaveBean("iotdbHealthContributor")
					.doesNotHaveBean("tableSessionPoolsMeterBinder")
					.doesNotHaveBean(SanitizingFunction.class);
			});
	}

	@Test
	void passwordsAreSanitizedInActuatorOutput() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean(SanitizingFunction.class);
			for (String key : List.of("iotdb.table.password", "iotdb.table.ssl.trust-store-password",
					"IOTDB_TABLE_PASSWORD")) {
				SanitizableData data = function.applyUnlessFiltered(new SanitizableData(null, key, "s3cret"));
				assertThat(data.getValue()).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(
					function.applyUnlessFiltered(new SanitizableData(null, "iotdb.table.username", "root")).getValue())
				.isEqualTo("root");
		});
	}

	@Test
	void thePoolIsClosedWithTheContext() {
		TableSessionPool[] pool = new TableSessionPool[1];
		this.contextRunner.run((context) -> pool[0] = context.getBean(TableSessionPool.class));
		assertThat(pool[0].isClosed()).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPools {

		@Bean(destroyMethod = "close")
		TableSessionPool plant() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("plant").build());
		}

		@Bean(destroyMethod = "close")
		TableSessionPool fleet() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("fleet").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean(destroyMethod = "close")
		TableSessionPool myPool() {
			return new TableSessionPool(TableSessionPoolConfig.builder().poolName("mine").build());
		}

		@Bean
		TableOperations myTemplate(TableSessionPool pool) {
			return new TableTemplate(pool);
		}

	}

}
