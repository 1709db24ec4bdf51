package org.alima.portal.api.usage;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which answered requests are a view or a download, and hands them to the {@link UsageCounter}: a filter,
 * so that the pages and files that are counted keep no knowledge of counting. Stateless and thread-safe.
 *
 * <p>One view per page load, whichever page the reader loads:
 * <ul>
 *   <li>{@code GET /documents/{id}} answered 200: the server-written landing page (its script fetches only the
 *       related documents, not the document again);
 *   <li>{@code GET /api/documents/{id}?view=true} answered 200: the web app's document page, which asks for the
 *       document with {@code view=true} once when it opens. Its other reads of a document (an older version, the
 *       document again after an action) and every other API client's do not say so and are not views: a script
 *       reading the API is not a reader opening a page.
 * </ul>
 * A download is {@code GET /api/documents/{id}/file} (as an attachment or inline) or {@code …/pages/{n}.pdf} answered
 * 200 or 304 (the browser's copy is still good: COUNTER counts it too), or 206 for a range that starts at the first
 * byte (a PDF viewer asks for the rest in more ranges, which are not more downloads). HEAD requests and browsers'
 * prefetches ({@code Sec-Purpose: prefetch}) are not counted.
 */
@ServerFilter({"/documents/*", "/api/documents/*", "/api/documents/*/file", "/api/documents/*/pages/*"})
final class UsageFilter {

    private static final String ID = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static final Pattern LANDING = Pattern.compile("/documents/" + ID);
    private static final Pattern RECORD = Pattern.compile("/api/documents/" + ID);
    private static final Pattern FILE = Pattern.compile("/api/documents/" + ID + "/(?:file|pages/[0-9]{1,6}\\.pdf)");

    private final UsageCounter counter;

    UsageFilter(UsageCounter counter) {
        this.counter = counter;
    }

    @ResponseFilter
    void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() != HttpMethod.GET || isPrefetch(request)) {
            return;
        }
        String path = request.getPath();
        int status = response.code();
        Matcher m;
        if ((m = LANDING.matcher(path)).matches() && status == 200) {
            counter.record(request, UUID.fromString(m.group(1)), UsageKind.VIEW);
        } else if ((m = RECORD.matcher(path)).matches()
                && status == 200
                && request.getParameters().get("view", Boolean.class).orElse(false)) {
            counter.record(request, UUID.fromString(m.group(1)), UsageKind.VIEW);
        } else if ((m = FILE.matcher(path)).matches() && isWholeOrFirstPart(response, status)) {
            counter.record(request, UUID.fromString(m.group(1)), UsageKind.DOWNLOAD);
        }
    }

    private static boolean isWholeOrFirstPart(MutableHttpResponse<?> response, int status) {
        if (status == 200 || status == 304) {
            return true;
        }
        return status == 206
                && response.getHeaders()
                        .get(HttpHeaders.CONTENT_RANGE, String.class)
                        .map(range -> range.startsWith("bytes 0-"))
                        .orElse(false);
    }

    private static boolean isPrefetch(HttpRequest<?> request) {
        String purpose = request.getHeaders().get("Sec-Purpose");
        String legacy = request.getHeaders().get("Purpose");
        return (purpose != null && purpose.contains("prefetch")) || "prefetch".equalsIgnoreCase(legacy);
    }
}
