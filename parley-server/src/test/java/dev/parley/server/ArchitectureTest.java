package dev.parley.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The seams of ARCHITECTURE.md §5: dependencies point inward, the core knows no framework or wire format. */
class ArchitectureTest {
    private static final JavaClasses PARLEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley");

    @Test
    void coreUsesOnlyTheJdk() {
        classes().that().resideInAPackage("dev.parley.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.parley.core..", "java..", "javax.crypto..")
                .check(PARLEY);
    }

    @Test
    void protocolDoesNotSeeTheCoreOrTheServer() {
        noClasses().that().resideInAPackage("dev.parley.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.core..", "dev.parley.server..",
                        "dev.parley.store..")
                .check(PARLEY);
    }

    @Test
    void storesDoNotSeeTheGatewayOrTheWire() {
        noClasses().that().resideInAPackage("dev.parley.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.server..", "dev.parley.protocol..",
                        "io.netty..")
                .check(PARLEY);
    }
}
