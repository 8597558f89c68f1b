package io.github.iotdbtable.client;

import java.nio.file.Path;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The client's layers, wire ({@code rpc}) then session then pool then writer, checked on
 * its main classes. The pool's mechanics live in {@code pool}, below everything else of
 * the client; the pool that users see and its session wrapper share the client package
 * with the sessions. A change that breaks a rule changes the design: change the rule with
 * it, on purpose.
 */
class LayeringTests {

	/** This module's own classes only, not those of the jars or modules it uses. */
	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	/**
	 * The pool's classes in the client package, which it shares with the session's;
	 * nested classes belong to their outermost class.
	 */
	private static final Set<String> POOL = Set.of("TableSessionPool", "TableSessionPoolConfig",
			"TableSessionPoolListener", "TableSessionPoolStats", "PooledTableSession", "PoolEntry",
			"PoolTimeoutException", "NodeSelector", "LeaderCache", "SessionFactory", "SafeListener", "PoolListeners",
			"InsertRouter", "Retrier", "RetryPolicy", "DefaultRetryPolicy");

	/** The batching writer's classes, on top of the pool. */
	private static final Set<String> WRITER = Set.of("TableWriter", "TableWriterConfig", "TableWriterListener",
			"TableWriterStats", "TableDefinition", "WriteFailureHandler", "WriterFullException", "WriterBatch");

	private static final DescribedPredicate<JavaClass> WRITER_CLASSES = DescribedPredicate
		.describe("belong to the writer", (type) -> type.getPackageName().equals("io.github.iotdbtable.client")
				&& WRITER.contains(outermost(type).getSimpleName()));

	private static final DescribedPredicate<JavaClass> POOL_CLASSES = DescribedPredicate.describe("belong to the pool",
			(type) -> resideInAPackage("io.github.iotdbtable.client.pool..").test(type)
					|| (type.getPackageName().equals("io.github.iotdbtable.client")
							&& POOL.contains(outermost(type).getSimpleName())));

	@Test
	void wireLayerUsesNothingAboveIt() {
		noClasses().that()
			.resideInAPackage("io.github.iotdbtable.client.rpc..")
			.should()
			.dependOnClassesThat(resideInAPackage("io.github.iotdbtable..")
				.and(not(resideInAPackage("io.github.iotdbtable.client.rpc.."))))
			.check(MAIN);
	}

	@Test
	void poolMechanicsUseNothingOfTheClient() {
		noClasses().that()
			.resideInAPackage("io.github.iotdbtable.client.pool..")
			.should()
			.dependOnClassesThat(resideInAPackage("io.github.iotdbtable..")
				.and(not(resideInAPackage("io.github.iotdbtable.client.pool.."))))
			.check(MAIN);
	}

	@Test
	void sessionsNeverUseThePool() {
		noClasses().that()
			.resideInAPackage("io.github.iotdbtable.client")
			.and(not(POOL_CLASSES))
			.and(not(WRITER_CLASSES))
			.should()
			.dependOnClassesThat(POOL_CLASSES)
			.check(MAIN);
	}

	@Test
	void onlyTheWriterUsesTheWriter() {
		noClasses().that()
			.resideInAPackage("io.github.iotdbtable.client..")
			.and(not(WRITER_CLASSES))
			.should()
			.dependOnClassesThat(WRITER_CLASSES)
			.check(MAIN);
	}

	@Test
	void clientUsesNothingFromSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(MAIN);
	}

	@Test
	void clientUsesOnlyTheJdkThriftSlf4jAndJSpecify() {
		classes().should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("io.github.iotdbtable.client..", "java..", "javax..", "org.apache.thrift..",
					"org.slf4j..", "org.jspecify..")
			.check(MAIN);
	}

	@Test
	void nullnessIsCheckedInEveryPackage() {
		// NullAway checks @NullMarked packages only: a package without it would go
		// unchecked
		classes().should(ArchCondition.from(DescribedPredicate.describe("be in a @NullMarked package",
				(type) -> type.getPackage().isAnnotatedWith(NullMarked.class))))
			.check(MAIN);
	}

	private static JavaClass outermost(JavaClass type) {
		JavaClass outer = type;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return outer;
	}

}
