package io.github.iotdbtable.spring;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Spring layer sits on the client's public API. The template code ({@code core}) is
 * plain Spring, below Spring Boot: the auto-configuration uses it, never the other way
 * round.
 */
class LayeringTests {

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

}
