package org.alima.portal.api.search;

import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The addresses of a document's pages: the light page view that search hits link to, and the API's text and one-page
 * PDF of a page. The one place they are written; here, beside the search hits that link to them, since the documents
 * feature that serves them already depends on search. Stateless.
 */
public final class PageViews {

    private PageViews() {}

    /** The page view of page {@code page}, the words of {@code q} marked; {@code q} null or blank for none. */
    public static String path(String documentId, int page, @Nullable String q) {
        String path = "/documents/" + documentId + "/pages/" + page;
        return q == null || q.isBlank() ? path : path + "?q=" + URLEncoder.encode(q.strip(), StandardCharsets.UTF_8);
    }

    /** The API's text of a page, as JSON. */
    public static String text(String documentId, int page) {
        return "/api/documents/" + documentId + "/pages/" + page;
    }

    /** The API's one-page PDF of a page. */
    public static String pdf(String documentId, int page) {
        return text(documentId, page) + ".pdf";
    }
}
