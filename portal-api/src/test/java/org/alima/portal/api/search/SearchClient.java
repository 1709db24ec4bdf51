package org.alima.portal.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.client.annotation.Client;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.alima.portal.api.access.Viewer;

/**
 * The search contract as tests call it: typed answers, and a search written as a {@link Query}. Public, with {@link
 * SearchResults}, for the tests of the features whose documents search finds (documents, collections).
 */
@Client("/api")
public interface SearchClient extends SearchApi {

    /** How long a change may take to reach search: the worker's job, then the index's refresh. */
    Duration INDEXING = Duration.ofSeconds(60);

    /** The ids of a page's hits, in order. */
    static List<String> ids(SearchResults page) {
        return page.hits().stream().map(SearchResults.SearchHit::id).toList();
    }

    /**
     * Searches every 100 ms, as {@code viewer}, until the page satisfies {@code done}, and returns it: changes reach
     * search through the worker.
     */
    default SearchResults awaitSearch(Query query, Viewer viewer, Predicate<SearchResults> done) {
        AtomicReference<SearchResults> reached = new AtomicReference<>();
        await("a search for " + query + " giving the expected answer")
                .atMost(INDEXING)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    SearchResults page = search(query, viewer);
                    assertThat(done.test(page)).as("answer %s", page).isTrue();
                    reached.set(page);
                });
        return reached.get();
    }

    /** Searches with the defaults of every parameter {@code query} leaves alone. */
    default SearchResults search(Query query, Viewer viewer) {
        return search(
                query.q(),
                query.type(),
                query.language(),
                query.country(),
                query.topic(),
                query.collection(),
                null,
                null,
                null,
                null,
                null,
                query.yearFrom(),
                null,
                query.sort(),
                1,
                query.size(),
                query.cursor(),
                3,
                true,
                query.fields(),
                query.includeSuperseded(),
                query.lang(),
                query.acceptLanguage(),
                viewer);
    }

    /** A search as a test writes it: its words, and what it changes of the defaults. Immutable. */
    public record Query(
            @Nullable String q,
            @Nullable List<String> type,
            @Nullable List<String> language,
            @Nullable List<String> country,
            @Nullable List<String> topic,
            @Nullable List<String> collection,
            @Nullable Integer yearFrom,
            String sort,
            int size,
            @Nullable String cursor,
            @Nullable List<String> fields,
            @Nullable String lang,
            @Nullable String acceptLanguage,
            boolean includeSuperseded) {

        public static Query of(@Nullable String q) {
            return new Query(q, null, null, null, null, null, null, "relevance", 10, null, null, null, null, false);
        }

        public Query type(String... values) {
            return new Query(
                    q,
                    List.of(values),
                    language,
                    country,
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    fields,
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query language(String... values) {
            return new Query(
                    q,
                    type,
                    List.of(values),
                    country,
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    fields,
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query country(String... values) {
            return new Query(
                    q,
                    type,
                    language,
                    List.of(values),
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    fields,
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query topic(String... values) {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    List.of(values),
                    collection,
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    fields,
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query collection(String... values) {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    topic,
                    List.of(values),
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    fields,
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query newestFrom(int year) {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    topic,
                    collection,
                    year,
                    "newest",
                    size,
                    cursor,
                    fields,
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query size(int value) {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    value,
                    cursor,
                    fields,
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query after(String nextCursor) {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    size,
                    nextCursor,
                    fields,
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query fields(String... values) {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    List.of(values),
                    lang,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query lang(@Nullable String value) {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    fields,
                    value,
                    acceptLanguage,
                    includeSuperseded);
        }

        public Query acceptLanguage(String value) {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    fields,
                    lang,
                    value,
                    includeSuperseded);
        }

        /** Versions that a newer published one supersedes count too. */
        public Query withSuperseded() {
            return new Query(
                    q,
                    type,
                    language,
                    country,
                    topic,
                    collection,
                    yearFrom,
                    sort,
                    size,
                    cursor,
                    fields,
                    lang,
                    acceptLanguage,
                    true);
        }
    }
}
