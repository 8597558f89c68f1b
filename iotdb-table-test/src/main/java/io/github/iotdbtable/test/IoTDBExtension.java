package io.github.iotdbtable.test;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.TableSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit 5 extension behind {@link IoTDBTest}: starts clusters (one per shape, kept in
 * the root store and stopped when the test run ends), and creates and drops a database
 * per test class.
 *
 * @since 0.1.0
 */
public final class IoTDBExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final Logger logger = LoggerFactory.getLogger(IoTDBExtension.class);

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IoTDBExtension.class);

	private static final AtomicInteger databases = new AtomicInteger();

	/**
	 * The root password of every cluster of the test run: distinctive, so that a test can
	 * search logs and messages for it, and so that nothing works by relying on the
	 * server's default.
	 */
	private static final String PASSWORD = "Pw-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

	@Override
	public void beforeAll(ExtensionContext context) {
		IoTDBTest settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), IoTDBTest.class)
			.orElseThrow(() -> new IllegalStateException("@IoTDBTest is missing on " + context.getRequiredTestClass()));
		Shape shape = Shape.of(settings);
		IoTDBCluster cluster;
		if (settings.isolated()) {
			cluster = context.getStore(NAMESPACE)
				.computeIfAbsent(IoTDBCluster.class, (key) -> shape.start(), IoTDBCluster.class);
		}
		else {
			cluster = context.getRoot().getStore(NAMESPACE).computeIfAbsent(shape, Shape::start, IoTDBCluster.class);
		}
		String name = databaseName(context.getRequiredTestClass());
		try (TableSession session = cluster.openSession()) {
			session.executeNonQueryStatement("CREATE DATABASE " + name);
		}
		context.getStore(NAMESPACE).put(TestDatabase.class, new TestDatabase(name, cluster));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		TestDatabase database = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
		if (database == null || !database.cluster().dataNodes().stream().anyMatch(IoTDBNode::isRunning)) {
			return;
		}
		try (TableSession session = database.cluster().openSession()) {
			session.executeNonQueryStatement("DROP DATABASE IF EXISTS " + database.name());
		}
		catch (IoTDBException ex) {
			logger.warn("Could not drop test database {}: {}", database.name(), ex.getMessage());
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == IoTDBCluster.class || type == TestDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		TestDatabase database = extensionContext.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
		if (database == null) {
			throw new ParameterResolutionException("no IoTDB test database: is the class annotated with @IoTDBTest?");
		}
		return (parameterContext.getParameter().getType() == IoTDBCluster.class) ? database.cluster() : database;
	}

	private static String databaseName(Class<?> testClass) {
		String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
		if (base.length() > 40) {
			base = base.substring(0, 40);
		}
		return "t_" + base + "_" + databases.incrementAndGet();
	}

	/** What makes two test classes able to share a cluster. */
	private record Shape(int dataNodes, int dataReplicationFactor, Map<String, String> properties, boolean tls) {

		static Shape of(IoTDBTest settings) {
			Map<String, String> properties = new TreeMap<>();
			for (String entry : settings.properties()) {
				int equals = entry.indexOf('=');
				if (equals <= 0) {
					throw new IllegalArgumentException("@IoTDBTest property '" + entry + "' must be key=value");
				}
				properties.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
			}
			return new Shape(settings.dataNodes(), settings.dataReplicationFactor(), properties, settings.tls());
		}

		IoTDBCluster start() {
			IoTDBCluster.Builder builder = IoTDBCluster.builder()
				.dataNodes(this.dataNodes)
				.dataReplicationFactor(this.dataReplicationFactor)
				.properties(this.properties)
				.rootPassword(PASSWORD);
			if (this.tls) {
				builder.tls();
			}
			return builder.build().start();
		}

	}

}
