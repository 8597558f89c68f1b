package io.github.iotdbtable.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of an {@link IoTDBCluster}: a child JVM with a home folder (configuration,
 * data and logs) that survives {@link #stop()}, {@link #kill()} and {@link #start()}, so
 * a restarted node comes back with its data and ports.
 *
 * @since 0.1.0
 */
public final class IoTDBNode {

	private static final Logger logger = LoggerFactory.getLogger(IoTDBNode.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final List<String> JVM_OPENS = List.of("java.base/java.lang", "java.base/java.util",
			"java.base/java.util.concurrent", "java.base/java.nio", "java.base/java.io", "java.base/java.net");

	/** The kinds of node. */
	public enum Kind {

		/** Holds the cluster's metadata. */
		CONFIG_NODE,

		/** Stores data and serves clients. */
		DATA_NODE

	}

	private final IoTDBCluster cluster;

	private final Kind kind;

	private final String name;

	private final Path home;

	private final Map<String, Integer> ports;

	private final String heap;

	private volatile @Nullable Process process;

	IoTDBNode(IoTDBCluster cluster, Kind kind, String name, Path home, Map<String, Integer> ports, String heap) {
		this.cluster = cluster;
		this.kind = kind;
		this.name = name;
		this.home = home;
		this.ports = Map.copyOf(ports);
		this.heap = heap;
	}

	public Kind kind() {
		return this.kind;
	}

	/** The node's name in logs and errors, such as {@code datanode-1}. */
	public String name() {
		return this.name;
	}

	/** The node's home folder: {@code conf/}, {@code data/}, {@code logs/}. */
	public Path home() {
		return this.home;
	}

	/** The node's log file. */
	public Path logFile() {
		return this.home.resolve("logs").resolve("node.log");
	}

	/**
	 * The client RPC port of a DataNode.
	 * @return the port
	 * @throws IllegalStateException for the ConfigNode
	 */
	public int rpcPort() {
		return port("dn_rpc_port", "client port");
	}

	/** The client url of a DataNode, {@code 127.0.0.1:port}. */
	public String nodeUrl() {
		return "127.0.0.1:" + rpcPort();
	}

	int internalPort() {
		return port((this.kind == Kind.CONFIG_NODE) ? "cn_internal_port" : "dn_internal_port", "internal port");
	}

	private int port(String key, String what) {
		Integer port = this.ports.get(key);
		if (port == null) {
			throw new IllegalStateException(this.name + " has no " + what);
		}
		return port;
	}

	Map<String, Integer> ports() {
		return this.ports;
	}

	/** Whether the node's process is alive. */
	public boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/** The process id, or -1 when the node is not running. */
	public long pid() {
		Process current = this.process;
		return (current != null && current.isAlive()) ? current.pid() : -1;
	}

	/**
	 * Starts the node again on its folder and ports, and waits until the cluster reports
	 * it running.
	 * @throws IllegalStateException when the node does not come up; the message shows the
	 * end of its log
	 */
	public void start() {
		launch();
		this.cluster.awaitReady();
	}

	/** Stops the node gracefully (SIGTERM), forcibly after 30 s. Its folder is kept. */
	public void stop() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		current.destroy();
		try {
			if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("{} did not stop within {}; killing it", this.name, STOP_TIMEOUT);
				current.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		logger.info("Stopped {} (pid {})", this.name, current.pid());
	}

	/** Kills the node at once (SIGKILL), as a crash would. Its folder is kept. */
	public void kill() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		current.destroyForcibly();
		try {
			current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.info("Killed {} (pid {})", this.name, current.pid());
	}

	/** Stops the node and starts it again on the same folder and ports. */
	public void restart() {
		stop();
		start();
	}

	synchronized void launch() {
		if (isRunning()) {
			return;
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xms" + this.heap);
		command.add("-Xmx" + this.heap);
		command.add("-XX:MaxDirectMemorySize=256m");
		for (String open : JVM_OPENS) {
			command.add("--add-opens=" + open + "=ALL-UNNAMED");
		}
		Path conf = this.home.resolve("conf");
		command.add("-Dlogback.configurationFile=" + conf.resolve("logback.xml"));
		command.add("-D" + NodeMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
		String mainClass;
		if (this.kind == Kind.CONFIG_NODE) {
			command.add("-DCONFIGNODE_HOME=" + this.home);
			command.add("-DCONFIGNODE_CONF=" + conf);
			mainClass = "org.apache.iotdb.confignode.service.ConfigNode";
		}
		else {
			command.add("-DIOTDB_HOME=" + this.home);
			command.add("-DIOTDB_CONF=" + conf);
			command.add("-DIOTDB_DATA_HOME=" + this.home);
			mainClass = "org.apache.iotdb.db.service.DataNode";
		}
		command.add("-cp");
		command.add(this.cluster.nodeClasspath());
		command.add(NodeMain.class.getName());
		command.add(mainClass);
		command.add("-s");
		Path stdout = this.home.resolve("logs").resolve("stdout.log");
		try {
			Files.createDirectories(stdout.getParent());
			this.process = new ProcessBuilder(command).directory(this.home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + this.name + ": " + ex.getMessage(), ex);
		}
		logger.info("Started {} (pid {}) in {}", this.name, this.process.pid(), this.home);
	}

	/** The end of the node's logs, for error messages. */
	String logTail() {
		return "--- " + this.name + " " + logFile() + " ---\n" + NodeLogs.tail(logFile(), 25) + "\n--- " + this.name
				+ " stdout ---\n" + NodeLogs.tail(this.home.resolve("logs").resolve("stdout.log"), 10);
	}

	@Nullable Integer exitCode() {
		Process current = this.process;
		return (current != null && !current.isAlive()) ? current.exitValue() : null;
	}

	@Override
	public String toString() {
		return this.name + (isRunning() ? " (pid " + pid() + ")" : " (stopped)");
	}

}
