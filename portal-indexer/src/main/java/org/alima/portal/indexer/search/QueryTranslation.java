package org.alima.portal.indexer.search;

import java.util.Locale;
import java.util.Objects;

/**
 * The user's query said in another language, for cross-language search: BM25 ranks the documents matching either
 * text, and the dense model (English) encodes the text that is in its language. Immutable.
 *
 * @param text the translated query, plain words (it is parsed like a query, with the same bounds)
 * @param language ISO 639-1 code of {@code text}, e.g. "en"
 */
public record QueryTranslation(String text, String language) {

    public QueryTranslation {
        if (text == null || text.isBlank()) {
            throw new InvalidSearchRequestException("a query translation needs its text");
        }
        if (language == null || !language.strip().matches("[a-zA-Z]{2}")) {
            throw new InvalidSearchRequestException(
                    "a query translation needs the two-letter ISO 639-1 code of its language, got " + language);
        }
        language = language.strip().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(text);
    }
}
