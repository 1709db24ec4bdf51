package org.alima.portal.indexer.search;

import java.time.LocalDate;
import java.util.List;

/**
 * One matching document, immutable.
 *
 * @param score BM25 score (also computed when sorting by date)
 * @param year publication year, or null when the document has no date
 * @param pages best-matching pages, best first; empty when only metadata matched
 * @param reviewDue when an operating procedure is due for review, or null
 * @param missingWords the query's words this document lacks, as typed: not empty only for a partial match, shown when
 *     all the words together found too little (see {@link PartialMatches})
 * @param translations the other language versions of its work that the search's caller may see; the hit stands for
 *     them (search shows one hit per work)
 */
public record Hit(
        String id,
        String title,
        float score,
        List<String> authors,
        String type,
        String language,
        Integer year,
        List<PageHit> pages,
        LocalDate reviewDue,
        List<String> missingWords,
        List<LanguageVersion> translations) {

    public Hit {
        translations = translations == null ? List.of() : List.copyOf(translations);
        authors = List.copyOf(authors);
        pages = List.copyOf(pages);
        missingWords = List.copyOf(missingWords);
    }

    /** A document holding every word of the query, without a review date. */
    public Hit(
            String id,
            String title,
            float score,
            List<String> authors,
            String type,
            String language,
            Integer year,
            List<PageHit> pages) {
        this(id, title, score, authors, type, language, year, pages, null, List.of(), List.of());
    }

    /** Whether this document lacks some of the query's words. */
    public boolean isPartial() {
        return !missingWords.isEmpty();
    }
}
