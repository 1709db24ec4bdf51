package org.alima.portal.indexer.search;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alima.portal.indexer.crosslang.Language;
import org.alima.portal.indexer.crosslang.Translation;

/**
 * One results page, immutable.
 *
 * @param total number of matching documents (exact)
 * @param facets per dimension (type, language, year, country, topic, collection, design, in that order), the most frequent
 *     values among matching documents; empty when not requested
 * @param nextCursor pass as {@link SearchRequest#cursor()} for the next page; null on the last page
 * @param didYouMean a corrected query that finds more documents, or null
 * @param queryLanguage the language the query was read as ("fr", "en"), or null when its words did not tell and the
 *     request gave no reader language; a hit whose {@link Hit#language()} differs was found in the other language
 * @param translatedQuery the query in the other language, also searched ("paludisme grave" → "malaria severe"), or
 *     null when nothing was translated
 */
public record SearchResponse(
        long total,
        List<Hit> hits,
        Map<String, List<FacetValue>> facets,
        String nextCursor,
        String didYouMean,
        long tookMillis,
        String queryLanguage,
        String translatedQuery) {

    public SearchResponse {
        hits = List.copyOf(hits);
        Map<String, List<FacetValue>> copy = new LinkedHashMap<>();
        facets.forEach((dimension, values) -> copy.put(dimension, List.copyOf(values)));
        facets = Collections.unmodifiableMap(copy);
    }

    /**
     * A response of a search that started at {@code startedNanos} ({@link System#nanoTime()}) and read its query as
     * {@code translation} says: the one place that turns the translation into {@link #queryLanguage()} and
     * {@link #translatedQuery()}, whichever engine searched.
     */
    public static SearchResponse of(
            long total,
            List<Hit> hits,
            Map<String, List<FacetValue>> facets,
            String nextCursor,
            String didYouMean,
            long startedNanos,
            Translation translation) {
        return new SearchResponse(
                total,
                hits,
                facets,
                nextCursor,
                didYouMean,
                (System.nanoTime() - startedNanos) / 1_000_000,
                translation.source().map(Language::code).orElse(null),
                translation.isEmpty() ? null : translation.text());
    }

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

    /**
     * A page of a document where the query matches.
     *
     * @param page 1-based page number
     * @param snippet HTML-escaped passage of that page with the matching words in {@code <mark>…</mark>}
     * @param byMeaning true when the page was chosen because a passage of it is near the query in meaning (the snippet
     *     is then that passage), false when it was chosen for the query's words
     * @param ocr true when the page's text was read by OCR from a scan (its words may be misread)
     */
    public record PageHit(int page, String snippet, boolean byMeaning, boolean ocr) {

        /** A page chosen for the query's words, its text from the file. */
        public PageHit(int page, String snippet) {
            this(page, snippet, false, false);
        }
    }

    /** One value of a facet dimension and how many matching documents have it. */
    public record FacetValue(String value, long count) {}
}
