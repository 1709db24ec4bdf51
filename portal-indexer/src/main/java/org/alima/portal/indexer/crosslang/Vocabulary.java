package org.alima.portal.indexer.crosslang;

/**
 * The words an index holds, as a predicate on folded words; what keeps a cognate guess ("tuberculosis" for
 * "tuberculose") only when the documents use it. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Vocabulary {

    /** A vocabulary that holds nothing: cognate rules then add no word. */
    Vocabulary NONE = (word, language) -> false;

    /**
     * Whether some document contains the word, written in {@code language}.
     *
     * @param foldedWord lower case, accents folded
     */
    boolean contains(String foldedWord, Language language);
}
