package org.alima.portal.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module's rules, held by the build rather than by review. Who may write to the console is forbidden-apis's rule
 * ({@code .forbidden/portal.txt}), for every module.
 */
class ArchitectureTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.alima.portal.api");

    @Test
    void systemConventionsKnowNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("..api.system..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..api.documents..", "..api.indexing..", "..api.files..")
                .check(API);
    }

    @Test
    void fileStorageKnowsNeitherDocumentsNorIndexing() {
        noClasses()
                .that()
                .resideInAPackage("..api.files..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..api.documents..", "..api.indexing..")
                .check(API);
    }

    @Test
    void indexingDoesNotReachIntoTheDocumentsHttpArea() {
        noClasses()
                .that()
                .resideInAPackage("..api.indexing..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..api.documents..")
                .check(API);
    }

    @Test
    void searchAnswersFromTheIndexAloneNeverFromTheDatabase() {
        noClasses()
                .that()
                .resideInAPackage("..api.search..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..api.documents..",
                        "..api.files..",
                        "java.sql..",
                        "javax.sql..",
                        "io.micronaut.data..",
                        "io.micronaut.transaction..")
                .as("search reads only the Lucene index, so that it answers while PostgreSQL is down")
                .check(API);
    }

    @Test
    void failuresAreTypedAndLoggedThroughSlf4j() {
        NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(API);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(API);
    }
}
