package org.alima.portal.indexer.vocabulary;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One value of a controlled vocabulary: a stable {@link #code()} that the database, the index and the API store, and
 * a label in French and in English that a reader sees. Implemented by small enums, each the one owner of its list.
 */
public interface Term {

    /** The stable code, such as {@code children_under_five}: lower case, never renamed once published. */
    String code();

    /** The label in French for {@code fr}, in English for any other language. */
    String label(String language);

    /** The term of a code among {@code terms}; empty for an unknown code. */
    static <T extends Term> Optional<T> ofCode(T[] terms, String code) {
        return Arrays.stream(terms).filter(t -> t.code().equals(code)).findFirst();
    }

    /**
     * The term that {@code value} names, by its code or its French or English label, ignoring case, accents and
     * spacing ({@code "Enfants de moins de 5 ans"}, {@code "children under five"}); empty when none does.
     */
    static <T extends Term> Optional<T> named(T[] terms, String value) {
        String folded = fold(value);
        return Arrays.stream(terms)
                .filter(t -> fold(t.code()).equals(folded)
                        || fold(t.label("fr")).equals(folded)
                        || fold(t.label("en")).equals(folded))
                .findFirst();
    }

    /** Every code of {@code terms}, comma-separated, for messages that list the allowed values. */
    static String codes(Term[] terms) {
        return Arrays.stream(terms).map(Term::code).collect(Collectors.joining(", "));
    }

    /** Lower case without accents, with underscores, hyphens and runs of spaces as one space. */
    static String fold(String value) {
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed
                .toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[_\\-\\s]+", " ")
                .strip();
    }
}
