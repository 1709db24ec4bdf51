package org.alima.portal.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.api.system.InvalidInputException;

/**
 * One page of search results, all a results page needs in one answer (public for the typed test client of other
 * features' tests). Immutable. A part left out by {@code fields}, or without a value (a document without a date has
 * no {@code year}), is absent from the JSON.
 *
 * @param total documents matching the query and filters, exactly
 * @param hits this page's documents, best first (or newest first)
 * @param facets per dimension (type, language, year, country, topic, collection), the most frequent values among all
 *     matching documents with their counts; a dimension's counts ignore its own filter, so a user can pick several
 * @param nextCursor pass as {@code cursor} (same query, filters and sort) for the next page; null on the last page
 * @param didYouMean a corrected query that finds more documents, when the query found few
 * @param tookMillis time the search took in the index
 * @param queryLanguage the language the query was read as ("fr" or "en"), from its words or, when they do not tell,
 *     the reader's; absent when neither told. A hit whose {@code language} differs was found in the other language
 * @param translatedQuery the query's words in the other language, also searched ("paludisme grave chez l'enfant" →
 *     "severe malaria in child"), so that a reader sees why results in the other language appear; absent when
 *     nothing was translated
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResults(
        long total,
        List<SearchHit> hits,
        @Nullable Map<String, List<FacetCount>> facets,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor,
        @Nullable String didYouMean,
        @Nullable Long tookMillis,
        @Nullable String queryLanguage,
        @Nullable String translatedQuery) {

    /**
     * A matching document.
     *
     * @param id the document's id in the API ({@code /api/documents/{id}})
     * @param score relevance (BM25); comparable only within one results page
     * @param language the document's language (ISO 639-1), which a results page compares with the answer's {@code
     *     queryLanguage} to mark the hits found in the other language
     * @param year publication year
     * @param pages the best-matching pages, best first, each a link opening the file at that page: the first is the
     *     page that answers best; empty when only the metadata matched
     * @param reviewOverdueSince for an operating procedure whose review is overdue, the review-due date it passed
     *     (YYYY-MM-DD), as the document's own answer gives it; absent otherwise
     * @param missingWords the query's words (as typed) this document lacks: a partial match, listed when all the
     *     words of a short query together found fewer than three documents, after those holding every word; absent
     *     when the document holds every word
     * @param translations the other language versions of the same work that the caller may see: search shows one hit
     *     per work, in the reader's language when it matches, and the reader switches with these; absent when none
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SearchHit(
            @Nullable String id,
            @Nullable String title,
            @Nullable Float score,
            @Nullable List<String> authors,
            @Nullable String type,
            @Nullable String language,
            @Nullable Integer year,
            @Nullable List<PageLink> pages,
            @Nullable String reviewOverdueSince,
            @Nullable List<String> missingWords,
            @Nullable List<OtherLanguage> translations) {}

    /** Another language version of a hit's work. */
    @Serdeable
    public record OtherLanguage(
            String id, String language, @Nullable String title) {}

    /**
     * A page of a document where the query matches.
     *
     * @param page 1-based, as a PDF viewer numbers pages
     * @param snippet HTML-escaped passage of the page, the matching words in {@code <mark>…</mark>}
     * @param url the file, opened at this page: {@code /api/documents/{id}/file?inline=true#page=N} (a PDF opens in
     *     the browser's viewer at page N; other formats download)
     * @param view the light page view of this page, the query's words marked: {@code /documents/{id}/pages/N?q=…}, a
     *     few KB of HTML that needs neither script nor PDF viewer
     * @param byMeaning true when the page was chosen for a passage near the query in meaning (the snippet is that
     *     passage); absent when it was chosen for the query's words
     * @param ocr true when the page's text was read by OCR from a scan, so its words may be misread; absent when the
     *     text came from the file
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PageLink(
            int page,
            String snippet,
            String url,
            String view,
            @Nullable Boolean byMeaning,
            @Nullable Boolean ocr) {}

    /** One value of a facet dimension and how many matching documents have it. */
    @Serdeable
    public record FacetCount(String value, long count) {}

    /**
     * The parts of a results page a client asked for with {@code fields}, so that a client on a slow link receives (and
     * the server computes) only those. Immutable.
     *
     * <p>Without {@code fields}, everything. With it, each hit carries only the fields named among {@link #HIT_FIELDS},
     * and the page only {@code total}, {@code nextCursor} (needed to page at all) and those named among {@link
     * #PAGE_FIELDS}: facets are counted only when named.
     */
    record Fields(Set<String> names) {

        static final List<String> HIT_FIELDS = List.of(
                "id",
                "title",
                "score",
                "authors",
                "type",
                "language",
                "year",
                "pages",
                "reviewOverdueSince",
                "missingWords",
                "translations");
        static final List<String> PAGE_FIELDS =
                List.of("facets", "didYouMean", "tookMillis", "queryLanguage", "translatedQuery");

        static final Fields ALL = new Fields(null);

        /**
         * Reads {@code fields}: names separated by commas, the parameter possibly repeated.
         *
         * @throws InvalidInputException naming {@code fields} when a name is unknown
         */
        static Fields parse(List<String> values) {
            if (values == null || values.isEmpty()) {
                return ALL;
            }
            Set<String> names = new LinkedHashSet<>();
            for (String value : values) {
                for (String name : value.split(",", -1)) {
                    String field = name.strip();
                    if (field.isEmpty()) {
                        continue;
                    }
                    if (!HIT_FIELDS.contains(field) && !PAGE_FIELDS.contains(field)) {
                        throw InvalidInputException.of(
                                "fields",
                                "names an unknown field '"
                                        + (field.length() > 40 ? field.substring(0, 40) + "…" : field)
                                        + "'; choose among " + String.join(", ", HIT_FIELDS) + ", "
                                        + String.join(", ", PAGE_FIELDS));
                    }
                    names.add(field);
                }
            }
            return names.isEmpty() ? ALL : new Fields(Set.copyOf(names));
        }

        boolean includes(String field) {
            return names == null || names.contains(field);
        }
    }
}
