package org.alima.portal.api.packs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.search.SearchForFeeds;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;

/**
 * A collection's or a search's offline pack over HTTP: a ZIP with a page that opens from the file system and searches every page
 * of the collection's published documents without a network. Stateless and thread-safe; the plan is read on the
 * blocking executor, the pack built in the background by {@link PackCache}.
 */
@Controller("/api")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class PackController {

    static final MediaType ZIP = MediaType.of("application/zip");

    /** The results a search's pack holds unless asked otherwise, and the most it may hold. */
    static final int DEFAULT_SEARCH_RESULTS = 50;

    static final int MAX_SEARCH_RESULTS = 100;

    /** Seconds a client waits before asking again while its pack is being built. */
    static final int RETRY_SECONDS = 2;

    private final PackPlans plans;
    private final PackCache cache;

    PackController(PackPlans plans, PackCache cache) {
        this.plans = plans;
        this.cache = cache;
    }

    /**
     * The offline pack of a collection: public collections for anyone, private ones for their curators and
     * administrators (404 for others, as the collection itself). Only published documents go in. The first request
     * for a version starts its build and answers 202 with Retry-After and Location (this same address); once built,
     * 200 with the ZIP and its version as ETag, or 304 when If-None-Match names it. A change to the collection, its
     * items or notes, one of its documents or the options makes a new version.
     */
    @Tag(name = "collections")
    @Operation(
            summary = "Download a collection for offline use",
            description = "A ZIP holding index.html (opens from the file system, searches offline), pack-data.js (the"
                    + " documents, their metadata, citations and curators' notes, and the search over every page),"
                    + " the PDFs under files/ and manifest.json (every entry's size and SHA-256, the version and"
                    + " build date).")
    @ApiResponse(responseCode = "200", description = "The pack", content = @Content(mediaType = "application/zip"))
    @ApiResponse(
            responseCode = "202",
            description = "Being built: ask the Location again after Retry-After seconds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current version")
    @ApiResponse(
            responseCode = "400",
            description = "files or maxFileBytes refused",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "404",
            description = "No such collection, or a private one the caller does not curate",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "503",
            description = "The last build failed (the reason is in the problem) or the portal is busy building packs;"
                    + " see Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    @Get(
            value = "/collections/{slug}/pack",
            produces = {"application/zip", MediaType.APPLICATION_JSON})
    HttpResponse<?> pack(
            @PathVariable String slug,
            @Parameter(description = "all (default): every PDF; none: metadata and search only") @QueryValue @Nullable
                    String files,
            @Parameter(description = "leave out the PDFs larger than this many bytes") @QueryValue @Nullable
                    String maxFileBytes,
            @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch,
            Viewer viewer,
            HttpRequest<?> request)
            throws IOException {
        PackOptions options = PackOptions.of(files, maxFileBytes);
        PackPlan plan = plans.plan(slug, viewer, options, request);
        return answer(plan, ifNoneMatch, request);
    }

    /**
     * The offline pack of a search's results: the first {@code limit} published documents the search finds (50 by
     * default, at most 100), best match first, with the same filters as the search endpoint and the caller's rights.
     * Built, cached and answered as a collection's pack.
     */
    @Operation(
            summary = "Download a search's results for offline use",
            description = "The same ZIP as a collection's pack, holding the first results of the search.")
    @Tag(name = "search")
    @ApiResponse(responseCode = "200", description = "The pack", content = @Content(mediaType = "application/zip"))
    @ApiResponse(
            responseCode = "202",
            description = "Being built: ask the Location again after Retry-After seconds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current version")
    @ApiResponse(
            responseCode = "400",
            description = "q and every filter empty, an unknown code, or limit, files or maxFileBytes refused",
            content = @Content(mediaType = "application/problem+json"))
    @Get(
            value = "/search/pack",
            produces = {"application/zip", MediaType.APPLICATION_JSON})
    HttpResponse<?> searchPack(
            @Parameter(description = "the words of the search") @QueryValue @Nullable String q,
            @Parameter(
                            description = "how many results, 1 to " + MAX_SEARCH_RESULTS + " (default "
                                    + DEFAULT_SEARCH_RESULTS + ")")
                    @QueryValue
                    @Nullable
                    String limit,
            @Parameter(description = "all (default): every PDF; none: metadata and search only") @QueryValue @Nullable
                    String files,
            @Parameter(description = "leave out the PDFs larger than this many bytes") @QueryValue @Nullable
                    String maxFileBytes,
            @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch,
            Viewer viewer,
            HttpRequest<?> request)
            throws IOException {
        int size = limit(limit);
        PackOptions options = PackOptions.of(files, maxFileBytes);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String name : SearchForFeeds.FILTERS) {
            filters.put(name, request.getParameters().getAll(name));
        }
        return answer(plans.planSearch(q, filters, size, viewer, options, request), ifNoneMatch, request);
    }

    /** The {@code limit} of a search's pack, checked. */
    static int limit(@Nullable String limit) {
        if (limit == null) {
            return DEFAULT_SEARCH_RESULTS;
        }
        int size;
        try {
            size = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            size = 0;
        }
        if (size < 1 || size > MAX_SEARCH_RESULTS) {
            throw new InvalidInputException(List.of(new FieldError(
                    "limit",
                    "must be a whole number from 1 to " + MAX_SEARCH_RESULTS + ", was '" + limit
                            + "'; a larger set belongs in a collection, whose pack has no limit")));
        }
        return size;
    }

    private HttpResponse<?> answer(PackPlan plan, @Nullable String ifNoneMatch, HttpRequest<?> request)
            throws IOException {
        String etag = "\"" + plan.version() + "\"";
        if (ifNoneMatch != null && matches(ifNoneMatch, plan.version())) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        return switch (cache.state(plan)) {
            case PackCache.State.Ready ready ->
                HttpResponse.ok(new StreamedFile(Files.newInputStream(ready.zip()), ZIP, 0, Files.size(ready.zip())))
                        .header(HttpHeaders.ETAG, etag)
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + plan.fileName() + "\"");
            case PackCache.State.Building building ->
                HttpResponse.status(HttpStatus.ACCEPTED)
                        .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_SECONDS))
                        .header(HttpHeaders.LOCATION, request.getUri().toString())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(Map.of("status", "building"));
        };
    }

    /** If-None-Match against the version, RFC 9110 weak comparison (a {@code W/} prefix ignored); {@code *} matches. */
    static boolean matches(String ifNoneMatch, String version) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals("\"" + version + "\"")) {
                return true;
            }
        }
        return false;
    }
}
