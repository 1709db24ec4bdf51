package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Refuses (401) a request that sends a bearer token no validator accepted (expired, revoked, forged, unsigned, meant
 * for another audience), on every route, open ones included: a client that sends a token means to act as its account,
 * and quietly serving it as an anonymous reader would hide, say, its own drafts without telling it to renew the token.
 * Sign-in, refresh and sign-out stay open, so that a stale token never stands in the way of getting a new one.
 * Stateless and thread-safe.
 */
@Singleton
final class PresentedTokenRule implements SecurityRule<HttpRequest<?>> {

    /** Before the {@code @Secured} rule, which would admit the request as anonymous on an open route. */
    static final int ORDER = SecuredAnnotationRule.ORDER - 100;

    @Override
    public Publisher<SecurityRuleResult> check(
            @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request != null
                && authentication == null
                && BearerTokens.presented(request)
                && !request.getPath().startsWith("/api/auth/")) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
