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
        LocalDate reviewDue) {

    public Hit {
        authors = List.copyOf(authors);
        pages = List.copyOf(pages);
    }

    /** A hit without a review date. */
    public Hit(
            String id,
            String title,
            float score,
            List<String> authors,
            String type,
            String language,
            Integer year,
            List<PageHit> pages) {
        this(id, title, score, authors, type, language, year, pages, null);
    }
}
