package org.alima.portal.api.system;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.MediaTypeProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * Puts the browser's protections on every answer; immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer} on all of them: JSON,
 *       citations, files and problems are never reinterpreted as another type, and no URL of the portal (a search,
 *       a token in a fragment is never sent, but a query is) leaks to another site in a Referer.
 *   <li>A Content-Security-Policy on HTML (the web pages and Swagger UI) that has none of its own: scripts, styles,
 *       images and connections from the portal only, no plugins, no {@code <base>}, never framed. An answer that
 *       set its own policy keeps it (stored files are sandboxed by the documents controller), and a PDF shown inline
 *       gets none, because browsers' PDF viewers break under one (see the documents controller).
 *   <li>{@code Strict-Transport-Security} when the client came over HTTPS ({@link ClientAddresses#isHttps}), for
 *       {@code portal.http.hsts-max-age} (a year by default; 0 turns it off). Over plain HTTP a browser ignores it.
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {

    static final String PAGE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final ClientAddresses clients;
    private final SwaggerUiPolicy swaggerUi;
    private final Optional<String> hsts;

    SecurityHeaders(
            ClientAddresses clients,
            SwaggerUiPolicy swaggerUi,
            @Value("${portal.http.hsts-max-age:365d}") Duration hstsMaxAge) {
        if (hstsMaxAge.isNegative()) {
            throw new IllegalArgumentException("portal.http.hsts-max-age must be 0 (off) or more, got " + hstsMaxAge);
        }
        this.clients = clients;
        this.swaggerUi = swaggerUi;
        this.hsts = hstsMaxAge.isZero()
                ? Optional.empty()
                : Optional.of("max-age=" + hstsMaxAge.toSeconds() + "; includeSubDomains");
    }

    @ResponseFilter
    void protect(HttpRequest<?> request, MutableHttpResponse<?> response) {
        HttpHeaders headers = response.getHeaders();
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        if (!headers.contains("Content-Security-Policy") && isHtml(response)) {
            String path = request.getPath();
            response.header(
                    "Content-Security-Policy",
                    path.startsWith(SwaggerUiPolicy.PATH) ? swaggerUi.policy() : PAGE_POLICY);
            response.header("X-Frame-Options", "DENY");
        }
        if (hsts.isPresent() && clients.isHttps(request)) {
            response.header("Strict-Transport-Security", hsts.get());
        }
    }

    /** HTML by its header, or a static page whose type its file body gives (the header is written after filters). */
    private static boolean isHtml(MutableHttpResponse<?> response) {
        Optional<MediaType> type = response.getContentType();
        if (type.isEmpty() && response.body() instanceof MediaTypeProvider file) {
            type = Optional.ofNullable(file.getMediaType());
        }
        return type.map(t -> t.getName().equals(MediaType.TEXT_HTML)).orElse(false);
    }

    @Override
    public int getOrder() {
        // Inside the request log, so that every answer it logs carries the headers, errors included.
        return HIGHEST_PRECEDENCE + 10;
    }
}
