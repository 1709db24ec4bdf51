package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.search.ReaderLanguage;
import org.alima.portal.api.system.InvalidInputException;

/**
 * A document's pages over the API: the text of one page as JSON, the words of a query marked, and the page alone as a
 * PDF cut on the server, for a reader on a slow link who needs page 51, not the 3 MB file. The same visibility as the
 * file's (404 for a document the viewer may not see, 410 for a withdrawn one to a reader). Stateless and thread-safe.
 */
@Controller(DocumentController.BASE)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "documents")
@ExecuteOn(TaskExecutors.BLOCKING)
class PageController {

    /** A page number, alone for the text or followed by {@code .pdf} for the one-page PDF. */
    static final Pattern PAGE = Pattern.compile("([0-9]{1,6})(\\.pdf)?");

    private static final String LANGUAGE_TAG = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}";

    private final DocumentPages pages;

    PageController(DocumentPages pages) {
        this.pages = pages;
    }

    /**
     * {@code …/pages/7}: the text of page 7 as JSON ({@link PageResponse}), the words of {@code q} marked as search
     * marks them (its language decided as search decides it, with {@code lang} or Accept-Language on a tie), with the
     * previous and next pages and the sizes of the one-page PDF and of the whole file. {@code …/pages/7.pdf}: page 7
     * alone as a PDF, cut once and kept, with an ETag ({@code If-None-Match} answers 304). A page past the end is a 404
     * {@code page-out-of-range} naming the last page.
     */
    @Operation(summary = "Read one page of a document (…/pages/N as JSON, …/pages/N.pdf as a one-page PDF)")
    @Get(
            value = "/{id}/pages/{page}",
            produces = {MediaType.APPLICATION_JSON, "application/pdf"})
    HttpResponse<?> page(
            HttpRequest<?> request,
            @PathVariable UUID id,
            @PathVariable String page,
            @QueryValue @Nullable String q,
            @QueryValue
                    @Nullable
                    @jakarta.validation.constraints.Pattern(
                            regexp = LANGUAGE_TAG,
                            message = "must be a language code such as fr or en")
                    String lang,
            @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch,
            Viewer viewer)
            throws IOException {
        Matcher asked = PAGE.matcher(page);
        if (!asked.matches() || Integer.parseInt(asked.group(1)) < 1) {
            throw InvalidInputException.of(
                    "page", "must be a page number from 1, such as 7, or 7.pdf for the page alone as a PDF");
        }
        int number = Integer.parseInt(asked.group(1));
        if (asked.group(2) == null) {
            String language = ReaderLanguage.of(lang, request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
            return HttpResponse.ok(pages.page(id, number, q, language, viewer))
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        DocumentPages.Served served = pages.served(id, viewer);
        String etag = "\"" + served.file().sha256() + ".p" + number + "\"";
        if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, etag)) {
            return pdfHeaders(HttpResponse.status(HttpStatus.NOT_MODIFIED), etag, served, number);
        }
        PagePdfs.Cut cut = pages.pdf(served, number);
        return pdfHeaders(HttpResponse.ok(), etag, served, number)
                .body(new StreamedFile(
                        Files.newInputStream(cut.path()), MediaType.of("application/pdf"), 0, cut.size()));
    }

    private static <T> MutableHttpResponse<T> pdfHeaders(
            MutableHttpResponse<T> response, String etag, DocumentPages.Served served, int page) {
        String name = served.file().name().value().replaceFirst("(?i)\\.pdf$", "") + "-p" + page + ".pdf";
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline(name))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
