package io.github.iotdbtable.client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link TableSessionPool}: the session settings of
 * {@link TableSessionConfig} plus the pool's own. Immutable, validated when built.
 *
 * <pre>{@code
 * TableSessionPoolConfig config = TableSessionPoolConfig.builder()
 *     .nodeUrls("10.0.0.1:6667", "10.0.0.2:6667")
 *     .database("db1")
 *     .maxPoolSize(8)
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TableSessionPoolConfig {

	public static final int DEFAULT_MAX_POOL_SIZE = 5;

	public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(10);

	public static final int DEFAULT_MAX_RETRY = 3;

	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

	public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);

	public static final Duration DEFAULT_VALIDATE_AFTER_IDLE = Duration.ofSeconds(30);

	private static final AtomicInteger poolNumber = new AtomicInteger();

	private final TableSessionConfig sessionConfig;

	private final String poolName;

	private final int maxPoolSize;

	private final int minIdle;

	private final Duration waitTimeout;

	private final int maxRetry;

	private final RetryPolicy retryPolicy;

	private final boolean enableRedirection;

	private final Duration idleTimeout;

	private final Duration maxLifetime;

	private final Duration validateAfterIdle;

	private final Duration leakDetectionThreshold;

	private TableSessionPoolConfig(Builder builder) {
		this.sessionConfig = builder.session.build();
		this.poolName = (builder.poolName != null) ? builder.poolName
				: "iotdb-table-pool-" + poolNumber.incrementAndGet();
		if (this.poolName.isBlank()) {
			throw new IllegalArgumentException("poolName must not be blank");
		}
		this.maxPoolSize = builder.maxPoolSize;
		if (this.maxPoolSize < 1) {
			throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + this.maxPoolSize);
		}
		this.minIdle = builder.minIdle;
		if (this.minIdle < 0 || this.minIdle > this.maxPoolSize) {
			throw new IllegalArgumentException(
					"minIdle must be between 0 and maxPoolSize (" + this.maxPoolSize + "), was " + this.minIdle);
		}
		this.maxRetry = builder.maxRetry;
		if (this.maxRetry < 0) {
			throw new IllegalArgumentException("maxRetry must not be negative, was " + this.maxRetry);
		}
		if (builder.retryPolicy == null) {
			throw new IllegalArgumentException("retryPolicy must not be null");
		}
		this.retryPolicy = builder.retryPolicy;
		this.enableRedirection = builder.enableRedirection;
		this.waitTimeout = requireDuration(builder.waitTimeout, "waitTimeout");
		this.idleTimeout = requireDuration(builder.idleTimeout, "idleTimeout");
		this.maxLifetime = requireDuration(builder.maxLifetime, "maxLifetime");
		this.validateAfterIdle = requireDuration(builder.validateAfterIdle, "validateAfterIdle");
		this.leakDetectionThreshold = requireDuration(builder.leakDetectionThreshold, "leakDetectionThreshold");
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The settings each session of the pool is opened with. */
	public TableSessionConfig getSessionConfig() {
		return this.sessionConfig;
	}

	/**
	 * Whether TLS connections check that the server's certificate names the host
	 * connected to; see {@link TableSessionConfig#isVerifyHostname()}.
	 */
	public boolean isVerifyHostname() {
		return this.sessionConfig.isVerifyHostname();
	}

	/** The name of the pool in logs, errors and metrics. */
	public String getPoolName() {
		return this.poolName;
	}

	/** The most sessions the pool holds, in use and idle together. */
	public int getMaxPoolSize() {
		return this.maxPoolSize;
	}

	/**
	 * The idle sessions the pool keeps open, ready to be borrowed; 0 opens sessions only
	 * on demand.
	 */
	public int getMinIdle() {
		return this.minIdle;
	}

	/** How long {@link TableSessionPool#getSession()} waits for a free session. */
	public Duration getWaitTimeout() {
		return this.waitTimeout;
	}

	/**
	 * The most times one operation is retried, whatever the {@link #getRetryPolicy()
	 * retry policy} decides.
	 */
	public int getMaxRetry() {
		return this.maxRetry;
	}

	/**
	 * Decides which failed operations are retried, and after which pause;
	 * {@link RetryPolicy#defaults()} unless set.
	 * @since 0.1.0
	 */
	public RetryPolicy getRetryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * Whether inserts follow the server's hint to the DataNode leading a device's data.
	 */
	public boolean isEnableRedirection() {
		return this.enableRedirection;
	}

	/**
	 * How long a session may stay idle above {@link #getMinIdle()} before it is closed;
	 * zero keeps it.
	 */
	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * How long a session lives before it is replaced when next idle; zero for no limit.
	 */
	public Duration getMaxLifetime() {
		return this.maxLifetime;
	}

	/**
	 * A session idle for longer than this is checked with the server before it is handed
	 * out; zero never checks.
	 */
	public Duration getValidateAfterIdle() {
		return this.validateAfterIdle;
	}

	/**
	 * A session held longer than this is logged once with where it was borrowed; zero
	 * (default) turns it off.
	 */
	public Duration getLeakDetectionThreshold() {
		return this.leakDetectionThreshold;
	}

	@Override
	public String toString() {
		return "TableSessionPoolConfig{poolName=" + this.poolName + ", maxPoolSize=" + this.maxPoolSize + ", minIdle="
				+ this.minIdle + ", waitTimeout=" + this.waitTimeout + ", maxRetry=" + this.maxRetry + ", retryPolicy="
				+ this.retryPolicy + ", enableRedirection=" + this.enableRedirection + ", idleTimeout="
				+ this.idleTimeout + ", maxLifetime=" + this.maxLifetime + ", validateAfterIdle="
				+ this.validateAfterIdle + ", leakDetectionThreshold=" + this.leakDetectionThreshold + ", session="
				+ this.sessionConfig + "}";
	}

	private static Duration requireDuration(@Nullable Duration value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null (use Duration.ZERO to turn it off)");
		}
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
		return value;
	}

	/**
	 * Builds a {@link TableSessionPoolConfig}; every setting has the default of the seed
	 * API.
	 */
	public static final class Builder {

		private final TableSessionConfig.Builder session = TableSessionConfig.builder();

		private @Nullable String poolName;

		private int maxPoolSize = DEFAULT_MAX_POOL_SIZE;

		private int minIdle;

		private @Nullable Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;

		private int maxRetry = DEFAULT_MAX_RETRY;

		private @Nullable RetryPolicy retryPolicy = RetryPolicy.defaults();

		private boolean enableRedirection;

		private @Nullable Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

		private @Nullable Duration maxLifetime = DEFAULT_MAX_LIFETIME;

		private @Nullable Duration validateAfterIdle = DEFAULT_VALIDATE_AFTER_IDLE;

		private @Nullable Duration leakDetectionThreshold = Duration.ZERO;

		private Builder() {
		}

		/** The DataNodes; sessions are spread over them and a dead one is skipped. */
		public Builder nodeUrls(String... nodeUrls) {
			this.session.nodeUrls(nodeUrls);
			return this;
		}

		public Builder nodeUrls(List<String> nodeUrls) {
			this.session.nodeUrls(nodeUrls);
			return this;
		}

		public Builder username(String username) {
			this.session.username(username);
			return this;
		}

		public Builder password(String password) {
			this.session.password(password);
			return this;
		}

		/**
		 * The database every session starts in, and is put back in when it is returned.
		 */
		public Builder database(@Nullable String database) {
			this.session.database(database);
			return this;
		}

		public Builder fetchSize(int fetchSize) {
			this.session.fetchSize(fetchSize);
			return this;
		}

		public Builder timeZone(ZoneId timeZone) {
			this.session.timeZone(timeZone);
			return this;
		}

		public Builder timeZone(String timeZone) {
			this.session.timeZone(timeZone);
			return this;
		}

		public Builder enableCompression(boolean enableCompression) {
			this.session.enableCompression(enableCompression);
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.session.connectTimeout(connectTimeout);
			return this;
		}

		public Builder readTimeout(Duration readTimeout) {
			this.session.readTimeout(readTimeout);
			return this;
		}

		public Builder queryTimeout(Duration queryTimeout) {
			this.session.queryTimeout(queryTimeout);
			return this;
		}

		/**
		 * Connects over TLS; see
		 * {@link TableSessionConfig.Builder#sslContext(SSLContext)}.
		 */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.session.sslContext(sslContext);
			return this;
		}

		/**
		 * Connects over TLS; see
		 * {@link TableSessionConfig.Builder#trustStore(Path, String)}.
		 */
		public Builder trustStore(Path trustStore, @Nullable String password) {
			this.session.trustStore(trustStore, password);
			return this;
		}

		/**
		 * Whether TLS connections check the server's host name, true by default; see
		 * {@link TableSessionConfig.Builder#verifyHostname(boolean)} for the risk of
		 * turning it off.
		 */
		public Builder verifyHostname(boolean verifyHostname) {
			this.session.verifyHostname(verifyHostname);
			return this;
		}

		/**
		 * The TLS protocols to enable; see
		 * {@link TableSessionConfig.Builder#sslProtocols(String...)}.
		 */
		public Builder sslProtocols(String... protocols) {
			this.session.sslProtocols(protocols);
			return this;
		}

		/**
		 * The cipher suites to enable; see
		 * {@link TableSessionConfig.Builder#sslCipherSuites(String...)}.
		 */
		public Builder sslCipherSuites(String... cipherSuites) {
			this.session.sslCipherSuites(cipherSuites);
			return this;
		}

		public Builder poolName(String poolName) {
			this.poolName = poolName;
			return this;
		}

		public Builder maxPoolSize(int maxPoolSize) {
			this.maxPoolSize = maxPoolSize;
			return this;
		}

		public Builder minIdle(int minIdle) {
			this.minIdle = minIdle;
			return this;
		}

		public Builder waitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
			return this;
		}

		/** The seed API's {@code wait_timeout_in_ms}. */
		public Builder waitTimeoutInMs(long waitTimeoutInMs) {
			return waitTimeout(Duration.ofMillis(waitTimeoutInMs));
		}

		public Builder maxRetry(int maxRetry) {
			this.maxRetry = maxRetry;
			return this;
		}

		/**
		 * Which failed operations are retried, up to {@code maxRetry} times; see
		 * {@link RetryPolicy#defaults()}.
		 * @since 0.1.0
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		public Builder enableRedirection(boolean enableRedirection) {
			this.enableRedirection = enableRedirection;
			return this;
		}

		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
			return this;
		}

		public Builder maxLifetime(Duration maxLifetime) {
			this.maxLifetime = maxLifetime;
			return this;
		}

		public Builder validateAfterIdle(Duration validateAfterIdle) {
			this.validateAfterIdle = validateAfterIdle;
			return this;
		}

		public Builder leakDetectionThreshold(Duration leakDetectionThreshold) {
			this.leakDetectionThreshold = leakDetectionThreshold;
			return this;
		}

		/**
		 * Validates the settings and builds the config.
		 * @return the config
		 * @throws IllegalArgumentException naming the first invalid setting
		 */
		public TableSessionPoolConfig build() {
			return new TableSessionPoolConfig(this);
		}

	}

}
