package io.github.iotdbtable.spring.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.TableWriterConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the IoTDB table client, under {@code iotdb.table}. Values are checked once
 * bound, by the client's own builders, so that a bad value fails the start with the name
 * of its property and the client's reason.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("iotdb.table")
public class IoTDBTableProperties implements InitializingBean {

	/** The client builder's names of the settings that are properties here. */
	private static final Map<String, String> PROPERTY_KEYS = Map.ofEntries(
			Map.entry("nodeUrls", "iotdb.table.node-urls"), Map.entry("username", "iotdb.table.username"),
			Map.entry("password", "iotdb.table.password"), Map.entry("database", "iotdb.table.database"),
			Map.entry("fetchSize", "iotdb.table.fetch-size"),
			Map.entry("connectTimeout", "iotdb.table.connect-timeout"),
			Map.entry("readTimeout", "iotdb.table.read-timeout"),
			Map.entry("queryTimeout", "iotdb.table.query-timeout"), Map.entry("poolName", "iotdb.table.pool.name"),
			Map.entry("maxPoolSize", "iotdb.table.pool.max-size"), Map.entry("minIdle", "iotdb.table.pool.min-idle"),
			Map.entry("maxRetry", "iotdb.table.pool.max-retry"),
			Map.entry("waitTimeout", "iotdb.table.pool.wait-timeout"),
			Map.entry("idleTimeout", "iotdb.table.pool.idle-timeout"),
			Map.entry("maxLifetime", "iotdb.table.pool.max-lifetime"),
			Map.entry("validateAfterIdle", "iotdb.table.pool.validate-after-idle"),
			Map.entry("leakDetectionThreshold", "iotdb.table.pool.leak-detection-threshold"));

	/**
	 * DataNode client endpoints, as host:port. New sessions are spread over them; one
	 * that cannot be reached is skipped.
	 */
	private List<String> nodeUrls = new ArrayList<>(TableSessionConfig.DEFAULT_NODE_URLS);

	/**
	 * Login user.
	 */
	private String username = TableSessionConfig.DEFAULT_USERNAME;

	/**
	 * Login password.
	 */
	private String password = TableSessionConfig.DEFAULT_PASSWORD;

	/**
	 * Database that sessions use; borrowed sessions are put back in it when returned.
	 */
	private @Nullable String database;

	/**
	 * Rows fetched from the server per round trip when reading query results.
	 */
	private int fetchSize = TableSessionConfig.DEFAULT_FETCH_SIZE;

	/**
	 * Time zone of the sessions. Defaults to the JVM's.
	 */
	private @Nullable ZoneId timeZone;

	/**
	 * Whether to speak Thrift's compact protocol; the server's
	 * dn_rpc_thrift_compression_enable must match.
	 */
	private boolean enableCompression;

	/**
	 * Whether inserts are sent straight to the DataNode that leads each device, as the
	 * server suggests.
	 */
	private boolean enableRedirection;

	/**
	 * Timeout of opening a connection.
	 */
	private Duration connectTimeout = TableSessionConfig.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * Timeout of waiting for the server's answer to a request.
	 */
	private Duration readTimeout = TableSessionConfig.DEFAULT_READ_TIMEOUT;

	/**
	 * Default timeout of queries; zero leaves it to the server.
	 */
	private Duration queryTimeout = Duration.ZERO;

	private final Pool pool = new Pool();

	private final Ssl ssl = new Ssl();

	private final Health health = new Health();

	private final Writer writer = new Writer();

	public List<String> getNodeUrls() {
		return this.nodeUrls;
	}

