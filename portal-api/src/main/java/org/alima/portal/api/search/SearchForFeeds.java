package org.alima.portal.api.search;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionDirectory;
import org.alima.portal.api.vocabularies.Vocabulary;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.Filters;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse.Hit;

/**
 * A search as a feed, a saved search's digest or a search's offline pack asks: what an anonymous reader (or the
 * search's owner, or the pack's caller) finds, newest publication or best match first, ids only. Bad input and an
 * unavailable index are answered as the search endpoint answers them (400, 503). Thread-safe.
 */
@Singleton
public final class SearchForFeeds {

    /**
     * The filters a feed or a saved search may carry, as the search endpoint names them; the codes of the controlled
     * vocabularies are checked as the search checks them.
     */
    public static final List<String> FILTERS = List.of(
            "type",
            "language",
            "country",
            "topic",
            "collection",
            "design",
            "health",
            "population",
            "setting",
            "intervention");

    private final SearchEngine search;
    private final CollectionDirectory collections;

    SearchForFeeds(SearchEngine search, CollectionDirectory collections) {
        this.search = search;
        this.collections = collections;
    }

    /**
     * The ids of the newest documents anyone may see that match {@code q} and the filters (type, language, country,
     * topic, collection, and the vocabularies' codes design, health, population, setting, intervention: each a list of
     * alternatives, as the search endpoint takes them).
     */
    public List<String> newest(@Nullable String q, Map<String, List<String>> filters, int size) {
        return newest(Viewer.ANONYMOUS, q, filters, size);
    }

    /**
     * As {@link #newest(String, Map, int)}, among what {@code viewer} may find (a saved search runs as its owner, with
     * the owner's role at the time): the caller keeps the published ones.
     */
    public List<String> newest(Viewer viewer, @Nullable String q, Map<String, List<String>> filters, int size) {
        return ids(viewer, q, filters, size, SortOrder.NEWEST);
    }

    /**
     * As {@link #newest(Viewer, String, Map, int)}, the best match first: the documents an offline pack of a search's
     * results holds.
     */
    public List<String> best(Viewer viewer, @Nullable String q, Map<String, List<String>> filters, int size) {
        return ids(viewer, q, filters, size, SortOrder.RELEVANCE);
    }

    private List<String> ids(
            Viewer viewer, @Nullable String q, Map<String, List<String>> filters, int size, SortOrder order) {
        Access access = collections.searchAccessOf(viewer);
        Filters chosen = new Filters(
                SearchController.values("type", filters.getOrDefault("type", List.of())),
                SearchController.values("language", filters.getOrDefault("language", List.of())),
                SearchController.values("country", filters.getOrDefault("country", List.of())),
                SearchController.values("topic", filters.getOrDefault("topic", List.of())),
                SearchController.values("collection", filters.getOrDefault("collection", List.of())),
                SearchController.codes(Vocabulary.DESIGN, filters.getOrDefault("design", List.of())),
                SearchController.codes(Vocabulary.HEALTH, filters.getOrDefault("health", List.of())),
                SearchController.codes(Vocabulary.POPULATION, filters.getOrDefault("population", List.of())),
                SearchController.codes(Vocabulary.SETTING, filters.getOrDefault("setting", List.of())),
                SearchController.codes(Vocabulary.INTERVENTION, filters.getOrDefault("intervention", List.of())),
                null,
                null);
        SearchRequest request = SearchRequest.of(q)
                .withFilters(chosen)
                .withSort(order)
                .withSize(size)
                .withPagesPerHit(0)
                .withFacets(false)
                .withAccess(access)
                .withFrom(0);
        return SearchController.run(() -> search.search(request), "q").hits().stream()
                .map(Hit::id)
                .toList();
    }
}
