package org.alima.portal.api.landing;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders a page's template (under {@code views/}) to a string before the answer starts: a template that fails
 * becomes an error answer, not a page cut off after its status was sent. Thread-safe.
 */
@Singleton
final class PageRenderer {

    private final ThymeleafViewsRenderer<Map<String, Object>> thymeleaf;

    PageRenderer(ThymeleafViewsRenderer<Map<String, Object>> thymeleaf) {
        this.thymeleaf = thymeleaf;
    }

    String render(String view, Map<String, Object> model, HttpRequest<?> request) {
        StringWriter out = new StringWriter();
        try {
            thymeleaf.render(view, model, request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the page " + view, e);
        }
        return out.toString();
    }
}
