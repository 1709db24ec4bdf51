package org.alima.portal.api.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.landing.SiteAddress;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.NotFoundException;
import org.alima.portal.api.system.ProblemCatalogue;

/**
 * The signed-in account's saved searches: save one (its words and filters, with a name), list, rename or change,
 * delete, and renew a private feed address (the old one stops working). Everything acts on the caller's own searches;
 * another account's search is answered as an unknown one.
 */
@Controller("/api/account/saved-searches")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Saved searches")
class SavedSearchController {

    private final SavedSearches searches;
    private final Mailer mailer;
    private final SiteAddress site;

    SavedSearchController(SavedSearches searches, Mailer mailer, SiteAddress site) {
        this.searches = searches;
        this.mailer = mailer;
        this.site = site;
    }

    @Operation(
            summary = "My saved searches",
            description = "Oldest first, each with its private feed address; mailConfigured says whether the portal"
                    + " can send digests at all.")
    @Get
    SavedSearchResponse.Listing list(Viewer viewer, HttpRequest<?> request) {
        String base = site.base(request);
        return new SavedSearchResponse.Listing(
                searches.list(viewer.accountId()).stream()
                        .map(s -> SavedSearchResponse.of(s, base))
                        .toList(),
                mailer.isConfigured());
    }

    /**
     * Saves a search: {@code name} (required, at most 100 characters), {@code q}, {@code filters} ({@code type},
     * {@code language}, {@code country}, {@code topic}, {@code collection}: each a list), {@code frequency} of e-mail
     * digests ({@code none}, {@code daily}, {@code weekly}) and their {@code language} ({@code fr}, {@code en}). A
     * digest tells of what is published after it was turned on.
     */
    @Operation(summary = "Save a search")
    @Post(consumes = MediaType.APPLICATION_JSON)
    HttpResponse<SavedSearchResponse> create(
            Viewer viewer,
            @Valid @Body SavedSearchRequest body,
            HttpRequest<?> request,
            @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        if (body.name() == null) {
            throw InvalidInputException.of(
                    "name", "is required: a name to recognise the search by, e.g. 'Malaria in Mali'");
        }
        Map<String, List<String>> filters = SavedSearches.checkFilters(body.filters());
        String language = body.language() != null
                ? body.language()
                : ProblemCatalogue.languageOf(acceptLanguage).getLanguage();
        String base = site.base(request);
        SavedSearch saved = searches.create(
                viewer.accountId(),
                body.name().strip(),
                body.q() == null || body.q().isBlank() ? null : body.q().strip(),
                filters,
                body.frequency() == null ? Frequency.NONE : Frequency.of(body.frequency()),
                language,
                base);
        return HttpResponse.created(
                SavedSearchResponse.of(saved, base), URI.create("/api/account/saved-searches/" + saved.id()));
    }

    @Operation(summary = "One of my saved searches")
    @Get("/{id}")
    SavedSearchResponse get(Viewer viewer, @PathVariable UUID id, HttpRequest<?> request) {
        return SavedSearchResponse.of(
                searches.find(viewer.accountId(), id).orElseThrow(() -> unknown(id)), site.base(request));
    }

    /** Renames a saved search or changes its words, filters, digests or their language: what is given changes. */
    @Operation(summary = "Change one of my saved searches")
    @Patch(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    SavedSearchResponse update(
            Viewer viewer, @PathVariable UUID id, @Valid @Body SavedSearchRequest body, HttpRequest<?> request) {
        SavedSearch changed = searches.update(
                        viewer.accountId(),
                        id,
                        body.name() == null ? null : body.name().strip(),
                        body.q() == null ? null : body.q().strip(),
                        body.filters() == null ? null : SavedSearches.checkFilters(body.filters()),
                        body.frequency() == null ? null : Frequency.of(body.frequency()),
                        body.language())
                .orElseThrow(() -> unknown(id));
        return SavedSearchResponse.of(changed, site.base(request));
    }

    @Operation(summary = "Delete one of my saved searches")
    @Delete("/{id}")
    HttpResponse<Void> delete(Viewer viewer, @PathVariable UUID id) {
        if (!searches.delete(viewer.accountId(), id)) {
            throw unknown(id);
        }
        return HttpResponse.noContent();
    }

    /** Revokes the saved search's feed address and gives it a new one: the old address answers 404 from now on. */
    @Operation(summary = "Renew the private feed address of one of my saved searches")
    @Post("/{id}/feed-token")
    SavedSearchResponse renewFeed(Viewer viewer, @PathVariable UUID id, HttpRequest<?> request) {
        return SavedSearchResponse.of(
                searches.renewFeedToken(viewer.accountId(), id).orElseThrow(() -> unknown(id)), site.base(request));
    }

    /** The query string of the web page's results for the saved search ({@code q=…&type=…}), encoded. */
    static String searchQuery(SavedSearch saved) {
        List<String> parts = new ArrayList<>();
        if (saved.query() != null) {
            parts.add("q=" + encode(saved.query()));
        }
        saved.filters().forEach((name, values) -> values.forEach(v -> parts.add(name + "=" + encode(v))));
        return String.join("&", parts);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static NotFoundException unknown(UUID id) {
        return new NotFoundException(
                "you have no saved search with the id " + id + "; list yours with GET /api/account/saved-searches");
    }
}
