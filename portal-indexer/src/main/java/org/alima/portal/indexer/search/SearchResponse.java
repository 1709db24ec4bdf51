package org.alima.portal.indexer.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** A response without translation. */
    public SearchResponse(
            long total,
            List<Hit> hits,
            Map<String, List<FacetValue>> facets,
            String nextCursor,
            String didYouMean,
            long tookMillis) {
        this(total, hits, facets, nextCursor, didYouMean, tookMillis, null, null);
    }
}
