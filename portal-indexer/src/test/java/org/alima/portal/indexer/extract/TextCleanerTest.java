package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class TextCleanerTest {

    @Test
    void joinsAWordHyphenatedAtALineEnd() {
        assertThat(TextCleaner.clean("the treat-\nment was")).isEqualTo("the treatment was");
        assertThat(TextCleaner.clean("the treat- \r\n  ment was")).isEqualTo("the treatment was");
        assertThat(TextCleaner.clean("prise en char\u2010\ngée")).isEqualTo("prise en chargée");
    }

    @Test
    void keepsHyphensInsideLinesBeforeCapitalsAndAfterNonLetters() {
        assertThat(TextCleaner.clean("a well-known case")).isEqualTo("a well-known case");
        assertThat(TextCleaner.clean("Jean-\nPierre")).isEqualTo("Jean-\nPierre");
        assertThat(TextCleaner.clean("pages 12-\n15")).isEqualTo("pages 12-\n15");
        assertThat(TextCleaner.clean("items:\n-\nfirst")).isEqualTo("items:\n-\nfirst");
        assertThat(TextCleaner.clean("ends with a dash-")).isEqualTo("ends with a dash-");
    }

    @Test
    void expandsLigatures() {
        assertThat(TextCleaner.clean("\uFB01nal \uFB02ow e\uFB00ect o\uFB03ce ba\uFB04e \uFB06op"))
                .isEqualTo("final flow effect office baffle stop");
    }

    @Test
    void removesSoftHyphensAndJoinsLinesTheyEnd() {
        assertThat(TextCleaner.clean("hypo\u00ADglycaemia")).isEqualTo("hypoglycaemia");
        assertThat(TextCleaner.clean("Hypo\u00AD\nGlycaemia")).isEqualTo("HypoGlycaemia");
    }

    @Test
    void normalisesToComposedForm() {
        String decomposed = "e\u0301tude me\u0301dicale";

        String cleaned = TextCleaner.clean(decomposed);

        assertThat(cleaned).isEqualTo("étude médicale");
        assertThat(Normalizer.isNormalized(cleaned, Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void keepsSuperscriptsAndFractionsThatNfkcWouldFold() {
        assertThat(TextCleaner.clean("10\u00B3 cells, \u00BD dose, m\u00B2")).isEqualTo("10³ cells, ½ dose, m²");
    }

    @Test
    void dropsControlCharactersButKeepsLineEndsAndTabs() {
        assertThat(TextCleaner.clean("a\u0000b\u0007c\td\u000Be\u0085f\r\ng\rh\uFEFFi"))
                .isEqualTo("abc\tdef\ng\nhi");
    }
}
