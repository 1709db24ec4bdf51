package org.alima.portal.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.alima.portal.indexer.engine.EmbeddedEngine;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.PortalSearch;
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
    void onlyTheEngineFactoryKnowsWhichSearchEngineRuns() {
        noClasses()
                .that()
                .haveNameNotMatching("org\\.alima\\.portal\\.api\\.search\\.\\$?SearchEngineFactory\\b.*")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(PortalIndex.class, PortalSearch.class, EmbeddedEngine.class)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("org.alima.portal.opensearch..")
                .as("the portal searches and indexes through SearchEngine, so that the embedded index and an"
                        + " OpenSearch cluster serve it alike; only the factory picks the engine")
                .check(API);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.alima.portal.api.(*)..")
                .should()
                .beFreeOfCycles()
                .check(API);
    }

    @Test
    void whoIsCallingKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("..api.access..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..api.accounts..",
                        "..api.audit..",
                        "..api.collections..",
                        "..api.documents..",
                        "..api.indexing..",
                        "..api.search..")
                .as("access (Viewer, Role) is what every feature uses of who is calling, and uses none of them")
                .check(API);
    }

    @Test
    void everyTableHasAnOwner() {
        assertThat(TableOwners.OWNERS.keySet())
                .as("the tables and functions of the migrations, each with its owning package in TableOwners")
                .containsExactlyInAnyOrderElementsOf(TableOwners.created());
    }

    @Test
    void sqlThatNamesATableLivesInItsOwnersPackage() {
        classes()
                .should(TableOwners.nameOnlyTablesOfTheirPackage())
                .as("SQL that names a table lives in the package that owns the table; others ask it through a port")
                .check(API);
    }

    @Test
    void failuresAreTypedAndLoggedThroughSlf4j() {
        NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(API);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(API);
    }
}
