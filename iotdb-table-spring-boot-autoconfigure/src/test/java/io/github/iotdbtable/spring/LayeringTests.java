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
 * The Spring layer sits on the client's public API. The template code ({@code core}) is
 * plain Spring, below Spring Boot: the auto-configuration uses it, never the other way
 * round.
 */
class LayeringTests {

	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	private static final JavaClasses CLASSES = new ClassFileImporter().importPaths(Path.of("target", "classes"),
			Path.of("target", "test-classes"));

	@Test
	void templateCodeUsesNoAutoConfigurationNorSpringBoot() {
		noClasses().that()
			.resideInAPackage("io.github.iotdbtable.spring.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.github.iotdbtable.spring.autoconfigure..", "io.github.iotdbtable.spring.health..",
					"io.github.iotdbtable.spring.metrics..", "org.springframework.boot..")
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
