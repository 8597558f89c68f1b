package io.github.iotdbtable.spring.embedded;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The embedded server's configuration uses the client's public API only.
 */
class LayeringTests {

	private static final JavaClasses CLASSES = new ClassFileImporter().importPaths(Path.of("target", "classes"),
			Path.of("target", "test-classes"));

	@Test
	void nothingReachesIntoTheClientsWireLayer() {
		noClasses().should().dependOnClassesThat().resideInAPackage("io.github.iotdbtable.client.rpc..").check(CLASSES);
	}

}
