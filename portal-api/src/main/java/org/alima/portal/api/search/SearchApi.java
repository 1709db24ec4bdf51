package org.alima.portal.api.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.Format;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.indexer.search.SearchRequest;

/**
 * The HTTP contract of search, under {@code /api}: results pages, type-ahead and related documents, with their
 * parameters, bounds and answers. {@link SearchController} implements it and tests call it through a declarative
 * client.
 *
 * <p>The filters ({@code type}, {@code language}, {@code country}, {@code topic}, {@code collection}, and the codes
 * of the controlled vocabularies {@code design}, {@code health}, {@code population}, {@code setting}, {@code
 * intervention}) are repeated
 * parameters, one value per repetition ({@code MULTI}): a topic may hold a comma ("Malnutrition, acute").
 */
interface SearchApi {

    String YEAR = "must be a year between 0 and 9999";

    /** A BCP 47 language tag's shape, as a web page sends its interface language ("fr", "en", "en-GB"). */
    String LANGUAGE_TAG = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}";

    @Get("/search")
    SearchResults search(
            @QueryValue @Nullable String q,
            @QueryValue @Nullable @Format("MULTI") List<String> type,
            @QueryValue @Nullable @Format("MULTI") List<String> language,
            @QueryValue @Nullable @Format("MULTI") List<String> country,
            @QueryValue @Nullable @Format("MULTI") List<String> topic,
            @QueryValue @Nullable @Format("MULTI") List<String> collection,
            @QueryValue @Nullable @Format("MULTI") List<String> design,
            @QueryValue @Nullable @Format("MULTI") List<String> health,
            @QueryValue @Nullable @Format("MULTI") List<String> population,
            @QueryValue @Nullable @Format("MULTI") List<String> setting,
            @QueryValue @Nullable @Format("MULTI") List<String> intervention,
            @QueryValue @Nullable @Min(value = 0, message = YEAR) @Max(value = 9999, message = YEAR) Integer yearFrom,
            @QueryValue @Nullable @Min(value = 0, message = YEAR) @Max(value = 9999, message = YEAR) Integer yearTo,
            @QueryValue @Nullable @Pattern(regexp = "relevance|newest", message = "must be relevance or newest")
                    String sort,
            @QueryValue(defaultValue = "1") @Min(value = 1, message = "must be 1 or more (pages count from 1)")
                    int page,
            @QueryValue(defaultValue = "10")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(
                            value = SearchRequest.MAX_SIZE,
                            message = "must be at most " + SearchRequest.MAX_SIZE + ", the largest page size")
                    int size,
            @QueryValue @Nullable String cursor,
            @QueryValue(defaultValue = "3")
                    @Min(value = 0, message = "must be 0 or more")
                    @Max(
                            value = SearchRequest.MAX_PAGES_PER_HIT,
                            message = "must be at most " + SearchRequest.MAX_PAGES_PER_HIT + " pages per hit")
                    int pages,
            @QueryValue(defaultValue = "true") boolean facets,
            @QueryValue @Nullable List<String> fields,
            @QueryValue(defaultValue = "false") boolean includeSuperseded,
            @QueryValue @Nullable @Pattern(regexp = LANGUAGE_TAG, message = "must be a language code such as fr or en")
                    String lang,
            @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage,
            Viewer viewer);

    @Get("/search/suggest")
    Suggestions suggest(
            @QueryValue @Nullable String q,
            @QueryValue(defaultValue = "8")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 20, message = "must be at most 20")
                    int size,
            Viewer viewer);

    @Get("/documents/{id}/related")
    RelatedDocuments related(
            @PathVariable UUID id,
            @QueryValue(defaultValue = "5")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 50, message = "must be at most 50")
                    int size,
            Viewer viewer);
}