	public void setNodeUrls(List<String> nodeUrls) {
		this.nodeUrls = nodeUrls;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public @Nullable String getDatabase() {
		return this.database;
	}

	public void setDatabase(@Nullable String database) {
		this.database = database;
	}

	public int getFetchSize() {
		return this.fetchSize;
	}

	public void setFetchSize(int fetchSize) {
		this.fetchSize = fetchSize;
	}

	public @Nullable ZoneId getTimeZone() {
		return this.timeZone;
	}

	public void setTimeZone(@Nullable ZoneId timeZone) {
		this.timeZone = timeZone;
	}

	public boolean isEnableCompression() {
		return this.enableCompression;
	}

	public void setEnableCompression(boolean enableCompression) {
		this.enableCompression = enableCompression;
	}

	public boolean isEnableRedirection() {
		return this.enableRedirection;
	}

	public void setEnableRedirection(boolean enableRedirection) {
		this.enableRedirection = enableRedirection;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getQueryTimeout() {
		return this.queryTimeout;
	}

	public void setQueryTimeout(Duration queryTimeout) {
		this.queryTimeout = queryTimeout;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Health getHealth() {
		return this.health;
	}

	public Writer getWriter() {
		return this.writer;
	}

	/**
	 * Checks the values once bound, naming the property of the first bad one.
	 * @throws IllegalArgumentException naming the property
	 */
	@Override
	public void afterPropertiesSet() {
		// each value goes through the client's builder, whose rules and words are the
		// only ones; the message gains the property's key
		check("iotdb.table.node-urls", (builder) -> builder.nodeUrls(this.nodeUrls));
		check("iotdb.table.username", (builder) -> builder.username(this.username));
		check("iotdb.table.password", (builder) -> builder.password(this.password));
		check("iotdb.table.database", (builder) -> builder.database(this.database));
		check("iotdb.table.fetch-size", (builder) -> builder.fetchSize(this.fetchSize));
		check("iotdb.table.connect-timeout", (builder) -> builder.connectTimeout(this.connectTimeout));
		check("iotdb.table.read-timeout", (builder) -> builder.readTimeout(this.readTimeout));
		check("iotdb.table.query-timeout", (builder) -> builder.queryTimeout(this.queryTimeout));
		String poolName = this.pool.name;
		if (poolName != null) {
			check("iotdb.table.pool.name", (builder) -> builder.poolName(poolName));
		}
		check("iotdb.table.pool.max-size", (builder) -> builder.maxPoolSize(this.pool.maxSize));
		check("iotdb.table.pool.min-idle",
				(builder) -> builder.maxPoolSize(this.pool.maxSize).minIdle(this.pool.minIdle));
		check("iotdb.table.pool.max-retry", (builder) -> builder.maxRetry(this.pool.maxRetry));
		check("iotdb.table.pool.wait-timeout", (builder) -> builder.waitTimeout(this.pool.waitTimeout));
		check("iotdb.table.pool.idle-timeout", (builder) -> builder.idleTimeout(this.pool.idleTimeout));
		check("iotdb.table.pool.max-lifetime", (builder) -> builder.maxLifetime(this.pool.maxLifetime));
		check("iotdb.table.pool.validate-after-idle",
				(builder) -> builder.validateAfterIdle(this.pool.validateAfterIdle));
		check("iotdb.table.pool.leak-detection-threshold",
				(builder) -> builder.leakDetectionThreshold(this.pool.leakDetectionThreshold));
		String writerName = this.writer.name;
		if (writerName != null) {
			checkWriter("iotdb.table.writer.name", (builder) -> builder.writerName(writerName));
		}
		checkWriter("iotdb.table.writer.batch-size", (builder) -> builder.batchSize(this.writer.batchSize)
			.maxBufferedRows(Math.max(this.writer.batchSize, 1)));
		checkWriter("iotdb.table.writer.max-batch-age", (builder) -> builder.maxBatchAge(this.writer.maxBatchAge));
		checkWriter("iotdb.table.writer.max-buffered-rows",
				(builder) -> builder.batchSize(this.writer.batchSize).maxBufferedRows(this.writer.maxBufferedRows));
		checkWriter("iotdb.table.writer.add-timeout", (builder) -> builder.addTimeout(this.writer.addTimeout));
		checkWriter("iotdb.table.writer.overflow", (builder) -> builder.overflow(this.writer.overflow));
		checkWriter("iotdb.table.writer.sender-threads", (builder) -> builder.senderThreads(this.writer.senderThreads));
		// the one setting the client does not have
		if (this.health.timeout.isNegative() || this.health.timeout.isZero()) {
			throw new IllegalArgumentException(
					"iotdb.table.health.timeout must be positive, was " + this.health.timeout);
		}
	}

	/** As {@link #check}, for a setting of the writer. */
	private static void checkWriter(String property, Consumer<TableWriterConfig.Builder> setting) {
		try {
			TableWriterConfig.Builder builder = TableWriterConfig.builder();
			setting.accept(builder);
			builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(property + ": " + ex.getMessage(), ex);
		}
	}

	/** The writer's settings on the client's builder. */
	TableWriterConfig.Builder writerConfig() {
		TableWriterConfig.Builder builder = TableWriterConfig.builder()
			.batchSize(this.writer.batchSize)
			.maxBatchAge(this.writer.maxBatchAge)
			.maxBufferedRows(this.writer.maxBufferedRows)
			.addTimeout(this.writer.addTimeout)
			.overflow(this.writer.overflow)
			.senderThreads(this.writer.senderThreads);
		if (this.writer.name != null) {
			builder.writerName(this.writer.name);
		}
		return builder;
	}

	/**
	 * Applies one setting to the client's builder and builds it, so that the client's own
	 * rules decide; the client's names for settings become property keys.
	 */
	private static void check(String property, Consumer<TableSessionPoolConfig.Builder> setting) {
		try {
			// named, so that checking takes no number from the generated pool names
			TableSessionPoolConfig.Builder builder = TableSessionPoolConfig.builder().poolName("check");
			setting.accept(builder);
			builder.build();
		}
		catch (IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			for (Map.Entry<String, String> name : PROPERTY_KEYS.entrySet()) {
				message = message.replaceAll("\\b" + name.getKey() + "\\b", name.getValue());
			}
			// the client's message says all there is: its cause would only repeat it
			throw new IllegalArgumentException(message.startsWith(property) ? message : property + ": " + message);
		}
	}

	/**
	 * The session pool.
	 */
	public static class Pool {

		/**
		 * Name of the pool in logs and metrics. Defaults to a generated one.
		 */
		private @Nullable String name;

		/**
		 * Most sessions open at once, borrowed and idle together.
		 */
		private int maxSize = TableSessionPoolConfig.DEFAULT_MAX_POOL_SIZE;

		/**
		 * Idle sessions kept open and ready; 0 opens sessions only on demand.
		 */
		private int minIdle;

		/**
		 * How long a borrower waits for a free session before failing.
		 */
		private Duration waitTimeout = TableSessionPoolConfig.DEFAULT_WAIT_TIMEOUT;

		/**
		 * How many times an operation that failed on the connection, or that the server
		 * marked transient, is retried.
		 */
		private int maxRetry = TableSessionPoolConfig.DEFAULT_MAX_RETRY;

		/**
		 * How long a session above min-idle may stay idle before it is closed; zero keeps
		 * it.
		 */
		private Duration idleTimeout = TableSessionPoolConfig.DEFAULT_IDLE_TIMEOUT;

		/**
		 * How long a session lives before it is replaced; zero for no limit.
		 */
		private Duration maxLifetime = TableSessionPoolConfig.DEFAULT_MAX_LIFETIME;

		/**
		 * A session idle for longer than this is checked with the server before it is
		 * handed out; zero never checks.
		 */
		private Duration validateAfterIdle = TableSessionPoolConfig.DEFAULT_VALIDATE_AFTER_IDLE;

		/**
		 * A session held longer than this is logged once with where it was borrowed; zero
		 * turns leak detection off.
		 */
		private Duration leakDetectionThreshold = Duration.ZERO;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			this.maxSize = maxSize;
		}

		public int getMinIdle() {
			return this.minIdle;
		}

		public void setMinIdle(int minIdle) {
			this.minIdle = minIdle;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public int getMaxRetry() {
			return this.maxRetry;
		}

		public void setMaxRetry(int maxRetry) {
			this.maxRetry = maxRetry;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getMaxLifetime() {
			return this.maxLifetime;
		}

		public void setMaxLifetime(Duration maxLifetime) {
			this.maxLifetime = maxLifetime;
		}

		public Duration getValidateAfterIdle() {
			return this.validateAfterIdle;
		}

		public void setValidateAfterIdle(Duration validateAfterIdle) {
			this.validateAfterIdle = validateAfterIdle;
		}

		public Duration getLeakDetectionThreshold() {
			return this.leakDetectionThreshold;
		}

		public void setLeakDetectionThreshold(Duration leakDetectionThreshold) {
			this.leakDetectionThreshold = leakDetectionThreshold;
		}

	}

	/**
	 * TLS to the DataNodes (the server needs enable_thrift_ssl=true).
	 */
	public static class Ssl {

		/**
		 * Whether to connect over TLS. Implied by a bundle or a trust store.
		 */
		private boolean enabled;

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material checks the
		 * server's certificate.
		 */
		private @Nullable String bundle;

		/**
		 * Trust store (JKS or PKCS12) that checks the server's certificate, when no
		 * bundle is named. Defaults to the JVM's trust store.
		 */
		private @Nullable String trustStore;

		/**
		 * Password of the trust store.
		 */
		private @Nullable String trustStorePassword;

		/**
		 * Whether the server's certificate must name the host of each node URL (a DNS or
		 * IP subject alternative name). Turning it off lets any trusted certificate stand
		 * for any node, so that whoever holds one such certificate's key can pose as
		 * every node: only for clusters addressed by IP whose certificates lack matching
		 * subject alternative names.
		 */
		private boolean verifyHostname = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public @Nullable String getTrustStore() {
			return this.trustStore;
		}

		public void setTrustStore(@Nullable String trustStore) {
			this.trustStore = trustStore;
		}

		public @Nullable String getTrustStorePassword() {
			return this.trustStorePassword;
		}

		public void setTrustStorePassword(@Nullable String trustStorePassword) {
			this.trustStorePassword = trustStorePassword;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

	}

	/**
	 * The health indicator.
	 */
	public static class Health {

		/**
		 * Longest time a health check waits for the server.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * The batching writer, {@code TableWriter}.
	 */
	public static class Writer {

		/**
		 * Whether to define a TableWriter bean on the pool.
		 */
		private boolean enabled = true;

		/**
		 * Writer name in logs, thread names and metrics. Generated when unset.
		 */
		private @Nullable String name;

		/**
		 * Rows of a table sent in one request; a batch this full is sent at once.
		 */
		private int batchSize = TableWriterConfig.DEFAULT_BATCH_SIZE;

		/**
		 * How long the first row of a batch waits before the batch is sent anyway.
		 */
		private Duration maxBatchAge = TableWriterConfig.DEFAULT_MAX_BATCH_AGE;

		/**
		 * Most rows held over all tables until written or handed to the failure handler.
		 */
		private int maxBufferedRows = TableWriterConfig.DEFAULT_MAX_BUFFERED_ROWS;

		/**
		 * How long an add waits for room when the writer is full.
		 */
		private Duration addTimeout = TableWriterConfig.DEFAULT_ADD_TIMEOUT;

		/**
		 * What an add does when no room came in time: fail (block) or drop the row.
		 */
		private TableWriterConfig.Overflow overflow = TableWriterConfig.Overflow.BLOCK;

		/**
		 * Threads that send batches, each one batch at a time.
		 */
		private int senderThreads = TableWriterConfig.DEFAULT_SENDER_THREADS;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getMaxBatchAge() {
			return this.maxBatchAge;
		}

		public void setMaxBatchAge(Duration maxBatchAge) {
			this.maxBatchAge = maxBatchAge;
		}

		public int getMaxBufferedRows() {
			return this.maxBufferedRows;
		}

		public void setMaxBufferedRows(int maxBufferedRows) {
			this.maxBufferedRows = maxBufferedRows;
		}

		public Duration getAddTimeout() {
			return this.addTimeout;
		}

		public void setAddTimeout(Duration addTimeout) {
			this.addTimeout = addTimeout;
		}

		public TableWriterConfig.Overflow getOverflow() {
			return this.overflow;
		}

		public void setOverflow(TableWriterConfig.Overflow overflow) {
			this.overflow = overflow;
		}

		public int getSenderThreads() {
			return this.senderThreads;
		}

		public void setSenderThreads(int senderThreads) {
			this.senderThreads = senderThreads;
		}

	}

}
