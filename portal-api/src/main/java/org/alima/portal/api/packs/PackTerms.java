package org.alima.portal.api.packs;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts a page's text into the terms of an offline pack's search, close to the portal's French and English analysers:
 * lower case, accents folded, French elisions (l', d', qu'...) and English possessives dropped, then a light stemmer
 * that removes plural and common inflection endings. Stateless and thread-safe. The pack's {@code search.js} applies
 * the same rules to a query, so both sides must change together.
 */
public final class PackTerms {

    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Pattern ELISION = Pattern.compile("^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'");
    private static final int MIN_STEM = 3;

    private PackTerms() {}

    /** The terms of {@code text}, in order, repeats kept. */
    public static List<String> of(String text) {
        String folded = DIACRITICS
                .matcher(Normalizer.normalize(text.replace('’', '\''), Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
        List<String> terms = new ArrayList<>();
        for (String word : NON_WORD.split(folded)) {
            String term = stem(stripApostrophes(word));
            if (!term.isEmpty()) {
                terms.add(term);
            }
        }
        return terms;
    }

    private static String stripApostrophes(String word) {
        String bare = ELISION.matcher(word).replaceFirst("");
        if (bare.endsWith("'s")) {
            bare = bare.substring(0, bare.length() - 2);
        }
        return bare.replace("'", "");
    }

    /** Light stemming: the longest known ending that leaves a stem of at least three letters goes. */
    static String stem(String word) {
        for (String ending : ENDINGS) {
            if (word.endsWith(ending) && word.length() - ending.length() >= MIN_STEM) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return word;
    }

    /** Longest first; shared by French and English because a pack's documents mix both. */
    private static final List<String> ENDINGS =
            List.of("ements", "ement", "ations", "ation", "ings", "ing", "ies", "ees", "ee", "es", "ed", "s", "e", "x");
}
