package io.github.iotdbtable.test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the jars of an IoTDB server release. Maven resolves {@code iotdb-confignode} and
 * {@code iotdb-server} with their dependencies into the local repository (once; later
 * runs find them there) and writes the class path to a file; the jars are never put on
 * the caller's own class path.
 *
 * <p>
 * The system property {@value #CLASSPATH_PROPERTY} may name a file holding a class path
 * instead.
 */
final class ServerClasspath {

	static final String CLASSPATH_PROPERTY = "iotdb.server.classpath";

	private static final Logger logger = LoggerFactory.getLogger(ServerClasspath.class);

	private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0";

	private ServerClasspath() {
	}

	static synchronized List<Path> resolve(String version, Path cacheDirectory) {
		String given = System.getProperty(CLASSPATH_PROPERTY);
		if (given != null && !given.isBlank()) {
			List<Path> jars = read(Path.of(given));
			if (jars == null) {
				throw new IllegalStateException(
						CLASSPATH_PROPERTY + " names " + given + ", which is no readable list of existing jars");
			}
			return jars;
		}
		Path directory = cacheDirectory.resolve("iotdb-server-" + version);
		Path classpathFile = directory.resolve("classpath.txt");
		List<Path> cached = read(classpathFile);
		if (cached != null) {
			return cached;
		}
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve("pom.xml"), pom(version), StandardCharsets.UTF_8);
			Path output = directory.resolve("classpath.tmp");
			runMaven(directory, output);
			Files.move(output, classpathFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot resolve IoTDB " + version + " with Maven in " + directory, ex);
		}
		List<Path> resolved = read(classpathFile);
		if (resolved == null) {
			throw new IllegalStateException(
					"Maven resolved IoTDB " + version + " but " + classpathFile + " does not list existing jars");
		}
		return resolved;
	}

	private static @Nullable List<Path> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8).trim();
			if (text.isEmpty()) {
				return null;
			}
			List<Path> jars = new ArrayList<>();
			for (String entry : text.split(File.pathSeparator, -1)) {
				Path jar = Path.of(entry);
				if (!Files.isRegularFile(jar)) {
					return null;
				}
				jars.add(jar);
			}
			return jars;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void runMaven(Path directory, Path output) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(mavenExecutable());
		command.add("-B");
		command.add("-q");
		String localRepository = System.getProperty("maven.repo.local");
		if (localRepository != null && !localRepository.isBlank()) {
			command.add("-Dmaven.repo.local=" + localRepository);
		}
		command.add(DEPENDENCY_PLUGIN + ":build-classpath");
		command.add("-Dmdep.outputFile=" + output.toAbsolutePath());
		command.add("-Dmdep.includeScope=runtime");
		Path log = directory.resolve("maven.log");
		logger.info("Resolving the IoTDB server jars with Maven (first run only, log in {})", log);
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!process.waitFor(15, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IOException("Maven took longer than 15 minutes; see " + log);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while Maven resolved the server", ex);
		}
		if (process.exitValue() != 0) {
			throw new IOException("Maven failed with exit code " + process.exitValue() + ": " + NodeLogs.tail(log, 30)
					+ "\n(command: " + String.join(" ", command) + ")");
		}
	}

	private static String mavenExecutable() {
		boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
		String name = windows ? "mvn.cmd" : "mvn";
		for (String home : new String[] { System.getProperty("maven.home"), System.getenv("MAVEN_HOME") }) {
			if (home != null && !home.isBlank()) {
				Path candidate = Path.of(home, "bin", name);
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		return name;
	}

	private static String pom(String version) {
		return """
				<project xmlns="http://maven.apache.org/POM/4.0.0">
				  <modelVersion>4.0.0</modelVersion>
				  <groupId>local.iotdb-table-test</groupId>
				  <artifactId>iotdb-server-classpath</artifactId>
				  <version>1</version>
				  <packaging>pom</packaging>
				  <dependencies>
				    <dependency>
				      <groupId>org.apache.iotdb</groupId>
				      <artifactId>iotdb-confignode</artifactId>
				      <version>%1$s</version>
				    </dependency>
				    <dependency>
				      <groupId>org.apache.iotdb</groupId>
				      <artifactId>iotdb-server</artifactId>
				      <version>%1$s</version>
				    </dependency>
				  </dependencies>
				</project>
				""".formatted(version);
	}

}
