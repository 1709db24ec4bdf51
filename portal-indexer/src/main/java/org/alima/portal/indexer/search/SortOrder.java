package org.alima.portal.indexer.search;

/** Order of search results. */
public enum SortOrder {
    /** Best match first (BM25). */
    RELEVANCE,
    /** Most recent document date first; documents without a date come last. */
    NEWEST
}
