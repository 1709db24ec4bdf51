package org.alima.portal.indexer.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

    private final Analyzer analyzer = new TextAnalyzer();

    /** Tokens as "term@position[start,end]", stacked variants sharing the position of their word. */
    private List<String> tokens(String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(term + "@" + position + "[" + offset.startOffset() + "," + offset.endOffset() + "]");
            }
            stream.end();
        }
        return tokens;
    }

    private List<String> terms(String text) throws IOException {
        return tokens(text).stream()
                .map(token -> token.substring(0, token.indexOf('@')))
                .toList();
    }

    @Test
    void foldsAccentsAndCase() throws IOException {
        assertThat(terms("Réanimation")).containsExactly("reanimation", "reanim");
        assertThat(terms("REANIMATION")).isEqualTo(terms("réanimation"));
        assertThat(terms("Œdème")).contains("oedeme");
    }

    @Test
    void removesFrenchElisionsWithStraightOrCurlyApostrophes() throws IOException {
        assertThat(terms("l'hôpital")).containsExactly("hopital", "hopit");
        assertThat(terms("L’Hôpital")).isEqualTo(terms("hopital"));
        assertThat(terms("qu'il jusqu'à d'abord")).containsExactly("abord");
    }

    @Test
    void removesFunctionWordsOfBothLanguagesButKeepsNegations() throws IOException {
        assertThat(terms("the treatment of the children")).doesNotContain("the", "of");
        assertThat(terms("la prise en charge des enfants")).doesNotContain("la", "en", "des");
        assertThat(terms("pas de fièvre sans toux")).contains("pas", "sans");
        assertThat(terms("SE of the mean")).contains("se");
    }

    @Test
    void stacksEnglishAndFrenchStemsAtTheWordsPositionAndOffsets() throws IOException {
        assertThat(tokens("treated enfants"))
                .containsExactly("treated@0[0,7]", "treat@0[0,7]", "enfants@1[8,15]", "enfant@1[8,15]");
    }

    @Test
    void emitsEachDistinctVariantOnce() throws IOException {
        assertThat(terms("études")).containsExactly("etudes", "etud"); // both stemmers agree: one variant
        assertThat(terms("studies")).containsExactly("studies", "studi", "stud"); // English first, then French
        assertThat(terms("malaria")).containsExactly("malaria"); // no stemmer changes it
    }

    @Test
    void normalizesPrefixTermsWithoutStemming() {
        assertThat(analyzer.normalize("body", "Réani").utf8ToString()).isEqualTo("reani");
    }
}
