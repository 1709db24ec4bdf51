package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The documents one search may see: its caller's {@link Access}, and whether superseded versions count. Every query
 * that finds, counts or proposes anything goes through {@link #restrict}, so results, totals, facet counts, type-ahead,
 * did-you-mean and related documents all agree on what the caller may see. Immutable; thread-safe.
 */
record Visibility(Access access, boolean includeSuperseded) {

    Visibility {
        Objects.requireNonNull(access, "access");
    }

    /** What a search request may see. */
    static Visibility of(SearchRequest request) {
        return new Visibility(request.access(), request.includeSuperseded());
    }

    /** The current versions among the documents this access may see. */
    static Visibility current(Access access) {
        return new Visibility(access, false);
    }

    /** Whether some document may be hidden from this search. */
    boolean restricts() {
        return !access.unrestricted() || !includeSuperseded;
    }

    /**
     * The query limited to the visible documents by clauses that do not score: a hit keeps its score, and counts of
     * any kind (total, facets) include visible documents only.
     */
    Query restrict(Query query) {
        if (!restricts()) {
            return query;
        }
        BooleanQuery.Builder restricted = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        Query audiences = access.filter();
        if (audiences != null) {
            restricted.add(audiences, BooleanClause.Occur.FILTER);
        }
        if (!includeSuperseded) {
            restricted.add(IndexSchema.supersededQuery(), BooleanClause.Occur.MUST_NOT);
        }
        return restricted.build();
    }

    /**
     * Visible documents holding this term: its document frequency as if the index held only them. Unrestricted, the
     * index's own statistic (deleted documents included until merged away, as Lucene counts them).
     */
    int documentFrequency(IndexSearcher searcher, Term term) throws IOException {
        if (!restricts()) {
            return searcher.getIndexReader().docFreq(term);
        }
        return searcher.count(restrict(new TermQuery(term)));
    }

    /**
     * Refuses a query that names by {@code collection:value} a collection the caller may not know of, or any
     * collection by a pattern (a prefix or fuzzy value could match one it may not know of); the refusal reads the same
     * whether such a collection exists or not.
     *
     * @throws QuerySyntaxException {@link QuerySyntaxException.Problem#UNKNOWN_COLLECTION}
     */
    void checkCollectionClauses(ParsedQuery query) {
        if (access.collections() == null) {
            return;
        }
        for (String value : query.valuesOf(IndexSchema.COLLECTION)) {
            if (value == null || !access.knowsCollection(value)) {
                throw new QuerySyntaxException(
                        QuerySyntaxException.Problem.UNKNOWN_COLLECTION,
                        -1,
                        "searches 'collection:" + (value == null ? "…" : value) + "', which is not the slug of a"
                                + " public collection; search within a collection with the collection parameter and"
                                + " a slug from /api/collections");
            }
        }
    }

    /**
     * The filters with only the collections the caller may know of, or empty when the request asked only for
     * collections it may not know of: a search within them finds nothing, as within one that does not exist.
     */
    Optional<Filters> knownFilters(Filters asked) {
        if (access.collections() == null || asked.collections().isEmpty()) {
            return Optional.of(asked);
        }
        String[] known = asked.collections().stream()
                .filter(slug -> access.knowsCollection(IndexSchema.keywordTerm(slug)))
                .toArray(String[]::new);
        return known.length == 0 ? Optional.empty() : Optional.of(asked.withCollections(known));
    }

    /** The facet counts without the collections the caller may not know of. */
    Map<String, List<FacetValue>> knownFacets(Map<String, List<FacetValue>> counted) {
        if (access.collections() == null || !counted.containsKey(IndexSchema.COLLECTION)) {
            return counted;
        }
        Map<String, List<FacetValue>> known = new LinkedHashMap<>(counted);
        known.put(
                IndexSchema.COLLECTION,
                counted.get(IndexSchema.COLLECTION).stream()
                        .filter(value -> access.knowsCollection(IndexSchema.keywordTerm(value.value())))
                        .toList());
        return known;
    }
}
