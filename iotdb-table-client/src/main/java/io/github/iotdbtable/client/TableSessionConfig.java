package io.github.iotdbtable.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.iotdbtable.client.rpc.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link TableSession}: immutable, validated when built.
 *
 * <pre>{@code
 * TableSessionConfig config = TableSessionConfig.builder()
 *     .nodeUrls("127.0.0.1:6667")
 *     .database("db1")
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TableSessionConfig {

	public static final List<String> DEFAULT_NODE_URLS = List.of("localhost:6667");

	public static final String DEFAULT_USERNAME = "root";

	public static final String DEFAULT_PASSWORD = "root";

	public static final int DEFAULT_FETCH_SIZE = 5000;

	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Above the server's own default query timeout (60 s), so that the server's answer
	 * arrives first.
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(2);

	private final List<String> nodeUrls;

	private final List<Endpoint> endpoints;

	private final String username;

	private final String password;

	private final @Nullable String database;

	private final int fetchSize;

	private final ZoneId timeZone;

	private final boolean enableCompression;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Duration queryTimeout;

	private final @Nullable SSLContext sslContext;

	private final boolean verifyHostname;

	private final List<String> sslProtocols;

	private final List<String> sslCipherSuites;

	private TableSessionConfig(Builder builder) {
		this.endpoints = parseNodeUrls(builder.nodeUrls);
		this.nodeUrls = List.copyOf(builder.nodeUrls);
		this.username = requireText(builder.username, "username");
		if (builder.password == null) {
			throw new IllegalArgumentException("password must not be null");
		}
		this.password = builder.password;
		this.database = builder.database;
		if (this.database != null && this.database.isBlank()) {
			throw new IllegalArgumentException("database must not be blank (leave it unset for none)");
		}
		this.fetchSize = builder.fetchSize;
		if (this.fetchSize <= 0) {
			throw new IllegalArgumentException("fetchSize must be positive, was " + this.fetchSize);
		}
		if (builder.timeZone == null) {
			throw new IllegalArgumentException("timeZone must not be null");
		}
		this.timeZone = builder.timeZone;
		this.enableCompression = builder.enableCompression;
		this.connectTimeout = requireMillis(builder.connectTimeout, "connectTimeout");
		this.readTimeout = requireMillis(builder.readTimeout, "readTimeout");
		this.queryTimeout = requireMillis(builder.queryTimeout, "queryTimeout");
		this.sslContext = builder.sslContext;
		this.verifyHostname = builder.verifyHostname;
		this.sslProtocols = List.copyOf(builder.sslProtocols);
		this.sslCipherSuites = List.copyOf(builder.sslCipherSuites);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder that starts from this config's settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.nodeUrls = new ArrayList<>(this.nodeUrls);
		builder.username = this.username;
		builder.password = this.password;
		builder.database = this.database;
		builder.fetchSize = this.fetchSize;
		builder.timeZone = this.timeZone;
		builder.enableCompression = this.enableCompression;
		builder.connectTimeout = this.connectTimeout;
		builder.readTimeout = this.readTimeout;
		builder.queryTimeout = this.queryTimeout;
		builder.sslContext = this.sslContext;
		builder.verifyHostname = this.verifyHostname;
		builder.sslProtocols = this.sslProtocols;
		builder.sslCipherSuites = this.sslCipherSuites;
		return builder;
	}

	/**
	 * The {@code host:port} client endpoints of the DataNodes; a session connects to the
	 * first that answers.
	 */
	public List<String> getNodeUrls() {
		return this.nodeUrls;
	}

	List<Endpoint> endpoints() {
		return this.endpoints;
	}

	public String getUsername() {
		return this.username;
	}

	public String getPassword() {
		return this.password;
	}

	/** The database a new session uses, or {@code null} for none. */
	public @Nullable String getDatabase() {
		return this.database;
	}

	/** The number of rows a query answer carries per round trip. */
	public int getFetchSize() {
		return this.fetchSize;
	}

	/** The session time zone, used by the server to read and print times in SQL. */
	public ZoneId getTimeZone() {
		return this.timeZone;
	}

	/**
	 * Whether the compact Thrift protocol is used; the server must enable RPC compression
	 * too.
	 */
	public boolean isEnableCompression() {
		return this.enableCompression;
	}

	/**
	 * How long to wait for a TCP connection; zero waits without limit. Over TLS it also
	 * bounds the whole handshake, as {@link Builder#connectTimeout(Duration)} says.
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/** How long to wait for any answer of the server; zero waits without limit. */
	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	/** The query timeout used when a query names none; zero leaves it to the server. */
	public Duration getQueryTimeout() {
		return this.queryTimeout;
	}

	/**
	 * The TLS settings connections use, or {@code null} for plain TCP.
	 * @return the SSL context
	 */
	public @Nullable SSLContext getSslContext() {
		return this.sslContext;
	}

	/**
	 * Whether a TLS connection checks that the server's certificate names the host
	 * connected to (endpoint identification {@code HTTPS}); true unless turned off.
	 * @return whether the host name is verified
	 */
	public boolean isVerifyHostname() {
		return this.verifyHostname;
	}

	/**
	 * The TLS protocols connections enable, empty for the SSL context's defaults.
	 * @return the protocols
	 */
	public List<String> getSslProtocols() {
		return this.sslProtocols;
	}

	/**
	 * The cipher suites TLS connections enable, empty for the SSL context's defaults.
	 * @return the cipher suites
	 */
	public List<String> getSslCipherSuites() {
		return this.sslCipherSuites;
	}

	@Override
	public String toString() {
		return "TableSessionConfig{nodeUrls=" + this.nodeUrls + ", username='" + this.username
				+ "', password=******, database=" + this.database + ", fetchSize=" + this.fetchSize + ", timeZone="
				+ this.timeZone + ", enableCompression=" + this.enableCompression + ", connectTimeout="
				+ this.connectTimeout + ", readTimeout=" + this.readTimeout + ", queryTimeout=" + this.queryTimeout
				+ ", ssl=" + (this.sslContext != null) + ", verifyHostname=" + this.verifyHostname + ", sslProtocols="
				+ this.sslProtocols + ", sslCipherSuites=" + this.sslCipherSuites + "}";
	}

	/**
	 * Parses a node url of the form {@code host:port} or {@code [ipv6]:port}.
	 * @param nodeUrl the url
	 * @return the endpoint
	 * @throws IllegalArgumentException naming the url when it is malformed
	 */
	static Endpoint parseNodeUrl(@Nullable String nodeUrl) {
		if (nodeUrl == null || nodeUrl.isBlank()) {
			throw new IllegalArgumentException("node url must not be empty; expected host:port");
		}
		String url = nodeUrl.trim();
		int colon = url.lastIndexOf(':');
		String host = (colon > 0) ? url.substring(0, colon) : "";
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.indexOf(':') >= 0) {
			host = "";
		}
		String portText = (colon > 0) ? url.substring(colon + 1) : "";
		int port = -1;
		if (!portText.isEmpty() && portText.chars().allMatch(Character::isDigit) && portText.length() <= 5) {
			port = Integer.parseInt(portText);
		}
		if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace) || port < 1 || port > 65535) {
			throw new IllegalArgumentException(
					"node url '" + nodeUrl + "' must be host:port with a port between 1 and 65535");
		}
		return new Endpoint(host, port);
	}

	private static List<Endpoint> parseNodeUrls(List<String> nodeUrls) {
		if (nodeUrls.isEmpty()) {
			throw new IllegalArgumentException("nodeUrls must name at least one host:port");
		}
		List<Endpoint> endpoints = new ArrayList<>(nodeUrls.size());
		for (String url : nodeUrls) {
			endpoints.add(parseNodeUrl(url));
		}
		return List.copyOf(endpoints);
	}

	private static String requireText(@Nullable String value, String name) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return value;
	}

	private static <T> T requireNodeUrls(@Nullable T nodeUrls) {
		if (nodeUrls == null) {
			throw new IllegalArgumentException("nodeUrls must not be null; expected host:port values");
		}
		return nodeUrls;
	}

	private static Duration requireMillis(@Nullable Duration value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null (use Duration.ZERO for no limit)");
		}
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
		if (value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
			throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + " ms, was " + value);
		}
		if (!value.isZero() && value.toMillis() == 0) {
			throw new IllegalArgumentException(name + " must be at least 1 ms or zero, was " + value);
		}
		return value;
	}

	/**
	 * Builds a {@link TableSessionConfig}; every setting has the default of the seed API.
	 */
	public static final class Builder {

		private List<String> nodeUrls = new ArrayList<>(DEFAULT_NODE_URLS);

		private @Nullable String username = DEFAULT_USERNAME;

		private @Nullable String password = DEFAULT_PASSWORD;

		private @Nullable String database;

		private int fetchSize = DEFAULT_FETCH_SIZE;

		private @Nullable ZoneId timeZone = ZoneId.systemDefault();

		private boolean enableCompression;

		private @Nullable Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private @Nullable Duration readTimeout = DEFAULT_READ_TIMEOUT;

		private @Nullable Duration queryTimeout = Duration.ZERO;

		private @Nullable SSLContext sslContext;

		private boolean verifyHostname = true;

		private List<String> sslProtocols = List.of();

		private List<String> sslCipherSuites = List.of();

		private Builder() {
		}

		public Builder nodeUrls(String... nodeUrls) {
			// a null url is reported by build(), naming it, like any other bad url
			return nodeUrls(Arrays.asList(requireNodeUrls(nodeUrls)));
		}

		public Builder nodeUrls(List<String> nodeUrls) {
			requireNodeUrls(nodeUrls);
			this.nodeUrls = new ArrayList<>(nodeUrls);
			return this;
		}

		public Builder username(String username) {
			this.username = username;
			return this;
		}

		public Builder password(String password) {
			this.password = password;
			return this;
		}

		public Builder database(@Nullable String database) {
			this.database = database;
			return this;
		}

		public Builder fetchSize(int fetchSize) {
			this.fetchSize = fetchSize;
			return this;
		}

		public Builder timeZone(ZoneId timeZone) {
			this.timeZone = timeZone;
			return this;
		}

		/**
		 * Sets the time zone by id, such as {@code UTC}, {@code Asia/Shanghai} or
		 * {@code +08:00}.
		 * @param timeZone the zone id
		 * @return this builder
		 */
		public Builder timeZone(String timeZone) {
			if (timeZone == null) {
				throw new IllegalArgumentException("timeZone must not be null");
			}
			try {
				this.timeZone = ZoneId.of(timeZone);
			}
			catch (DateTimeException ex) {
				throw new IllegalArgumentException("timeZone '" + timeZone + "' is not a valid zone id", ex);
			}
			return this;
		}

		public Builder enableCompression(boolean enableCompression) {
			this.enableCompression = enableCompression;
			return this;
		}

		/**
		 * How long to wait for a TCP connection (10 s by default); zero waits without
		 * limit. Over TLS the whole handshake then takes at most this long too, or, when
		 * it is zero, the read timeout, or 30 s when both are zero: past that the
		 * connection is closed and opening the session fails.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		public Builder queryTimeout(Duration queryTimeout) {
			this.queryTimeout = queryTimeout;
			return this;
		}

		/**
		 * Connects over TLS with the given settings (the server needs
		 * {@code enable_thrift_ssl=true}). The server's certificate chain is checked
		 * against the context's trust material, and the certificate must name the host of
		 * the node URL (a DNS or IP subject alternative name) unless
		 * {@link #verifyHostname(boolean)} turns that off. The handshake as a whole takes
		 * at most the connect timeout (else the read timeout, else 30 s).
		 * @param sslContext the TLS settings, or {@code null} for plain TCP
		 * @return this builder
		 */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Whether a TLS connection checks that the server's certificate names the host
		 * connected to, true by default. Turning it off lets any certificate the trust
		 * material accepts stand for any node, so that whoever holds one such
		 * certificate's key can pose as every node: only for clusters addressed by IP
		 * whose certificates do not carry matching subject alternative names.
		 * @param verifyHostname false to accept a trusted certificate for any host
		 * @return this builder
		 */
		public Builder verifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
			return this;
		}

		/**
		 * The TLS protocols to enable, e.g. {@code TLSv1.3}; none (default) keeps the SSL
		 * context's defaults.
		 * @param protocols the protocols
		 * @return this builder
		 */
		public Builder sslProtocols(String... protocols) {
			this.sslProtocols = requireNames(protocols, "sslProtocols");
			return this;
		}

		/**
		 * The cipher suites to enable; none (default) keeps the SSL context's defaults.
		 * @param cipherSuites the cipher suites
		 * @return this builder
		 */
		public Builder sslCipherSuites(String... cipherSuites) {
			this.sslCipherSuites = requireNames(cipherSuites, "sslCipherSuites");
			return this;
		}

		private static List<String> requireNames(String[] names, String what) {
			for (String name : names) {
				if (name == null || name.isBlank()) {
					throw new IllegalArgumentException(what + " must not hold a null or blank name");
				}
			}
			return List.of(names);
		}

		/**
		 * Connects over TLS, trusting the certificates of a trust store (JKS or PKCS12).
		 * @param trustStore the trust store file
		 * @param password its password, or {@code null} for none
		 * @return this builder
		 * @throws IllegalArgumentException naming the file when it cannot be read as a
		 * trust store
		 */
		public Builder trustStore(Path trustStore, @Nullable String password) {
			if (!Files.isRegularFile(trustStore) || !Files.isReadable(trustStore)) {
				throw new IllegalArgumentException("trust store '" + trustStore + "' is not a readable file");
			}
			char[] secret = (password != null) ? password.toCharArray() : null;
			try {
				KeyStore store = KeyStore.getInstance(trustStore.toFile(), secret);
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(store);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(null, trust.getTrustManagers(), null);
				this.sslContext = context;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalArgumentException(
						"trust store '" + trustStore + "' cannot be used: " + ex.getClass().getSimpleName(), ex);
			}
			finally {
				if (secret != null) {
					Arrays.fill(secret, '\0');
				}
			}
			return this;
		}

		/**
		 * Validates the settings and builds the config.
		 * @return the config
		 * @throws IllegalArgumentException naming the first invalid setting
		 */
		public TableSessionConfig build() {
			return new TableSessionConfig(this);
		}

	}

}
