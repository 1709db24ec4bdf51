package org.alima.portal.indexer.index;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

class IndexArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.alima.portal.indexer.index", "org.alima.portal.indexer.search");

    @Test
    void indexNeverDependsOnSearch() {
        noClasses()
                .that()
                .resideInAPackage("..indexer.index..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..indexer.search..", "..indexer.cli..")
                .check(classes);
    }

    @Test
    void searchNeverDependsOnTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("..indexer.search..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..indexer.cli..")
                .check(classes);
    }

    /** Printing is forbidden-apis's rule ({@code .forbidden/portal.txt}), for every module. */
    @Test
    void throwsNoGenericExceptions() {
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
    }
}
