package org.alima.portal.api.vocabularies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.indexer.vocabulary.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VocabularyTest {

    @ParameterizedTest
    @EnumSource(
            value = Vocabulary.class,
            names = {"HEALTH", "POPULATION", "SETTING", "INTERVENTION"})
    void theDatabaseChecksExactlyTheCodesOfTheEnum(Vocabulary vocabulary) throws IOException {
        String column = switch (vocabulary) {
            case HEALTH -> "health_topics";
            case POPULATION -> "populations";
            case SETTING -> "settings";
            case INTERVENTION -> "interventions";
            case DESIGN -> throw new IllegalArgumentException("the design's CHECK is V21's");
        };
        Matcher check =
                Pattern.compile("CHECK \\(" + column + " <@ ARRAY\\[([^]]*)]").matcher(migration());

        assertThat(check.find()).as("a CHECK on " + column).isTrue();
        List<String> checked = Arrays.stream(check.group(1).split(","))
                .map(code -> code.strip().replace("'", ""))
                .toList();
        assertThat(checked)
                .containsExactlyElementsOf(
                        vocabulary.terms().stream().map(Term::code).toList());
    }

    @Test
    void refusesAnUnknownCodeNamingTheFieldAndEveryCode() {
        assertThatThrownBy(() -> Vocabulary.SETTING.checked("settings", List.of("camp", "tent")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("settings")
                .hasMessageContaining("'tent'")
                .hasMessageContaining(Vocabulary.SETTING.codes());
        assertThat(Vocabulary.SETTING.checked("setting", List.of("camp", "camp")))
                .containsExactly("camp");
    }

    @Test
    void labelsACodeInTheReadersLanguageAndAnUnknownOneAsItself() {
        assertThat(Vocabulary.POPULATION.label("refugees", "fr")).isEqualTo("Réfugiés");
        assertThat(Vocabulary.POPULATION.label("refugees", "en")).isEqualTo("Refugees");
        assertThat(Vocabulary.POPULATION.label("gone", "fr")).isEqualTo("gone");
    }

    private static String migration() throws IOException {
        try (InputStream in =
                VocabularyTest.class.getResourceAsStream("/db/migration/V23__humanitarian_vocabularies.sql")) {
            assertThat(in).as("V23 on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
