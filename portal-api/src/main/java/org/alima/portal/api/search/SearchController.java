package org.alima.portal.api.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionDirectory;
import org.alima.portal.api.indexing.Audiences;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.NotFoundException;
import org.alima.portal.api.vocabularies.Vocabulary;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.DocumentNotFoundException;
import org.alima.portal.indexer.search.Filters;
import org.alima.portal.indexer.search.InvalidSearchRequestException;
import org.alima.portal.indexer.search.QuerySyntaxException;
import org.alima.portal.indexer.search.SearchFailedException;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchResponse.FacetValue;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;
import org.alima.portal.indexer.search.SearchTimeoutException;
import org.alima.portal.indexer.search.Suggestion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search over HTTP ({@link SearchApi}): results pages, type-ahead and related documents, each timed ({@link #TIMER}).
 * Reads only the search index, never PostgreSQL, so it keeps answering while the database is down; the index holds
 * only documents that are indexed and not withdrawn, each with who may find it (see {@link Audiences}), and every
 * search is restricted to what its caller may see ({@link CollectionDirectory#searchAccessOf}). Stateless and
 * thread-safe; searches run on the blocking executor, off the event loop.
 */
@Controller("/api")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "search")
@ExecuteOn(TaskExecutors.BLOCKING)
class SearchController implements SearchApi {

    private static final Logger LOG = LoggerFactory.getLogger(SearchController.class);

    /** The deepest hit reachable by page number ({@code page × size}); deeper, the cursor pages on. */
    static final int MAX_DEPTH = SearchRequest.MAX_FROM;

    /**
     * The timer of the index's answers apart from HTTP (parsing the request and writing the JSON are in the HTTP
     * server's histogram), with histogram buckets and an {@code operation} tag (search, suggest or related): seen by
     * Prometheus as {@code portal_search_seconds_bucket}, {@code _count} and {@code _sum}. A refused or timed-out search
     * is timed too.
     */
    static final String TIMER = "portal.search";

    private final SearchEngine search;
    private final CollectionDirectory collections;
    private final Timer searchTime;
    private final Timer suggestTime;
    private final Timer relatedTime;

    SearchController(SearchEngine search, CollectionDirectory collections, MeterRegistry registry) {
        this.search = search;
        this.collections = collections;
        this.searchTime = timer(registry, "search");
        this.suggestTime = timer(registry, "suggest");
        this.relatedTime = timer(registry, "related");
    }

    /**
     * One page of results for {@code q} (words, "phrases", -exclusions, OR, field:value; empty lists everything),
     * with each hit's best pages, facet counts and a did-you-mean. Filters may be repeated (values of one filter are
     * alternatives; filters combine). Page with {@code page} up to {@code page × size} = 10000, or with the previous
     * answer's {@code nextCursor} at any depth. {@code fields} (e.g. {@code id,title,pages}) keeps only those parts.
     * Only the documents the caller may see count, in the hits, the total, the facets and the did-you-mean: published
     * ones for everyone, a contributor's own drafts for them, everything for curators. Versions that a newer published
     * one supersedes are left out unless {@code includeSuperseded=true}. A French query also searches its English
     * translation and the reverse: {@code lang} (the page's interface language, else the first of French or English
     * in Accept-Language) decides the query's language when its words do not, and the answer says how the query was
     * read ({@code queryLanguage}, {@code translatedQuery}); a hit whose {@code language} differs was found in the
     * other language. {@code sort} is {@code relevance} or {@code newest}; left out, it is relevance for a query and
     * newest first when browsing without one (every document scores alike then).
     */
    @Operation(summary = "Search documents")
    @Parameter(name = "type", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "language", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "country", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "topic", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "collection", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "design", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "health", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "population", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "setting", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "intervention", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Override
    public SearchResults search(
            @Nullable String q,
            @Nullable List<String> type,
            @Nullable List<String> language,
            @Nullable List<String> country,
            @Nullable List<String> topic,
            @Nullable List<String> collection,
            @Nullable List<String> design,
            @Nullable List<String> health,
            @Nullable List<String> population,
            @Nullable List<String> setting,
            @Nullable List<String> intervention,
            @Nullable Integer yearFrom,
            @Nullable Integer yearTo,
            @Nullable String sort,
            int page,
            int size,
            @Nullable String cursor,
            int pages,
            boolean facets,
            @Nullable List<String> fields,
            boolean includeSuperseded,
            @Nullable String lang,
            @Nullable String acceptLanguage,
            Viewer viewer) {
        SearchResults.Fields selected = SearchResults.Fields.parse(fields);
        if ((long) page * size > MAX_DEPTH) {
            throw InvalidInputException.of(
                    "page",
                    "goes past result " + MAX_DEPTH + " (page × size must be at most " + MAX_DEPTH
                            + "); page deeper with the previous answer's nextCursor");
        }
        if (cursor != null && page != 1) {
            throw InvalidInputException.of("cursor", "cannot be combined with page; give one or the other");
        }
        if (cursor != null && cursor.length() > SearchRequest.MAX_CURSOR_LENGTH) {
            throw InvalidInputException.of("cursor", "is not one this server produced; pass nextCursor unchanged");
        }
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw InvalidInputException.of("yearFrom", "must not be after yearTo (" + yearTo + ")");
        }
        Access access = collections.searchAccessOf(viewer);
        Filters filters = new Filters(
                values("type", type),
                values("language", language),
                values("country", country),
                values("topic", topic),
                values("collection", collection),
                codes(Vocabulary.DESIGN, design),
                codes(Vocabulary.HEALTH, health),
                codes(Vocabulary.POPULATION, population),
                codes(Vocabulary.SETTING, setting),
                codes(Vocabulary.INTERVENTION, intervention),
                yearFrom,
                yearTo);
        SearchRequest request = SearchRequest.of(q)
                .withFilters(filters)
                .withSort(order(sort, q))
                .withSize(size)
                .withPagesPerHit(selected.includes("pages") ? pages : 0)
                .withFacets(facets && selected.includes("facets"))
                .withAccess(access)
                .withIncludeSuperseded(includeSuperseded)
                .withReaderLanguage(ReaderLanguage.of(lang, acceptLanguage));
        request = cursor != null ? request.withCursor(cursor) : request.withFrom((page - 1) * size);
        SearchRequest asked = request;
        SearchResponse response =
                run(() -> searchTime.record(() -> search.search(asked)), cursor != null ? "cursor" : "q");
        List<SearchResults.SearchHit> hits = new ArrayList<>(response.hits().size());
        response.hits().forEach(hit -> hits.add(hit(hit, selected, q)));
        return new SearchResults(
                response.total(),
                hits,
                asked.withFacets() ? facets(response.facets()) : null,
                response.nextCursor(),
                selected.includes("didYouMean") ? response.didYouMean() : null,
                selected.includes("tookMillis") ? response.tookMillis() : null,
                selected.includes("queryLanguage") ? response.queryLanguage() : null,
                selected.includes("translatedQuery") ? response.translatedQuery() : null);
    }

    /**
     * Titles and keywords that complete what the user is typing, best first: titles open a document. Taken only from
     * the latest versions of the documents the caller may see.
     */
    @Operation(summary = "Complete what a user is typing")
    @Override
    public Suggestions suggest(@Nullable String q, int size, Viewer viewer) {
        Access access = Audiences.of(viewer);
        List<Suggestion> found = run(() -> suggestTime.record(() -> search.autocomplete(q, size, access)), "q");
        return new Suggestions(found.stream()
                .map(s ->
                        new Suggestions.Suggestion(s.text(), s.kind().name().toLowerCase(Locale.ROOT), s.documentId()))
                .toList());
    }

    /**
     * The documents most like this one (its words, authors and topics), best first, among the latest versions of those
     * the caller may see, without the document's own versions (listed with the document, not related to it). A document the caller may not see is not found, as an unknown one.
     */
    @Operation(summary = "Find related documents")
    @Override
    public RelatedDocuments related(UUID id, int size, Viewer viewer) {
        Access access = Audiences.of(viewer);
        List<Hit> found;
        try {
            found = run(() -> relatedTime.record(() -> search.related(id.toString(), size, access)), "size");
        } catch (DocumentNotFoundException e) {
            throw new NotFoundException("Document " + id + " is not in the search index: it does not exist, is not"
                    + " indexed yet, was withdrawn, or is not yours to see.");
        }
        SearchResults.Fields noPages = SearchResults.Fields.ALL;
        return new RelatedDocuments(
                id.toString(),
                found.stream().map(hit -> hit(hit, noPages, null)).toList());
    }

    /** The order asked for, else the one that means something for {@code q}: newest first when there is no query. */
    static SortOrder order(@Nullable String sort, @Nullable String q) {
        if (sort != null) {
            return SortOrder.valueOf(sort.toUpperCase(Locale.ROOT));
        }
        return q == null || q.isBlank() ? SortOrder.NEWEST : SortOrder.RELEVANCE;
    }

    /**
     * Runs a search and turns the indexer's failures into answers: a refused query is the caller's (400), a search
     * over time or an unreadable index the server's (503).
     *
     * @param field the request field that a refused request parameter is reported against
     */
    static <T> T run(Supplier<T> work, String field) {
        try {
            return work.get();
        } catch (QuerySyntaxException e) {
            if (e.problem() == QuerySyntaxException.Problem.UNKNOWN_COLLECTION) {
                // A field the caller got wrong rather than a query search cannot run: answered as before the rule
                // moved into search.
                throw InvalidInputException.of("q", e.getMessage());
            }
            throw new InvalidQueryException(e);
        } catch (InvalidSearchRequestException e) {
            throw InvalidInputException.of(field, e.getMessage());
        } catch (SearchTimeoutException e) {
            throw SearchUnavailableException.timedOut(e);
        } catch (EngineUnavailableException e) {
            LOG.warn("The search engine is unavailable: {}", e.getMessage());
            throw SearchUnavailableException.engineUnavailable(e);
        } catch (SearchFailedException | IndexException e) {
            LOG.error("The search index could not be read", e);
            throw SearchUnavailableException.indexUnreadable(e);
        }
    }

    private static Timer timer(MeterRegistry registry, String operation) {
        return Timer.builder(TIMER)
                .description("Time the search index took to answer, by operation")
                .tag("operation", operation)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    static Set<String> values(String field, @Nullable List<String> given) {
        if (given == null) {
            return Set.of();
        }
        if (given.size() > Filters.MAX_VALUES) {
            throw InvalidInputException.of(
                    field, "has " + given.size() + " values; at most " + Filters.MAX_VALUES + " are allowed");
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String value : given) {
            if (value.length() > Filters.MAX_VALUE_LENGTH) {
                throw InvalidInputException.of(
                        field,
                        "has a value of " + value.length() + " characters; at most " + Filters.MAX_VALUE_LENGTH
                                + " are allowed");
            }
            if (!value.isBlank()) {
                kept.add(value);
            }
        }
        return kept;
    }

    /**
     * The codes of a controlled vocabulary asked for, as its filter (named by {@link Vocabulary#key()}); a code that
     * is not one of the vocabulary's is refused, naming them all.
     */
    static Set<String> codes(Vocabulary vocabulary, @Nullable List<String> given) {
        return vocabulary.checked(vocabulary.key(), values(vocabulary.key(), given));
    }

    /** @param q the query, carried to each page's view to mark its words there; null for none */
    private static SearchResults.SearchHit hit(Hit hit, SearchResults.Fields selected, @Nullable String q) {
        List<SearchResults.PageLink> pages = null;
        if (selected.includes("pages")) {
            pages = new ArrayList<>(hit.pages().size());
            for (PageHit page : hit.pages()) {
                pages.add(new SearchResults.PageLink(
                        page.page(),
                        page.snippet(),
                        "/api/documents/" + hit.id() + "/file?inline=true#page=" + page.page(),
                        PageViews.path(hit.id(), page.page(), q),
                        page.byMeaning() ? Boolean.TRUE : null,
                        page.ocr() ? Boolean.TRUE : null));
            }
        }
        return new SearchResults.SearchHit(
                selected.includes("id") ? hit.id() : null,
                selected.includes("title") ? hit.title() : null,
                selected.includes("score") && Float.isFinite(hit.score()) ? hit.score() : null,
                selected.includes("authors") ? hit.authors() : null,
                selected.includes("type") ? hit.type() : null,
                selected.includes("language") ? hit.language() : null,
                selected.includes("year") ? hit.year() : null,
                pages,
                selected.includes("reviewOverdueSince") ? text(ReviewDue.overdueSince(hit.reviewDue())) : null,
                selected.includes("missingWords") && hit.isPartial() ? hit.missingWords() : null,
                selected.includes("translations") && !hit.translations().isEmpty()
                        ? hit.translations().stream()
                                .map(other ->
                                        new SearchResults.OtherLanguage(other.id(), other.language(), other.title()))
                                .toList()
                        : null);
    }

    private static @Nullable String text(@Nullable LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static Map<String, List<SearchResults.FacetCount>> facets(Map<String, List<FacetValue>> counted) {
        Map<String, List<SearchResults.FacetCount>> facets = new LinkedHashMap<>();
        counted.forEach((dimension, values) -> facets.put(
                dimension,
                values.stream()
                        .map(v -> new SearchResults.FacetCount(v.value(), v.count()))
                        .toList()));
        return facets;
    }
}
