package org.alima.portal.api.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.client.annotation.Client;
import java.util.List;
import org.alima.portal.api.access.Viewer;

/** The search contract as tests call it: typed answers, and a search written as a {@link Query}. */
@Client("/api")
interface SearchClient extends SearchApi {

    /** Searches with the defaults of every parameter {@code query} leaves alone. */
    default SearchResults search(Query query, Viewer viewer) {
        return search(
                query.q(),
                query.type(),
                query.language(),
                query.country(),
                query.topic(),
                query.collection(),
                query.yearFrom(),
                null,
                query.sort(),
                1,
                query.size(),
                query.cursor(),
                3,
                true,
                query.fields(),
                false,
                query.lang(),
                query.acceptLanguage(),
                viewer);
    }

    /** A search as a test writes it: its words, and what it changes of the defaults. Immutable. */
    record Query(
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
            @Nullable String acceptLanguage) {

        static Query of(@Nullable String q) {
            return new Query(q, null, null, null, null, null, null, "relevance", 10, null, null, null, null);
        }

        Query type(String... values) {
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
                    acceptLanguage);
        }

        Query language(String... values) {
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
                    acceptLanguage);
        }

        Query country(String... values) {
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
                    acceptLanguage);
        }

        Query topic(String... values) {
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
                    acceptLanguage);
        }

        Query collection(String... values) {
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
                    acceptLanguage);
        }

        Query newestFrom(int year) {
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
                    acceptLanguage);
        }

        Query size(int value) {
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
                    acceptLanguage);
        }

        Query after(String nextCursor) {
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
                    acceptLanguage);
        }

        Query fields(String... values) {
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
                    acceptLanguage);
        }

        Query lang(@Nullable String value) {
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
                    acceptLanguage);
        }

        Query acceptLanguage(String value) {
            return new Query(
                    q, type, language, country, topic, collection, yearFrom, sort, size, cursor, fields, lang, value);
        }
    }
}
