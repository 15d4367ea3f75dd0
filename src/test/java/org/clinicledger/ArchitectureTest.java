package org.clinicledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md, enforced: dependencies point downwards only, and the two faces (window
 * and command line) reach the rest only through the {@code clinic} services and {@code domain} types.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.clinicledger");
    }

    @Test
    void nothingOutsideTheUserInterfaceUsesJavaFx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.clinicledger.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..");
        rule.check(production);
    }

    @Test
    void theDomainDependsOnNothingOfOurs() {
        ArchRule rule = classes().that().resideInAPackage("org.clinicledger.domain..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                        "org.clinicledger.crypto..", "org.clinicledger.store..", "org.clinicledger.ledger..",
                        "org.clinicledger.clinic..", "org.clinicledger.exchange..", "org.clinicledger.cli..",
                        "org.clinicledger.ui..")
                .andShould().onlyDependOnClassesThat().resideOutsideOfPackage("org.clinicledger")
                .allowEmptyShould(true);
        rule.check(production);
    }

    @Test
    void layersDependDownwardsOnly() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("org.clinicledger..")
                .layer("Launcher").definedBy("org.clinicledger")
                .layer("UI").definedBy("org.clinicledger.ui..")
                .layer("CLI").definedBy("org.clinicledger.cli..")
                .layer("Clinic").definedBy("org.clinicledger.clinic..")
                .layer("Ledger").definedBy("org.clinicledger.ledger..")
                .layer("Exchange").definedBy("org.clinicledger.exchange..")
                .layer("Store").definedBy("org.clinicledger.store..")
                .layer("Crypto").definedBy("org.clinicledger.crypto..")
                .layer("Domain").definedBy("org.clinicledger.domain..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("UI").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("CLI").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Clinic").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI")
                .whereLayer("Ledger").mayOnlyBeAccessedByLayers("Clinic", "Exchange")
                .whereLayer("Exchange").mayOnlyBeAccessedByLayers("Clinic")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Ledger", "Exchange", "Clinic")
                .whereLayer("Crypto").mayOnlyBeAccessedByLayers("Store", "Ledger", "Exchange", "Clinic")
                .withOptionalLayers(true);
        rule.check(production);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.clinicledger.(*)..").should().beFreeOfCycles().check(production);
    }
}
