package io.github.iotdbtable.test;

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
 * The test launcher is a client of the public API. This module also holds the client's
 * real-server tests, in the client's packages: those may look at the wire layer, as the
 * client's own tests do.
 */
class LayeringTests {

	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	private static final JavaClasses CLASSES = new ClassFileImporter().importPaths(Path.of("target", "classes"),
			Path.of("target", "test-classes"));

	@Test
	void onlyTheClientsTestsReachIntoTheWireLayer() {
		noClasses().that()
			.resideOutsideOfPackage("io.github.iotdbtable.client..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.iotdbtable.client.rpc..")
			.check(CLASSES);
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
