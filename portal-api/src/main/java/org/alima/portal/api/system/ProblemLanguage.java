package org.alima.portal.api.system;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Locale;

/**
 * Answers every problem document in the language the client's {@code Accept-Language} prefers, French or English
 * (see {@link ProblemCatalogue}), with {@code Content-Language} saying which and {@code Vary: Accept-Language} so
 * that no cache serves one language for the other. Stateless and thread-safe.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ProblemLanguage implements Ordered {

    @ResponseFilter
    @SuppressWarnings("unchecked")
    void localize(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!(response.body() instanceof Problem problem)) {
            return;
        }
        Locale language = ProblemCatalogue.languageOf(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        ((MutableHttpResponse<Object>) response).body(ProblemCatalogue.localize(problem, language));
        response.header(HttpHeaders.CONTENT_LANGUAGE, language.getLanguage());
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }

    @Override
    public int getOrder() {
        // Inside the security headers and the request log, like them on every answer.
        return HIGHEST_PRECEDENCE + 20;
    }
}
