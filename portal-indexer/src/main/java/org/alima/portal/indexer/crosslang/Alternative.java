package org.alima.portal.indexer.crosslang;

/**
 * One translation of a query word or term into the other language, immutable.
 *
 * @param text the word or words in the other language, as the table writes them ("yellow fever", "paludisme")
 * @param language the language of {@code text}
 * @param weight how much a match of this translation counts against a match of the word the user typed (1)
 * @param source where it comes from
 */
public record Alternative(String text, Language language, float weight, TranslationSource source) {

    public Alternative {
        if (text == null || text.isBlank() || language == null) {
            throw new IllegalArgumentException("a translation needs a text and its language");
        }
        if (!(weight > 0 && weight <= 10)) {
            throw new IllegalArgumentException("a translation's weight must be in (0, 10], got " + weight);
        }
    }

    Alternative withWeight(float weight) {
        return new Alternative(text, language, weight, source);
    }
}
