package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A document that may be the same work in another language, for a curator to confirm by linking it (PUT
 * /api/documents/{id}/translations/{otherId}). Immutable.
 *
 * @param score 0 to 1: the strongest reason's, a little more when several agree
 * @param reasons why, strongest first
 */
@Serdeable
record TranslationSuggestion(
        String id, String language, @Nullable String title, double score, List<Reason> reasons) {

    /**
     * One reason to think so.
     *
     * @param code {@code same-doi}, {@code translated-title} (with the same authors and year) or {@code same-structure}
     *     (page count and the sequence of numbers of the text)
     * @param detail what matched, in English words, e.g. "52 of 58 numbers in the same order; 12 and 12 pages"
     */
    @Serdeable
    record Reason(String code, double score, String detail) {}

    /**
     * A pair of documents as the curators' list shows it: {@code document} and the suggestion for it.
     */
    @Serdeable
    record Pair(TranslationRef document, TranslationSuggestion suggestion) {}
}
