package org.alima.portal.indexer.crosslang;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A query as the other language says it, immutable: for the word index, the translations of each typed word (what
 * {@code PortalSearch} adds beside the word, weighted); for a reader or a sentence encoder, the whole query in the
 * other language.
 *
 * @param source the language the query was read as; empty when its words did not tell (each word was then
 *     translated from whichever language knows it)
 * @param text the query in the other language: each term replaced by its best translation, other words kept as typed,
 *     operators and field filters left out ("paludisme grave chez l'enfant" → "malaria severe in child"); equal to the
 *     query's words when nothing was translated
 * @param alternatives translations by typed token, keyed by {@link #key(String)}; a token inside a multi-word term
 *     carries the whole term's translations, its weight shared among the term's tokens
 */
public record Translation(Optional<Language> source, String text, Map<String, List<Alternative>> alternatives) {

    public Translation {
        alternatives = Map.copyOf(alternatives);
    }

    /** A translation that adds nothing. */
    public static Translation none(String text) {
        return new Translation(Optional.empty(), text == null ? "" : text, Map.of());
    }

    /** The language the query was translated into, when its own was told. */
    public Optional<Language> target() {
        return source.map(Language::other);
    }

    /** Whether some word of the query has a translation. */
    public boolean isEmpty() {
        return alternatives.isEmpty();
    }

    /**
     * The translations of one token of the query, best first, as a query parser sees the token ("l'enfant",
     * "Paludisme", "grave."); empty when it has none.
     */
    public List<Alternative> alternativesFor(String token) {
        return alternatives.getOrDefault(key(token), List.of());
    }

    /** How a token is looked up: lower case, leading and trailing punctuation and operators removed. */
    public static String key(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && !Character.isLetterOrDigit(token.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(token.charAt(end - 1))) {
            end--;
        }
        return token.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
