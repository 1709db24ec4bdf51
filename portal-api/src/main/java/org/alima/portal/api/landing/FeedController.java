package org.alima.portal.api.landing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionResponse;
import org.alima.portal.api.collections.Curation;
import org.alima.portal.api.collections.ItemResponse;
import org.alima.portal.api.search.SearchForFeeds;
import org.alima.portal.api.system.NotFoundException;

/**
 * Atom feeds of what is published: the latest publications, a collection's, a type's, and any search's, newest
 * first, an entry per document (title, summary, authors, landing page and file links, updated). Anonymous: only
 * published documents. Written by {@link AtomFeeds}. Thread-safe.
 */
@Controller("/feeds")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "feeds")
class FeedController {

    /** Entries per feed: a reader polls for what is new, not for the archive. */
    static final int ENTRIES = 50;

    private final PublishedDocuments documents;
    private final Curation collections;
    private final SearchForFeeds search;
    private final SiteAddress site;
    private final AtomFeeds atom;

    FeedController(
            PublishedDocuments documents,
            Curation collections,
            SearchForFeeds search,
            SiteAddress site,
            AtomFeeds atom) {
        this.documents = documents;
        this.collections = collections;
        this.search = search;
        this.site = site;
        this.atom = atom;
    }

    @Operation(summary = "Atom feed of the latest publications")
    @Get(value = "/latest", produces = "application/atom+xml")
    HttpResponse<String> latest(HttpRequest<?> request) {
        return feed(
                request,
                "/feeds/latest",
                "Latest publications",
                "/",
                documents.latest(PublishedDocuments.Selection.ALL, ENTRIES));
    }

    @Operation(summary = "Atom feed of a type of document")
    @Get(value = "/types/{type}", produces = "application/atom+xml")
    HttpResponse<String> type(HttpRequest<?> request, @PathVariable String type) {
        if (!PageLanguage.ENGLISH.words().containsKey("type." + type)) {
            throw new NotFoundException("No type of document is called " + type + "; the types are "
                    + String.join(", ", typeNames()) + ".");
        }
        return feed(
                request,
                "/feeds/types/" + type,
                PageLanguage.ENGLISH.typeName(type),
                "/?type=" + type,
                documents.latest(new PublishedDocuments.Selection(type, null, null), ENTRIES));
    }

    @Operation(summary = "Atom feed of a collection")
    @Get(value = "/collections/{slug}", produces = "application/atom+xml")
    HttpResponse<String> collection(HttpRequest<?> request, @PathVariable String slug) {
        CollectionResponse collection = collections.get(slug, Viewer.ANONYMOUS);
        List<UUID> ids = (collection.items() == null ? List.<ItemResponse>of() : collection.items())
                .stream().map(i -> UUID.fromString(i.document().id())).toList();
        List<PublicDocument> found = new ArrayList<>(documents.published(ids));
        found.sort(Comparator.comparing((PublicDocument d) -> d.publishedAt() == null ? Instant.EPOCH : d.publishedAt())
                .reversed());
        String title = collection.title().en() != null
                ? collection.title().en()
                : collection.title().fr() != null ? collection.title().fr() : slug;
        return feed(
                request,
                "/feeds/collections/" + LandingController.encode(slug),
                title,
                "/collections/" + LandingController.encode(slug),
                found.subList(0, Math.min(ENTRIES, found.size())));
    }

    /**
     * A search as a feed: {@code q} and the search's filters ({@code type}, {@code language}, {@code country}, {@code
     * topic}, {@code collection}, and the vocabularies' {@code design}, {@code health}, {@code population}, {@code setting},
     * {@code intervention}, each repeatable), the newest matching publications first.
     */
    @Operation(summary = "Atom feed of a search")
    @Get(value = "/search", produces = "application/atom+xml")
    HttpResponse<String> search(
            HttpRequest<?> request,
            @QueryValue @Nullable @Size(max = 1000, message = "must be at most 1000 characters") String q) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String name : SearchForFeeds.FILTERS) {
            filters.put(name, request.getParameters().getAll(name));
        }
        List<UUID> ids = search.newest(q, filters, ENTRIES).stream()
                .map(UUID::fromString)
                .toList();
        String query = request.getUri().getRawQuery();
        String self = "/feeds/search" + (query == null ? "" : "?" + query);
        String page = "/" + (query == null ? "" : "?" + query);
        return feed(request, self, "Search: " + (q == null ? "" : q), page, documents.published(ids));
    }

    private HttpResponse<String> feed(
            HttpRequest<?> request, String self, String title, String page, List<PublicDocument> found) {
        return HttpResponse.ok(atom.write(site.base(request), self, title, page, found))
                .contentType(AtomFeeds.ATOM)
                .header(HttpHeaders.CACHE_CONTROL, "max-age=300");
    }

    private static List<String> typeNames() {
        return PageLanguage.ENGLISH.words().keySet().stream()
                .filter(k -> k.startsWith("type."))
                .map(k -> k.substring(5))
                .sorted()
                .toList();
    }
}
