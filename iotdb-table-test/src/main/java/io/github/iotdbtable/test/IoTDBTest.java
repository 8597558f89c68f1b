package io.github.iotdbtable.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real IoTDB. Test methods, constructors and lifecycle
 * methods may take an {@link IoTDBCluster} and a {@link TestDatabase} parameter: the
 * cluster is shared by every class of the test run that asks for the same shape, the
 * database is created for this class alone and dropped after it. The clusters' root
 * password is a random one per test run: take credentials from
 * {@link IoTDBCluster#sessionConfig()}, {@link IoTDBCluster#poolConfig()} or
 * {@link IoTDBCluster#password()}.
 *
 * <pre class="code">
 * &#64;IoTDBTest
 * class SensorRepositoryTests {
 *
 *     &#64;Test
 *     void writesAndReads(TestDatabase database) {
 *         try (TableSession session = database.openSession()) {
 *             ...
 *         }
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IoTDBExtension.class)
public @interface IoTDBTest {

	/** The number of DataNodes. */
	int dataNodes() default 1;

	/** How many DataNodes hold each piece of data. */
	int dataReplicationFactor() default 1;

	/** Extra {@code iotdb-system.properties} entries, each {@code key=value}. */
	String[] properties() default {};

	/** Whether clients connect over TLS, see {@link IoTDBCluster.Builder#tls()}. */
	boolean tls() default false;

	/**
	 * Whether the class gets a cluster of its own, stopped after the class: for tests
	 * that stop, kill or restart nodes.
	 */
	boolean isolated() default false;

}
