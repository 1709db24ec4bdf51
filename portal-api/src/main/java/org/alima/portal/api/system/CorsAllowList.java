package org.alima.portal.api.system;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Opens CORS to exactly the origins listed in {@code portal.cors.allowed-origins}, and keeps it closed when the list is
 * empty (the default); thread-safe.
 *
 * <p>Micronaut's own CORS configuration allows <em>every</em> origin when its list is empty, the opposite of what a
 * portal that accepts uploads wants, hence this translation rather than plain {@code micronaut.server.cors} keys.
 */
@Singleton
final class CorsAllowList implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {

    private final List<String> allowedOrigins;

    CorsAllowList(@Value("${portal.cors.allowed-origins:}") List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream()
                .map(String::strip)
                .filter(o -> !o.isEmpty())
                .toList();
    }

    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(
            BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        HttpServerConfiguration.CorsConfiguration cors = event.getBean();
        if (allowedOrigins.isEmpty()) {
            cors.setEnabled(false);
            return cors;
        }
        CorsOriginConfiguration portal = new CorsOriginConfiguration();
        portal.setAllowedOrigins(allowedOrigins);
        portal.setAllowedMethods(List.of(
                HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE));
        portal.setExposedHeaders(List.of("Location", "ETag", "Content-Disposition", "Content-Range", "Retry-After"));
        portal.setAllowCredentials(false);
        cors.setEnabled(true);
        cors.setLocalhostPassThrough(false);
        cors.setConfigurations(Map.of("portal", portal));
        return cors;
    }
}
