package org.alima.portal.api.accounts;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.util.Locale;

/** Whether a request presents a bearer token at all, valid or not. */
final class BearerTokens {

    private BearerTokens() {}

    static boolean presented(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ");
    }
}
