package org.alima.portal.api.alerts;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.alima.portal.api.landing.AtomFeeds;
import org.alima.portal.api.landing.PublicDocument;
import org.alima.portal.api.landing.PublishedDocuments;
import org.alima.portal.api.landing.SiteAddress;
import org.alima.portal.api.search.SearchForFeeds;
import org.alima.portal.api.system.NotFoundException;

/**
 * A saved search's private Atom feed, at an address whose token only its owner was given: no sign-in, since feed
 * readers have none. It lists what the owner finds now, published documents only, newest first; a revoked token, a
 * deleted search or a disabled account answer 404. Thread-safe.
 */
@Controller("/feeds/saved")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "feeds")
class PrivateFeedController {

    /** Entries per feed, as the public feeds. */
    static final int ENTRIES = 50;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SavedSearches searches;
    private final SearchForFeeds search;
    private final PublishedDocuments documents;
    private final SiteAddress site;
    private final AtomFeeds atom;

    PrivateFeedController(
            SavedSearches searches,
            SearchForFeeds search,
            PublishedDocuments documents,
            SiteAddress site,
            AtomFeeds atom) {
        this.searches = searches;
        this.search = search;
        this.documents = documents;
        this.site = site;
        this.atom = atom;
    }

    /** The path of the feed that {@code token} opens. */
    static String path(String token) {
        return "/feeds/saved/" + token;
    }

    @Operation(summary = "Private Atom feed of a saved search")
    @Get(value = "/{token}", produces = "application/atom+xml")
    HttpResponse<String> feed(HttpRequest<?> request, @PathVariable String token) {
        NotFoundException unknown = new NotFoundException(
                "No saved search has this feed address: it was revoked or deleted. The account page of its owner"
                        + " shows the current one.");
        if (!TOKEN.matcher(token).matches()) {
            throw unknown;
        }
        SavedSearches.FeedOwner found = searches.byFeedToken(token).orElseThrow(() -> unknown);
        SavedSearch saved = found.search();
        List<UUID> ids = search.newest(found.owner().viewer(), saved.query(), saved.filters(), ENTRIES).stream()
                .map(UUID::fromString)
                .toList();
        List<PublicDocument> published =
                documents.published(ids).stream().filter(d -> !d.isSuperseded()).toList();
        String body = atom.write(
                site.base(request),
                path(token),
                saved.name(),
                "/#/search?" + SavedSearchController.searchQuery(saved),
                published);
        return HttpResponse.ok(body)
                .contentType(AtomFeeds.ATOM)
                // Its owner's: kept by no shared cache, and out of search engines.
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                .header("X-Robots-Tag", "noindex");
    }
}
