package org.alima.portal.api.accounts;

import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Accepts personal API tokens ({@code Authorization: Bearer pat_…}) beside Micronaut's JWT validator, which cannot
 * parse them and passes; this one passes on anything that is not shaped like an API token. The database lookup runs on
 * the blocking executor, never on the event loop. Thread-safe.
 */
@Singleton
final class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final ApiTokens tokens;
    private final ExecutorService blocking;

    ApiTokenValidator(ApiTokens tokens, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tokens = tokens;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!ApiTokens.looksLike(token)) {
            return Publishers.empty();
        }
        // A null result completes the publisher empty: not authenticated by this validator.
        return new AsyncSingleResultPublisher<>(
                blocking, () -> tokens.authenticate(token).orElse(null));
    }
}
