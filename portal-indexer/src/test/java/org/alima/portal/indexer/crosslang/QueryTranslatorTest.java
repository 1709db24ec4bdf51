package org.alima.portal.indexer.crosslang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTranslatorTest {

    private static final QueryTranslator TRANSLATOR = QueryTranslator.standard();

    /** English words that "exist in the index" for the cognate tests. */
    private static final Vocabulary INDEX = (word, language) -> language == Language.ENGLISH
            ? Set.of("tuberculosis", "biomaterials", "biomaterial", "inductive", "cardiovascular")
                    .contains(word)
            : Set.of("tuberculose", "cardiovasculaire").contains(word);

    private static Translation translate(String query) {
        return TRANSLATOR.translate(query, null, INDEX);
    }

    private static List<String> texts(Translation translation, String token) {
        return translation.alternativesFor(token).stream()
                .map(Alternative::text)
                .toList();
    }

    @Nested
    class FrenchToEnglish {

        @Test
        void translatesSevereMalariaInChildren() {
            Translation translation = translate("paludisme grave chez l'enfant");

            assertThat(translation.source()).contains(Language.FRENCH);
            assertThat(translation.target()).contains(Language.ENGLISH);
            assertThat(texts(translation, "paludisme")).containsExactly("severe malaria");
            assertThat(texts(translation, "grave")).containsExactly("severe malaria");
            assertThat(texts(translation, "l'enfant")).containsExactly("in children");
            assertThat(translation.text()).contains("malaria", "severe", "child");
        }

        @ParameterizedTest
        @CsvSource({
            "rougeole, measles",
            "grossesse, pregnancy",
            "accouchement, childbirth",
            "Paludisme, malaria",
            "PALUDISME, malaria",
            "enfants, child",
            "grossesses, pregnancy",
            "fievre, fever",
        })
        void findsTheEnglishTermWhateverTheCaseAccentsOrNumber(String french, String english) {
            assertThat(texts(translate(french), french)).contains(english);
        }

        @Test
        void readsWordsTypedWithoutAccents() {
            assertThat(texts(translate("fievre jaune"), "fievre")).contains("yellow fever");
            assertThat(texts(translate("femme enceinte"), "enceinte")).isNotEmpty();
        }

        @Test
        void prefersTheLongestTermAndSharesItsWeightAmongItsWords() {
            Translation translation = translate("fièvre jaune");

            assertThat(texts(translation, "fièvre")).containsExactly("yellow fever");
            assertThat(texts(translation, "jaune")).containsExactly("yellow fever");
            assertThat(translation.alternativesFor("jaune").getFirst().weight())
                    .isEqualTo(QueryTranslator.STANDARD_WEIGHTS.get(TranslationSource.CURATED) / 2);
            assertThat(translation.text()).isEqualTo("yellow fever");
        }

        @Test
        void readsATermAcrossElisionsAndLinkingWords() {
            assertThat(texts(translate("prise en charge du paludisme"), "charge"))
                    .contains("management");
        }

        @Test
        void addsACognateOnlyWhenTheIndexHoldsIt() {
            Translation translation = translate("propriétés inductives");

            assertThat(texts(translation, "inductives")).containsExactly("inductive");
            assertThat(translation.alternativesFor("inductives").getFirst().source())
                    .isEqualTo(TranslationSource.COGNATES);
            Translation none = TRANSLATOR.translate("propriétés inductives", Language.FRENCH, Vocabulary.NONE);
            assertThat(none.alternativesFor("inductives")).isEmpty();
        }

        @Test
        void joinsTheTranslationsOfAHyphenatedWord() {
            assertThat(texts(translate("cytokines pro-inflammatoires"), "pro-inflammatoires"))
                    .containsExactly("pro inflammatory");
        }
    }

    @Nested
    class EnglishToFrench {

        @ParameterizedTest
        @CsvSource({
            "measles, rougeole",
            "pregnancy, grossesse",
            "malaria, paludisme",
            "children, enfant",
        })
        void findsTheFrenchTerm(String english, String french) {
            Translation translation = translate(english);

            assertThat(translation.source()).contains(Language.ENGLISH);
            assertThat(texts(translation, english)).contains(french);
        }

        @Test
        void translatesASentence() {
            Translation translation = translate("severe malaria in children");

            assertThat(translation.source()).contains(Language.ENGLISH);
            assertThat(translation.text()).contains("paludisme", "enfant");
        }
    }

    @Nested
    class QueryLanguageRule {

        @Test
        void functionWordsAndAccentsTellALongQuery() {
            assertThat(translate("les enfants vaccinés contre la rougeole").source())
                    .contains(Language.FRENCH);
            assertThat(translate("children vaccinated against measles").source())
                    .contains(Language.ENGLISH);
        }

        @Test
        void aWordKnownOnOneSideTellsAOneWordQuery() {
            assertThat(TRANSLATOR
                            .translate("paludisme", Language.ENGLISH, INDEX)
                            .source())
                    .contains(Language.FRENCH);
            assertThat(TRANSLATOR.translate("measles", Language.FRENCH, INDEX).source())
                    .contains(Language.ENGLISH);
        }

        @Test
        void theReaderLanguageDecidesWhatTheWordsDoNot() {
            assertThat(TRANSLATOR.translate("cancer", Language.FRENCH, INDEX).source())
                    .contains(Language.FRENCH);
            assertThat(TRANSLATOR.translate("cancer", null, INDEX).source()).isEmpty();
        }
    }

    @Nested
    class QuerySyntax {

        @Test
        void leavesOperatorsFieldsPhrasesAndWildcardsAlone() {
            Translation translation = translate("+paludisme -rougeole title:grossesse \"fièvre jaune\" enfan* OR");

            assertThat(texts(translation, "paludisme")).contains("malaria");
            assertThat(texts(translation, "rougeole")).contains("measles");
            assertThat(translation.alternatives()).doesNotContainKeys("title:grossesse", "grossesse", "enfan");
            assertThat(translation.text()).doesNotContain("title", "OR", "yellow");
        }

        @Test
        void translatesNothingWhenOff() {
            Translation translation = QueryTranslator.off().translate("paludisme", null, INDEX);

            assertThat(translation.isEmpty()).isTrue();
            assertThat(translation.source()).isEqualTo(Optional.empty());
            assertThat(translation.text()).isEqualTo("paludisme");
        }

        @Test
        void keepsNumbersAndUnknownWordsAsTyped() {
            Translation translation = translate("paludisme CDKN2A 2019");

            assertThat(translation.alternatives()).containsOnlyKeys("paludisme");
            assertThat(translation.text()).isEqualTo("malaria cdkn2a 2019");
        }
    }

    @Test
    void aSourceCanBeLeftOutToMeasureIt() {
        QueryTranslator curatedOnly = QueryTranslator.of(Map.of(TranslationSource.CURATED, 1f));

        assertThat(curatedOnly.translate("inductives", Language.FRENCH, INDEX).isEmpty())
                .isTrue();
        assertThat(curatedOnly.weights()).containsOnlyKeys(TranslationSource.CURATED);
    }
}
