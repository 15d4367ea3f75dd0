package org.clinicledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.clinicledger.crypto.Aead;
import org.clinicledger.crypto.ChunkedAead;
import org.clinicledger.crypto.KeyWrap;
import org.clinicledger.crypto.Shamir;
import org.clinicledger.crypto.X25519;
import org.clinicledger.ledger.Ledger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of {@code docs/ARCHITECTURE.md}, enforced: dependencies point downwards only, the two
 * faces (window and command line) reach the rest only through the {@code clinic} services and
 * {@code domain} types, key material is handled only in {@code custody}, and SQL only in {@code store}.
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
                        "org.clinicledger.clinic..", "org.clinicledger.custody..", "org.clinicledger.exchange..",
                        "org.clinicledger.cli..",
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
                .layer("Custody").definedBy("org.clinicledger.custody..")
                .layer("Ledger").definedBy("org.clinicledger.ledger..")
                .layer("Exchange").definedBy("org.clinicledger.exchange..")
                .layer("Store").definedBy("org.clinicledger.store..")
                .layer("Crypto").definedBy("org.clinicledger.crypto..")
                .layer("Domain").definedBy("org.clinicledger.domain..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("UI").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("CLI").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Clinic").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI")
                .whereLayer("Custody").mayOnlyBeAccessedByLayers("Clinic")
                .whereLayer("Ledger").mayOnlyBeAccessedByLayers("Clinic", "Custody", "Exchange")
                .whereLayer("Exchange").mayOnlyBeAccessedByLayers("Clinic", "Custody")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Ledger", "Exchange", "Custody", "Clinic")
                .whereLayer("Crypto").mayOnlyBeAccessedByLayers("Store", "Ledger", "Exchange", "Custody", "Clinic")
                .withOptionalLayers(true);
        rule.check(production);
    }

    @Test
    void onlyCustodyHandlesKeyMaterial() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.clinicledger.custody..", "org.clinicledger.crypto..")
                .should().dependOnClassesThat().belongToAnyOf(KeyWrap.class, Aead.class, ChunkedAead.class, X25519.class,
                        Shamir.class)
                .because("sealing, wrapping and opening keys has one home: custody");
        rule.check(production);
    }

    @Test
    void onlyTheStoreSpeaksSql() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.clinicledger.store..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("the store turns SQL and its failures into units of work and storage failures, once");
        rule.check(production);
    }

    @Test
    void onlyTheCommandLinePrints() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.clinicledger.cli..")
                .and().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("the window shows messages in dialogs and everything else logs");
        rule.check(production);
    }

    @Test
    void theLedgersPublicApiNamesNoStoreType() {
        List<String> leaks = new ArrayList<>();
        for (Method method : Ledger.class.getMethods()) {
            if (method.getDeclaringClass() != Ledger.class) {
                continue;
            }
            List<Class<?>> types = new ArrayList<>(List.of(method.getParameterTypes()));
            types.add(method.getReturnType());
            types.stream().filter(ArchitectureTest::isStoreType).forEach(type -> leaks.add(method + " names " + type));
        }
        for (Constructor<?> constructor : Ledger.class.getConstructors()) {
            Arrays.stream(constructor.getParameterTypes()).filter(ArchitectureTest::isStoreType)
                    .forEach(type -> leaks.add(constructor + " names " + type));
        }
        assertThat(leaks).as("the ledger works inside the caller's unit of work, whatever stores it").isEmpty();
    }

    private static boolean isStoreType(Class<?> type) {
        return type.getName().startsWith("org.clinicledger.store.") || type.getName().startsWith("java.sql.");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.clinicledger.(*)..").should().beFreeOfCycles().check(production);
    }
}
