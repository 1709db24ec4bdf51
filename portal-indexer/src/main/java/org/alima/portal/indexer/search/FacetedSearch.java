package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.MultiFacets;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Runs a filtered search and counts its facets, drill-sideways: a filtered dimension is counted as if its own filter
 * were absent, so the user sees the other values to add. One pass collects the hits and the counts of unfiltered
 * dimensions; each filtered dimension costs one more counting pass. (Lucene's DrillSideways does it in one pass but
 * cannot run under a search time limit.) Stateless; thread-safe.
 */
final class FacetedSearch {

    /** Values returned per dimension, most frequent first. */
    static final int VALUES_PER_DIMENSION = 20;

    private FacetedSearch() {}

    record Result(TopFieldDocs hits, Map<String, List<FacetValue>> facets) {}

    static Result run(
            IndexSearcher searcher,
            Query query,
            Map<String, Query> filters,
            TopFieldCollectorManager hits,
            SortedSetDocValuesReaderState state)
            throws IOException {
        Object[] main = searcher.search(
                filtered(query, filters), new MultiCollectorManager(hits, new FacetsCollectorManager()));
        Facets drillDown = new SortedSetDocValuesFacetCounts(state, (FacetsCollector) main[1]);
        Map<String, Facets> sideways = new HashMap<>();
        for (String dimension : filters.keySet()) {
            Map<String, Query> others = new LinkedHashMap<>(filters);
            others.remove(dimension);
            FacetsCollector counted =
                    searcher.search(filtered(new ConstantScoreQuery(query), others), new FacetsCollectorManager());
            sideways.put(dimension, new SortedSetDocValuesFacetCounts(state, counted));
        }
        return new Result((TopFieldDocs) main[0], values(new MultiFacets(sideways, drillDown)));
    }

    /** Every dimension with no values: for requests without facets on an index without facet values. */
    static Map<String, List<FacetValue>> empty() {
        Map<String, List<FacetValue>> values = new LinkedHashMap<>();
        IndexSchema.FACET_DIMENSIONS.forEach(dimension -> values.put(dimension, List.of()));
        return values;
    }

    /** The query restricted by the filters, which do not score. */
    static Query filtered(Query query, Map<String, Query> filters) {
        if (filters.isEmpty()) {
            return query;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        filters.values().forEach(filter -> builder.add(filter, BooleanClause.Occur.FILTER));
        return builder.build();
    }

    /** One filter per restricted dimension, keyed by facet dimension, in the schema's order. */
    static Map<String, Query> filterQueries(Filters filters) {
        Map<String, Query> queries = new LinkedHashMap<>();
        List<String> keywordDimensions = IndexSchema.FACET_DIMENSIONS.stream()
                .filter(dimension -> !dimension.equals(IndexSchema.YEAR))
                .toList();
        List<Set<String>> values = filters.keywordDimensions();
        for (int i = 0; i < keywordDimensions.size(); i++) {
            if (!values.get(i).isEmpty()) {
                List<BytesRef> terms = values.get(i).stream()
                        .map(value -> new BytesRef(IndexSchema.keywordTerm(value)))
                        .toList();
                queries.put(keywordDimensions.get(i), new TermInSetQuery(keywordDimensions.get(i), terms));
            }
        }
        if (filters.yearFrom() != null || filters.yearTo() != null) {
            queries.put(
                    IndexSchema.YEAR,
                    IntPoint.newRangeQuery(
                            IndexSchema.YEAR,
                            filters.yearFrom() == null ? Integer.MIN_VALUE : filters.yearFrom(),
                            filters.yearTo() == null ? Integer.MAX_VALUE : filters.yearTo()));
        }
        return queries;
    }

    private static Map<String, List<FacetValue>> values(Facets facets) throws IOException {
        Map<String, List<FacetValue>> values = new LinkedHashMap<>();
        for (String dimension : IndexSchema.FACET_DIMENSIONS) {
            FacetResult result = facets.getTopChildren(VALUES_PER_DIMENSION, dimension);
            List<FacetValue> counts = new ArrayList<>();
            if (result != null) {
                for (LabelAndValue value : result.labelValues) {
                    counts.add(new FacetValue(value.label, value.value.longValue()));
                }
            }
            values.put(dimension, counts);
        }
        return values;
    }
}
