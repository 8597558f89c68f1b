package io.github.iotdbtable.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.UserAdministration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real IoTDB cluster of one ConfigNode and one or more DataNodes, each a child JVM on
 * free loopback ports, started from the server's release jars (resolved by Maven into the
 * local repository on first use).
 *
 * <pre>{@code
 * try (IoTDBCluster cluster = IoTDBCluster.builder().build().start()) {
 *     try (TableSession session = TableSession.open(cluster.sessionConfig().build())) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>
 * {@link #close()} stops every node by its pid; a JVM shutdown hook does the same when
 * the caller forgets, and each node also ends by itself when the JVM that started it is
 * gone.
 *
 * @since 0.1.0
 */
public final class IoTDBCluster implements AutoCloseable {

	/** The server version started by default. */
	public static final String DEFAULT_VERSION = "2.0.1-beta";

	private static final Logger logger = LoggerFactory.getLogger(IoTDBCluster.class);

	private static final String LOOPBACK_IP = "ip:127.0.0.1";

	private static final Set<IoTDBCluster> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> running.forEach(IoTDBCluster::close), "iotdb-cluster-stop"));
	}

	private final String version;

	private final Path directory;

	private final Duration startTimeout;

	private final IoTDBNode configNode;

	private final List<IoTDBNode> dataNodes;

	private final Map<String, String> properties;

	private volatile @Nullable String nodeClasspath;

	private final @Nullable Path trustStore;

	/**
	 * Whether the DataNodes' certificate names {@code 127.0.0.1}, the address clients
	 * connect to; true without TLS.
	 */
	private final boolean certificateNamesNodes;

	private final String storePassword = UUID.randomUUID().toString();

	/** The root password asked for; it is set once the nodes run. */
	private final String rootPassword;

	/**
	 * The root password the server accepts now: the server's default until
	 * {@link #start()} changed it.
	 */
	private volatile String password = TableSessionConfig.DEFAULT_PASSWORD;

	private IoTDBCluster(Builder builder) {
		this.version = builder.version;
		this.rootPassword = builder.rootPassword;
		this.startTimeout = builder.startTimeout;
		try {
			Files.createDirectories(builder.workDirectory);
			this.directory = Files.createTempDirectory(builder.workDirectory.toAbsolutePath(), "cluster-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create a folder for the cluster in " + builder.workDirectory, ex);
		}
		this.trustStore = builder.tls ? makeCertificates(builder) : null;
		this.certificateNamesNodes = builder.certificateNames.contains(LOOPBACK_IP);
		this.properties = Map.copyOf(builder.properties);
		int[] ports = freePorts(2 + 5 * builder.dataNodes);
		Map<String, Integer> configPorts = new LinkedHashMap<>();
		configPorts.put("cn_internal_port", ports[0]);
		configPorts.put("cn_consensus_port", ports[1]);
		this.configNode = new IoTDBNode(this, IoTDBNode.Kind.CONFIG_NODE, "confignode",
				this.directory.resolve("confignode"), configPorts, builder.configNodeHeap);
		List<IoTDBNode> nodes = new ArrayList<>();
		for (int i = 0; i < builder.dataNodes; i++) {
			int base = 2 + 5 * i;
			Map<String, Integer> dataPorts = new LinkedHashMap<>();
			dataPorts.put("dn_rpc_port", ports[base]);
			dataPorts.put("dn_internal_port", ports[base + 1]);
			dataPorts.put("dn_mpp_data_exchange_port", ports[base + 2]);
			dataPorts.put("dn_schema_region_consensus_port", ports[base + 3]);
			dataPorts.put("dn_data_region_consensus_port", ports[base + 4]);
			nodes.add(new IoTDBNode(this, IoTDBNode.Kind.DATA_NODE, "datanode-" + (i + 1),
					this.directory.resolve("datanode-" + (i + 1)), dataPorts, builder.dataNodeHeap));
		}
		this.dataNodes = List.copyOf(nodes);
		writeConfiguration(builder);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts every node and waits until {@code SHOW CLUSTER} reports all of them running.
	 * @return this cluster
	 * @throws IllegalStateException naming the node that failed, with the end of its log;
	 * nodes already started are stopped again
	 */
	public IoTDBCluster start() {
		long began = System.nanoTime();
		nodeClasspath();
		running.add(this);
		try {
			this.configNode.launch();
			this.dataNodes.forEach(IoTDBNode::launch);
			awaitReady();
			if (!this.rootPassword.equals(this.password)) {
				changeRootPassword(this.rootPassword);
				this.password = this.rootPassword;
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		logger.info("IoTDB {} cluster running at {} after {} ms (folder {})", this.version, nodeUrls(),
				Duration.ofNanos(System.nanoTime() - began).toMillis(), this.directory);
		return this;
	}

	/** The client urls of the DataNodes, {@code 127.0.0.1:port} each. */
	public List<String> nodeUrls() {
		return this.dataNodes.stream().map(IoTDBNode::nodeUrl).toList();
	}

	/** The client url of the first DataNode. */
	public String nodeUrl() {
		return this.dataNodes.get(0).nodeUrl();
	}

	public IoTDBNode configNode() {
		return this.configNode;
	}

	public List<IoTDBNode> dataNodes() {
		return this.dataNodes;
	}

	/**
	 * A DataNode.
	 * @param index from 0
	 * @return the node
	 */
	public IoTDBNode dataNode(int index) {
		return this.dataNodes.get(index);
	}

	/** The folder holding every node's home. */
	public Path directory() {
		return this.directory;
	}

	public String version() {
		return this.version;
	}

	/** The extra {@code iotdb-system.properties} entries the nodes were started with. */
	public Map<String, String> properties() {
		return this.properties;
	}

	/**
	 * The user that {@link #sessionConfig()} and {@link #poolConfig()} log in as:
	 * {@code root}.
	 */
	public String username() {
		return TableSessionConfig.DEFAULT_USERNAME;
	}

	/**
	 * The password of {@link #username()}, as chosen with
	 * {@link Builder#rootPassword(String)}.
	 */
	public String password() {
		return this.password;
	}

	/**
	 * A session config builder pointing at this cluster's DataNodes as
	 * {@link #username()}, with RPC compression on when the nodes were started with
	 * {@code dn_rpc_thrift_compression_enable=true}.
	 * @return a builder to add settings to
	 */
	public TableSessionConfig.Builder sessionConfig() {
		TableSessionConfig.Builder builder = TableSessionConfig.builder()
			.nodeUrls(nodeUrls())
			.username(username())
			.password(this.password)
			.enableCompression(compressedRpc());
		if (this.trustStore != null) {
			builder.trustStore(this.trustStore, this.storePassword);
		}
		return builder;
	}

	/**
	 * The settings of the launcher's own sessions: like {@link #sessionConfig()}, but
	 * without host name verification when the certificate was made for other names.
	 */
	private TableSessionConfig.Builder ownSessionConfig() {
		return sessionConfig().verifyHostname(this.certificateNamesNodes);
	}

	/**
	 * The trust store (PKCS12) holding the certificate of a {@link Builder#tls() TLS}
	 * cluster, or {@code null}.
	 */
	public @Nullable Path trustStore() {
		return this.trustStore;
	}

	/** The password of {@link #trustStore()}. */
	public String trustStorePassword() {
		return this.storePassword;
	}

	/**
	 * A pool config builder pointing at this cluster's DataNodes as {@link #username()},
	 * with RPC compression as for {@link #sessionConfig()}.
	 * @return a builder to add settings to
	 */
	public TableSessionPoolConfig.Builder poolConfig() {
		TableSessionPoolConfig.Builder builder = TableSessionPoolConfig.builder()
			.nodeUrls(nodeUrls())
			.username(username())
			.password(this.password)
			.enableCompression(compressedRpc());
		if (this.trustStore != null) {
			builder.trustStore(this.trustStore, this.storePassword);
		}
		return builder;
	}

	private boolean compressedRpc() {
		return Boolean.parseBoolean(this.properties.getOrDefault("dn_rpc_thrift_compression_enable", "false").trim());
	}

	/** Opens a session on this cluster as {@link #username()}. */
	public TableSession openSession() {
		return TableSession.open(sessionConfig().build());
	}

	/**
	 * Stops every node (DataNodes first) by pid and deletes their data, keeping the logs.
	 * Idempotent.
	 */
	@Override
	public void close() {
		if (!running.remove(this)) {
			return;
		}
		List<IoTDBNode> all = new ArrayList<>(this.dataNodes);
		all.add(this.configNode);
		all.parallelStream().filter(IoTDBNode::isRunning).forEach(IoTDBNode::stop);
		for (IoTDBNode node : all) {
			deleteData(node.home());
		}
	}

	String nodeClasspath() {
		String classpath = this.nodeClasspath;
		if (classpath == null) {
			List<String> entries = new ArrayList<>();
			entries.add(ownLocation());
			for (Path jar : ServerClasspath.resolve(this.version, cacheDirectory())) {
				entries.add(jar.toString());
			}
			classpath = String.join(File.pathSeparator, entries);
			this.nodeClasspath = classpath;
		}
		return classpath;
	}

	/**
	 * Waits until every running node is reported {@code Running} by {@code SHOW CLUSTER}.
	 * @throws IllegalStateException when a node exits or the start timeout passes
	 */
	void awaitReady() {
		long deadline = System.nanoTime() + this.startTimeout.toNanos();
		String lastState = "no answer yet";
		while (true) {
			List<IoTDBNode> expected = new ArrayList<>();
			expected.add(this.configNode);
			expected.addAll(this.dataNodes);
			for (IoTDBNode node : expected) {
				Integer exit = node.exitCode();
				if (exit != null && node.pid() < 0 && exit != 0 && exit != 143) {
					throw new IllegalStateException(node.name() + " of the IoTDB cluster exited with code " + exit
							+ " while starting\n" + node.logTail());
				}
			}
			List<IoTDBNode> alive = expected.stream().filter(IoTDBNode::isRunning).toList();
			IoTDBNode entry = alive.stream()
				.filter((n) -> n.kind() == IoTDBNode.Kind.DATA_NODE)
				.findFirst()
				.orElse(null);
			if (entry != null) {
				try {
					Map<String, String> status = clusterStatus(entry);
					lastState = status.toString();
					boolean ready = true;
					for (IoTDBNode node : alive) {
						ready &= "Running".equals(status.get(key(node)));
					}
					if (ready) {
						return;
					}
				}
				catch (IoTDBException ex) {
					lastState = ex.getMessage();
				}
			}
			if (System.nanoTime() > deadline) {
				StringBuilder message = new StringBuilder("IoTDB cluster not ready after ").append(this.startTimeout)
					.append("; last state: ")
					.append(lastState);
				for (IoTDBNode node : expected) {
					message.append('\n').append(node.logTail());
				}
				throw new IllegalStateException(message.toString());
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for the IoTDB cluster", ex);
			}
		}
	}

	/**
	 * Sets root's password. The table dialect of 2.0.1-beta has no statement for users:
	 * {@link UserAdministration} speaks the tree dialect for this one statement.
	 */
	private void changeRootPassword(String newPassword) {
		TableSessionConfig config = ownSessionConfig().nodeUrls(this.dataNodes.get(0).nodeUrl())
			.readTimeout(Duration.ofSeconds(30))
			.build();
		try {
			UserAdministration.changePassword(config, newPassword);
		}
		catch (StatementExecutionException ex) {
			throw new IllegalStateException("changing the root password failed with status " + ex.getStatusCode());
		}
	}

	private Map<String, String> clusterStatus(IoTDBNode entry) {
		TableSessionConfig config = ownSessionConfig().nodeUrls(entry.nodeUrl())
			.connectTimeout(Duration.ofSeconds(1))
			.readTimeout(Duration.ofSeconds(10))
			.build();
		Map<String, String> status = new LinkedHashMap<>();
		try (TableSession session = TableSession.open(config);
				SessionDataSet rows = session.executeQueryStatement("SHOW CLUSTER")) {
			int type = rows.findColumn("NodeType");
			int port = rows.findColumn("InternalPort");
			int state = rows.findColumn("Status");
			while (rows.hasNext()) {
				Row row = rows.next();
				status.put(row.getString(type) + ":" + row.getString(port), row.getString(state));
			}
		}
		return status;
	}

	private static String key(IoTDBNode node) {
		return ((node.kind() == IoTDBNode.Kind.CONFIG_NODE) ? "ConfigNode" : "DataNode") + ":" + node.internalPort();
	}

	/**
	 * Makes a key store for the DataNodes and a trust store for the clients, and points
	 * the nodes at the first.
	 */
	private Path makeCertificates(Builder builder) {
		Path folder = this.directory.resolve("tls");
		Path keyStore = folder.resolve("server.jks");
		Path certificate = folder.resolve("server.crt");
		Path trust = folder.resolve("trust.p12");
		String password = this.storePassword;
		try {
			Files.createDirectories(folder);
			keytool("-genkeypair", "-alias", "iotdb", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
					"-dname", "CN=" + commonName(builder.certificateNames.get(0)), "-ext",
					"SAN=" + String.join(",", builder.certificateNames), "-keystore", keyStore.toString(), "-storetype",
					"JKS", "-storepass", password, "-keypass", password);
			keytool("-exportcert", "-alias", "iotdb", "-keystore", keyStore.toString(), "-storepass", password, "-file",
					certificate.toString());
			keytool("-importcert", "-noprompt", "-alias", "iotdb", "-file", certificate.toString(), "-keystore",
					trust.toString(), "-storetype", "PKCS12", "-storepass", password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make the cluster's certificates in " + folder, ex);
		}
		builder.property("enable_thrift_ssl", "true");
		builder.property("key_store_path", keyStore.toString());
		builder.property("key_store_pwd", password);
		return trust;
	}

	private static String commonName(String name) {
		return name.substring(name.indexOf(':') + 1);
	}

	private static void keytool(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (process.waitFor() != 0) {
				throw new IOException("keytool " + arguments[0] + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while running keytool", ex);
		}
	}

	private void writeConfiguration(Builder builder) {
		String cluster = this.directory.getFileName().toString();
		String seed = "127.0.0.1:" + this.configNode.internalPort();
		Map<String, String> common = new LinkedHashMap<>();
		common.put("cluster_name", cluster);
		common.put("schema_replication_factor", "1");
		common.put("data_replication_factor", String.valueOf(builder.dataReplicationFactor));
		Map<String, String> config = new LinkedHashMap<>(common);
		config.put("cn_seed_config_node", seed);
		config.put("cn_internal_address", "127.0.0.1");
		this.configNode.ports().forEach((key, port) -> config.put(key, String.valueOf(port)));
		config.putAll(this.properties);
		writeNodeFiles(this.configNode, config);
		for (IoTDBNode node : this.dataNodes) {
			Map<String, String> data = new LinkedHashMap<>(common);
			data.put("dn_seed_config_node", seed);
			data.put("dn_rpc_address", "127.0.0.1");
			data.put("dn_internal_address", "127.0.0.1");
			node.ports().forEach((key, port) -> data.put(key, String.valueOf(port)));
			data.putAll(this.properties);
			writeNodeFiles(node, data);
		}
	}

	private static void writeNodeFiles(IoTDBNode node, Map<String, String> properties) {
		Path conf = node.home().resolve("conf");
		StringBuilder text = new StringBuilder();
		properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		String logback = """
				<configuration>
				  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
				    <file>%s</file>
				    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{36} - %%msg%%n</pattern></encoder>
				  </appender>
				  <root level="INFO"><appender-ref ref="FILE"/></root>
				</configuration>
				""".formatted(node.logFile());
		try {
			Files.createDirectories(conf);
			Files.createDirectories(node.logFile().getParent());
			Files.writeString(conf.resolve("iotdb-system.properties"), text, StandardCharsets.UTF_8);
			Files.writeString(conf.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the configuration of " + node.name(), ex);
		}
	}

	private static void deleteData(Path home) {
		for (String folder : List.of("data", "ext")) {
			Path root = home.resolve(folder);
			if (!Files.exists(root)) {
				continue;
			}
			try (Stream<Path> paths = Files.walk(root)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException | UncheckedIOException ex) {
				logger.debug("Could not delete {}: {}", root, ex.getMessage());
			}
		}
	}

	private static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			InetAddress loopback = InetAddress.getLoopbackAddress();
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, loopback);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot find free ports", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// the port is released either way
				}
			}
		}
	}

	private static String ownLocation() {
		try {
			return Path.of(NodeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("cannot locate the test support classes", ex);
		}
	}

	private static Path cacheDirectory() {
		String configured = System.getProperty("iotdb.test.cache-dir");
		return (configured != null) ? Path.of(configured)
				: Path.of(System.getProperty("java.io.tmpdir"), "iotdb-table-test");
	}

	@Override
	public String toString() {
		return "IoTDBCluster{version=" + this.version + ", nodeUrls=" + nodeUrls() + ", directory=" + this.directory
				+ "}";
	}

	/**
	 * Describes an {@link IoTDBCluster}.
	 */
	public static final class Builder {

		private String version = DEFAULT_VERSION;

		private int dataNodes = 1;

		private int dataReplicationFactor = 1;

		private final Map<String, String> properties = new LinkedHashMap<>();

		private Path workDirectory = Path.of(System.getProperty("iotdb.test.work-dir", "target/iotdb"));

		private Duration startTimeout = Duration.ofMinutes(2);

		private String configNodeHeap = "512m";

		private String dataNodeHeap = "1g";

		private boolean tls;

		private List<String> certificateNames = List.of(LOOPBACK_IP, "dns:localhost");

		private String rootPassword = TableSessionConfig.DEFAULT_PASSWORD;

		private Builder() {
		}

		/**
		 * The password {@code root} is given once the nodes run, instead of the server's
		 * default {@code root}, so that tests can check it never shows;
		 * {@link IoTDBCluster#sessionConfig()} and {@link IoTDBCluster#poolConfig()} use
		 * it. Letters, digits, {@code -} and {@code _}, at least 4 characters.
		 */
		public Builder rootPassword(String password) {
			if (password == null || !password.matches("[A-Za-z0-9_-]{4,32}")) {
				throw new IllegalArgumentException("the root password must be 4 to 32 letters, digits, '-' or '_'");
			}
			this.rootPassword = password;
			return this;
		}

		/**
		 * Serves clients over TLS only, with a self-signed certificate made for the
		 * cluster (by the JDK's {@code keytool}) whose subject alternative names are
		 * {@code ip:127.0.0.1} and {@code dns:localhost}, so that host name verification
		 * passes; {@link IoTDBCluster#sessionConfig()} trusts it.
		 */
		public Builder tls() {
			this.tls = true;
			return this;
		}

		/**
		 * Serves clients over TLS only, like {@link #tls()}, with a certificate whose
		 * subject alternative names are the given ones instead of {@code ip:127.0.0.1}
		 * and {@code dns:localhost}: e.g. {@code dns:db.example} for a certificate that
		 * does not name the address clients connect to. Sessions of
		 * {@link IoTDBCluster#sessionConfig()} still verify the host name; the cluster's
		 * own sessions do not when the names lack {@code ip:127.0.0.1}.
		 * @param names {@code dns:} or {@code ip:} names, at least one
		 */
		public Builder tls(String... names) {
			if (names.length == 0) {
				throw new IllegalArgumentException("a certificate needs at least one name");
			}
			for (String name : names) {
				if (name == null || !name.matches("(dns|ip):[A-Za-z0-9.:-]+")) {
					throw new IllegalArgumentException(
							"certificate name '" + name + "' must be dns:<name> or ip:<address>");
				}
			}
			this.tls = true;
			this.certificateNames = List.of(names);
			return this;
		}

		/**
		 * The server version; its jars must be on Maven Central. Default
		 * {@value IoTDBCluster#DEFAULT_VERSION}.
		 */
		public Builder version(String version) {
			this.version = version;
			return this;
		}

		/** The number of DataNodes, 1 by default. */
		public Builder dataNodes(int dataNodes) {
			if (dataNodes < 1) {
				throw new IllegalArgumentException("a cluster needs at least one DataNode, was " + dataNodes);
			}
			this.dataNodes = dataNodes;
			return this;
		}

		/**
		 * How many DataNodes hold each piece of data, 1 by default; at most the number of
		 * DataNodes.
		 */
		public Builder dataReplicationFactor(int factor) {
			if (factor < 1) {
				throw new IllegalArgumentException("the replication factor must be positive, was " + factor);
			}
			this.dataReplicationFactor = factor;
			return this;
		}

		/**
		 * Adds an {@code iotdb-system.properties} entry for every node, e.g. to enable
		 * RPC compression or SSL.
		 */
		public Builder property(String key, String value) {
			this.properties.put(key, value);
			return this;
		}

		/** Adds {@code iotdb-system.properties} entries for every node. */
		public Builder properties(Map<String, String> properties) {
			this.properties.putAll(properties);
			return this;
		}

		/**
		 * The folder under which the cluster's folder is made, {@code target/iotdb} by
		 * default.
		 */
		public Builder workDirectory(Path workDirectory) {
			this.workDirectory = workDirectory;
			return this;
		}

		/**
		 * How long {@link IoTDBCluster#start()} waits for the nodes, 2 minutes by
		 * default.
		 */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
			return this;
		}

		/** The heap of the ConfigNode JVM, {@code 512m} by default. */
		public Builder configNodeHeap(String heap) {
			this.configNodeHeap = heap;
			return this;
		}

		/** The heap of each DataNode JVM, {@code 1g} by default. */
		public Builder dataNodeHeap(String heap) {
			this.dataNodeHeap = heap;
			return this;
		}

		/**
		 * Creates the cluster's folder and configuration, without starting anything.
		 * @return the cluster
		 */
		public IoTDBCluster build() {
			if (this.dataReplicationFactor > this.dataNodes) {
				throw new IllegalArgumentException("data replication factor " + this.dataReplicationFactor
						+ " needs as many DataNodes, but the cluster has " + this.dataNodes);
			}
			return new IoTDBCluster(this);
		}

	}

}
