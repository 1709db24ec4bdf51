package org.alima.portal.api.search;

import java.util.List;
import java.util.Locale;
import org.alima.portal.indexer.crosslang.Language;

/**
 * The language a reader reads the portal in, which decides a query's language when its words do not (« infection »,
 * « transmission » are French and English alike): the web page's interface language when it says so, else the first
 * language of the browser's Accept-Language that the portal translates queries between. Stateless.
 */
public final class ReaderLanguage {

    /** Longer Accept-Language values are not read: browsers send a few dozen characters. */
    static final int MAX_HEADER_LENGTH = 500;

    private ReaderLanguage() {}

    /**
     * The reader's language code, or null when neither tells one the portal knows.
     *
     * @param asked the {@code lang} parameter (already checked to be a language tag), or null
     * @param acceptLanguage the Accept-Language header, or null; a malformed one counts as absent, since the reader
     *     did not write it and the query can still be answered
     */
    public static String of(String asked, String acceptLanguage) {
        if (asked != null && !asked.isBlank()) {
            return asked.strip().toLowerCase(Locale.ROOT);
        }
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // parse() sorts by weight, highest first, keeping the header's order among equals.
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() > 0) {
                var known = Language.ofCode(range.getRange());
                if (known.isPresent()) {
                    return known.get().code();
                }
            }
        }
        return null;
    }
}
