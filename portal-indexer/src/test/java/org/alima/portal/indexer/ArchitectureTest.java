package org.alima.portal.indexer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Module rules that review should not have to police by eye. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.alima.portal.indexer");
    }

    @Test
    void indexerNeverDependsOnTheApiOrTheWeb() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.alima.portal.api..", "io.micronaut..")
                .check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.alima.portal.indexer.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void extractionAndSearchNeverDependOnTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.alima.portal.indexer.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.alima.portal.indexer.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToTheConsole() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.alima.portal.indexer.cli..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because("libraries log through SLF4J; only the command line talks to the terminal")
                .check(classes);
    }

    @Test
    void noGenericExceptionsAndNoJavaUtilLogging() {
        NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("org.alima.portal.indexer.cli..")
                .should(USE_JAVA_UTIL_LOGGING)
                .check(classes);
    }
}
