package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import java.util.regex.Matcher;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.search.InvalidQueryException;
import org.alima.portal.api.search.PageViews;
import org.alima.portal.api.search.ReaderLanguage;
import org.alima.portal.api.system.NotFoundException;

/**
 * The light page view, {@code /documents/{id}/pages/{n}?q=…}: one page of a document as a small HTML page written on
 * the server (its title, "page n of N", the page's text with the query's words marked, the previous and next pages,
 * the one-page PDF and the whole file with their sizes), for a reader on a slow link or a phone without a PDF viewer.
 * No script. French or English: {@code lang}, else Accept-Language, else French. What the API's page endpoint
 * refuses, it answers with a page that says so and where to go on. Stateless and thread-safe.
 */
@Controller("/documents")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
class PageViewController {

    private static final MediaType HTML = MediaType.of("text/html; charset=utf-8");

    private final DocumentPages pages;

    PageViewController(DocumentPages pages) {
        this.pages = pages;
    }

    @Get(value = "/{id}/pages/{page}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> view(
            HttpRequest<?> request,
            @PathVariable String id,
            @PathVariable String page,
            @QueryValue @Nullable String q,
            @QueryValue @Nullable String lang,
            Viewer viewer) {
        String chosen = ReaderLanguage.of(
                lang != null && lang.matches("[A-Za-z]{2}") ? lang : null,
                request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        PageViewHtml html = new PageViewHtml(chosen);
        Matcher number = PageController.PAGE.matcher(page);
        UUID documentId = uuid(id);
        if (documentId == null || !number.matches() || number.group(2) != null) {
            return answer(HttpStatus.NOT_FOUND, notFound(html), html);
        }
        int asked = Integer.parseInt(number.group(1));
        String query = q == null || q.isBlank() ? null : q;
        try {
            PageResponse shown;
            try {
                shown = pages.page(documentId, Math.max(asked, 1), query, chosen, viewer);
            } catch (InvalidQueryException refused) {
                // Words search would refuse (a leading wildcard…) are not marked; the page is still the reader's.
                shown = pages.page(documentId, Math.max(asked, 1), null, chosen, viewer);
            }
            return answer(HttpStatus.OK, html.page(shown, query), html);
        } catch (NotFoundException e) {
            return answer(HttpStatus.NOT_FOUND, notFound(html), html);
        } catch (PageOutOfRangeException e) {
            return answer(
                    HttpStatus.NOT_FOUND,
                    html.problem(
                            html.text("notFound"),
                            html.text("pastEnd", e.pageCount(), asked),
                            html.text("lastPage", e.pageCount()),
                            PageViews.path(id, e.pageCount(), query) + (query == null ? "?" : "&") + "lang="
                                    + html.language()),
                    html);
        } catch (FileWithdrawnException e) {
            return answer(
                    HttpStatus.GONE, html.problem(html.text("notFound"), html.text("withdrawn"), null, null), html);
        } catch (PageUnavailableException e) {
            return answer(
                    HttpStatus.CONFLICT,
                    html.problem(
                            html.text("notIndexed"),
                            html.text("notIndexed"),
                            html.text("notIndexedFile"),
                            DocumentController.BASE + "/" + id + "/file"),
                    html);
        }
    }

    private static String notFound(PageViewHtml html) {
        return html.problem(html.text("notFound"), html.text("notFoundText"), null, null);
    }

    private static HttpResponse<String> answer(HttpStatus status, String body, PageViewHtml html) {
        return HttpResponse.<String>status(status)
                .contentType(HTML)
                .header(HttpHeaders.CONTENT_LANGUAGE, html.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Content-Security-Policy", PageViewHtml.POLICY)
                .body(body);
    }

    private static @Nullable UUID uuid(String id) {
        try {
            return id.length() == 36 ? UUID.fromString(id) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
