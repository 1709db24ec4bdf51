package org.alima.portal.indexer.search;

import java.util.List;

/**
 * One matching document, immutable.
 *
 * @param score BM25 score (also computed when sorting by date)
 * @param year publication year, or null when the document has no date
 * @param pages best-matching pages, best first; empty when only metadata matched
 */
public record Hit(
        String id,
        String title,
        float score,
        List<String> authors,
        String type,
        String language,
        Integer year,
        List<PageHit> pages) {

    public Hit {
        authors = List.copyOf(authors);
        pages = List.copyOf(pages);
    }
}
