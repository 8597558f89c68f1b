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
 * The template is plain Spring on the client's public API: usable in any Spring
 * application, as spring-jdbc is, with Spring Boot above it and never below.
 */
class LayeringTests {

	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	@Test
	void templateCodeUsesNoSpringBoot() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(MAIN);
	}

	@Test
	void templateCodeUsesOnlyTheClientsPublicApi() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.github.iotdbtable.client.rpc..", "io.github.iotdbtable.client.pool..")
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

}
