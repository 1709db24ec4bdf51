package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranslationLikenessTest {

    @Test
    void aTitleAndItsTranslationShareTheirWordsOnceOneIsTranslated() {
        double overlap = TranslationLikeness.titleOverlap(
                "Paludisme grave chez l'enfant", "severe malaria in child", "Severe malaria in the child");
        assertThat(overlap).isEqualTo(1.0);
        assertThat(TranslationLikeness.titleOverlap(
                        "Paludisme grave chez l'enfant", "severe malaria in child", "Cholera vaccine in camps"))
                .isZero();
    }

    @Test
    void authorsAreComparedByFamilyNameWhateverTheOrderOfTheirNames() {
        assertThat(TranslationLikeness.authorOverlap(List.of("Marie Diallo", "Jean Dupont"), List.of("Diallo, M.")))
                .isEqualTo(0.5);
        assertThat(TranslationLikeness.authorOverlap(List.of(), List.of("Diallo, M.")))
                .isZero();
    }

    @Test
    void numbersAreReadInOrderWithADecimalCommaAsAPointAndNoHtmlReference() {
        assertThat(TranslationLikeness.numbers("Table 2: 12,5 % of 1 200 &#39;cases&#39; in 2019"))
                .containsExactly("2", "12.5", "1", "200", "2019");
    }

    @Test
    void theSameNumbersInTheSameOrderAreAlikeAndTooFewTellNothing() {
        List<String> numbers = List.of("1", "2", "3", "4", "5", "6");
        assertThat(TranslationLikeness.sequenceSimilarity(numbers, numbers, 3)).isEqualTo(1.0);
        assertThat(TranslationLikeness.sequenceSimilarity(numbers, List.of("6", "5", "4", "3", "2", "1"), 3))
                .isLessThan(0.2);
        assertThat(TranslationLikeness.sequenceSimilarity(numbers, numbers, 12)).isZero();
    }
}
