package org.alima.portal.api.metrics;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Lets a Prometheus server scrape {@value #PATH} with {@code Authorization: Bearer <PORTAL_METRICS_TOKEN>}; immutable
 * and thread-safe. The token authenticates that one path only, as the role {@value #ROLE}, which no other route
 * admits; anywhere else it is an unknown bearer token (401).
 *
 * <p>Why a token on the main port rather than a management port: the portal is often one process behind one
 * forwarded port on a small server, and a second port is one more thing for an operator to open or forget to close.
 * Without the variable the endpoint does not exist (404).
 */
@Singleton
public final class MetricsToken implements TokenValidator<HttpRequest<?>> {

    /** The variable that holds the token; set, it turns the endpoint on (see {@link #properties}). */
    static final String VARIABLE = "PORTAL_METRICS_TOKEN";

    static final String PATH = "/prometheus";
    static final String ROLE = "metrics";

    /** A guessable secret is worse than none, since it looks like one. */
    static final int MIN_LENGTH = 16;

    private final byte[] token;

    MetricsToken(@Value("${portal.metrics.token:}") String token) {
        if (!token.isEmpty() && token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(VARIABLE + " must have at least " + MIN_LENGTH
                    + " characters; generate one with: openssl rand -hex 32");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The Micronaut properties that the environment's {@value #VARIABLE} stands for: the token and the Prometheus
     * endpoint switched on; none when it is unset or blank.
     */
    public static Map<String, Object> properties(Map<String, String> environment) {
        String value = environment.getOrDefault(VARIABLE, "");
        if (value.isBlank()) {
            return Map.of();
        }
        return Map.of("portal.metrics.token", value, "endpoints.prometheus.enabled", true);
    }

    @Override
    public Publisher<Authentication> validateToken(String presented, HttpRequest<?> request) {
        if (token.length == 0 || request == null || !request.getPath().equals(PATH)) {
            return Publishers.empty();
        }
        // Constant time: the answer's timing must not tell how much of a guess was right.
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return Publishers.empty();
        }
        return Publishers.just(Authentication.build("prometheus", List.of(ROLE)));
    }
}
