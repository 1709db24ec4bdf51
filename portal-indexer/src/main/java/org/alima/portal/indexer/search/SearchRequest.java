package org.alima.portal.indexer.search;

import java.util.Objects;

/**
 * One results page to compute, immutable; bounds are checked here, each violation naming its bound.
 *
 * @param query the user's text (see {@link PortalSearch} for the syntax); null or blank lists every document
 * @param size hits per page, 1 to {@value #MAX_SIZE}
 * @param from hits to skip, 0 to {@value #MAX_FROM}; for deeper pages use {@code cursor}
 * @param cursor the {@code nextCursor} of the previous page (same query, filters and sort), or null; excludes {@code
 *     from}
 * @param pagesPerHit best-matching pages to return per hit, 0 to {@value #MAX_PAGES_PER_HIT}
 * @param withFacets whether to count the facet values of all matching documents
 * @param access the documents the caller may find; everything else is absent from the hits, the total, the facet
 *     counts and did-you-mean, as if not indexed
 * @param includeSuperseded whether versions that a newer one supersedes are searched too (false: latest only)
 * @param readerLanguage the reader's language (ISO 639-1, the interface's), which decides the query's language when its
 *     words do not (a single word known in both); null to let the words decide alone
 * @param mode how to rank; null for the search's default ({@link SearchSettings#mode()})
 */
public record SearchRequest(
        String query,
        Filters filters,
        SortOrder sort,
        int size,
        int from,
        String cursor,
        int pagesPerHit,
        boolean withFacets,
        Access access,
        boolean includeSuperseded,
        String readerLanguage,
        RankingMode mode) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_FROM = 10_000;
    public static final int MAX_PAGES_PER_HIT = 10;
    public static final int MAX_CURSOR_LENGTH = 2_000;

    /** The same request ranked by the search's default mode. */
    public SearchRequest(
            String query,
            Filters filters,
            SortOrder sort,
            int size,
            int from,
            String cursor,
            int pagesPerHit,
            boolean withFacets,
            Access access,
            boolean includeSuperseded,
            String readerLanguage) {
        this(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                null);
    }

    public SearchRequest {
        filters = filters == null ? Filters.none() : filters;
        sort = Objects.requireNonNullElse(sort, SortOrder.RELEVANCE);
        if (access == null) {
            // No default here: a forgotten access must not widen what a reader sees.
            throw new InvalidSearchRequestException(
                    "access must not be null; pass Access.everything() for an unrestricted search");
        }
        if (readerLanguage != null && readerLanguage.length() > 35) {
            throw new InvalidSearchRequestException("readerLanguage must be a language code such as fr or en, got "
                    + readerLanguage.length() + " characters");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidSearchRequestException(
                    "size must be between 1 and " + MAX_SIZE + " (MAX_SIZE), got " + size);
        }
        if (from < 0 || from > MAX_FROM) {
            throw new InvalidSearchRequestException("from must be between 0 and " + MAX_FROM + " (MAX_FROM), got "
                    + from + "; page deeper with the cursor of the previous page");
        }
        if (pagesPerHit < 0 || pagesPerHit > MAX_PAGES_PER_HIT) {
            throw new InvalidSearchRequestException("pagesPerHit must be between 0 and " + MAX_PAGES_PER_HIT
                    + " (MAX_PAGES_PER_HIT), got " + pagesPerHit);
        }
        if (cursor != null) {
            if (from != 0) {
                throw new InvalidSearchRequestException("give either from or cursor, not both");
            }
            if (cursor.length() > MAX_CURSOR_LENGTH) {
                throw new InvalidSearchRequestException(
                        "the cursor is longer than " + MAX_CURSOR_LENGTH + " characters; pass nextCursor unchanged");
            }
        }
    }

    /**
     * The first 10 hits by relevance, 3 pages each, with facets, among the latest versions of every document ({@link
     * Access#everything()}); restrict it with {@link #withAccess} for a reader.
     */
    public static SearchRequest of(String query) {
        return new SearchRequest(
                query,
                Filters.none(),
                SortOrder.RELEVANCE,
                10,
                0,
                null,
                3,
                true,
                Access.everything(),
                false,
                null,
                null);
    }

    public SearchRequest withFilters(Filters filters) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    public SearchRequest withSort(SortOrder sort) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    public SearchRequest withSize(int size) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    public SearchRequest withFrom(int from) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                null,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    public SearchRequest withCursor(String cursor) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                0,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    public SearchRequest withPagesPerHit(int pagesPerHit) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    public SearchRequest withFacets(boolean withFacets) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    public SearchRequest withAccess(Access access) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    public SearchRequest withIncludeSuperseded(boolean includeSuperseded) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    /** The reader's language, e.g. the interface's "fr" or "en"; see {@link #readerLanguage()}. */
    public SearchRequest withReaderLanguage(String readerLanguage) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    /** Ranked by words (BM25), meaning (dense vectors) or both; null for the search's default. */
    public SearchRequest withMode(RankingMode mode) {
        return new SearchRequest(
                query,
                filters,
                sort,
                size,
                from,
                cursor,
                pagesPerHit,
                withFacets,
                access,
                includeSuperseded,
                readerLanguage,
                mode);
    }

    /** Order of search results. */
    public enum SortOrder {
        /** Best match first (BM25). */
        RELEVANCE,
        /** Most recent document date first; documents without a date come last. */
        NEWEST
    }
}
