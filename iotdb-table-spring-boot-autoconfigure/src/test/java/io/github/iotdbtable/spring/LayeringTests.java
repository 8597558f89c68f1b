package io.github.iotdbtable.spring;

import java.nio.file.Path;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Spring Boot layer sits on the client's public API and the template module. The
 * health indicator and the meter binder are usable without the auto-configuration that
 * creates them.
 */
class LayeringTests {

	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	private static final JavaClasses CLASSES = new ClassFileImporter().importPaths(Path.of("target", "classes"),
			Path.of("target", "test-classes"));

	@Test
	void indicatorAndBinderAreBelowTheirAutoConfiguration() {
		noClasses().that()
			.resideInAnyPackage("io.github.iotdbtable.spring.health..", "io.github.iotdbtable.spring.metrics..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.iotdbtable.spring.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void nothingReachesIntoTheClientsWireLayer() {
		noClasses().should().dependOnClassesThat().resideInAPackage("io.github.iotdbtable.client.rpc..").check(CLASSES);
	}

	@Test
	void nullnessIsCheckedInEveryPackage() {
		// NullAway checks @NullMarked packages only: a package without it would go
		// unchecked
		classes().should(ArchCondition.from(DescribedPredicate.describe("be in a @NullMarked package",
				(type) -> type.getPackage().isAnnotatedWith(NullMarked.class))))
			.check(MAIN);
	}

}
