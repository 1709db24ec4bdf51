package org.alima.portal.indexer.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.alima.portal.indexer.extract.StudyDesign;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TermTest {

    static Stream<List<Term>> vocabularies() {
        return Stream.of(
                List.of(StudyDesign.values()),
                List.of(HealthTopic.values()),
                List.of(Population.values()),
                List.of(Setting.values()),
                List.of(InterventionType.values()));
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void codesAreUniqueLowerCaseWords(List<Term> terms) {
        List<String> codes = terms.stream().map(Term::code).toList();

        assertThat(new HashSet<>(codes)).hasSameSizeAs(codes);
        assertThat(codes).allMatch(code -> code.matches("[a-z][a-z_]*[a-z]"), "lower case words joined by _");
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void everyTermHasAFrenchAndAnEnglishLabel(List<Term> terms) {
        for (Term term : terms) {
            assertThat(term.label("fr")).as(term.code() + " in French").isNotBlank();
            assertThat(term.label("en")).as(term.code() + " in English").isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void noTwoTermsShareALabelOnceFolded(List<Term> terms) {
        Set<String> seen = new HashSet<>();
        for (Term term : terms) {
            assertThat(seen.add("fr:" + Term.fold(term.label("fr"))))
                    .as(term.code() + " French label")
                    .isTrue();
            assertThat(seen.add("en:" + Term.fold(term.label("en"))))
                    .as(term.code() + " English label")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void eachVocabularyHoldsAFewTermsNotAnEncyclopaedia(List<Term> terms) {
        assertThat(terms.size()).isBetween(8, 14);
    }

    @org.junit.jupiter.api.Test
    void icdChaptersAreUniqueTwoDigitNumbers() {
        List<String> chapters =
                Arrays.stream(HealthTopic.values()).map(HealthTopic::chapter).toList();

        assertThat(new HashSet<>(chapters)).hasSameSizeAs(chapters);
        assertThat(chapters).allMatch(chapter -> chapter.matches("\\d{2}"));
    }

    @org.junit.jupiter.api.Test
    void findsATermByItsCodeOrEitherLabelIgnoringCaseAndAccents() {
        assertThat(Term.named(Population.values(), "ENFANTS DE MOINS DE CINQ ANS"))
                .contains(Population.CHILDREN_UNDER_FIVE);
        assertThat(Term.named(Population.values(), "children-under-five")).contains(Population.CHILDREN_UNDER_FIVE);
        assertThat(Term.named(Setting.values(), "hopital")).contains(Setting.HOSPITAL);
        assertThat(Term.named(InterventionType.values(), " Lutte  antivectorielle "))
                .contains(InterventionType.VECTOR_CONTROL);
        assertThat(Term.named(Setting.values(), "prison")).isEmpty();
    }
}
