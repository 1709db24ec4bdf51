package org.alima.portal.api.landing;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;
import org.alima.portal.api.system.ClientAddresses;

/**
 * The portal's absolute address, which sitemaps, feeds, canonical links and Google Scholar's tags need: {@code
 * PORTAL_PUBLIC_URL} when set (the address readers use behind a proxy), else the request's own scheme and host.
 * Thread-safe.
 */
@Singleton
public final class SiteAddress {

    /** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port: nothing else is echoed. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?");

    private final String configured;
    private final ClientAddresses clients;

    SiteAddress(@Value("${portal.public-url:}") String configured, ClientAddresses clients) {
        this.configured = configured.strip().replaceAll("/+$", "");
        if (!this.configured.isEmpty()) {
            URI uri = URI.create(this.configured);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "PORTAL_PUBLIC_URL must be an absolute http(s) address such as https://evidence.example.org,"
                                + " not " + configured);
            }
        }
        this.clients = clients;
    }

    /** The absolute address of {@code path} (which starts with /) as seen by the client of {@code request}. */
    public String of(HttpRequest<?> request, String path) {
        return base(request) + path;
    }

    /** The absolute address of document {@code id}'s permanent public page, as its citations name it. */
    public String ofDocument(HttpRequest<?> request, UUID id) {
        return of(request, DocumentHead.landingPath(id));
    }

    /** The portal's address without a trailing slash. */
    public String base(HttpRequest<?> request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return (clients.isHttps(request) ? "https://" : "http://") + host;
    }
}
