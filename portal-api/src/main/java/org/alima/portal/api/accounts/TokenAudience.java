package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The audience written into every access token; validation (micronaut.security.token.jwt.claims-validators.audience)
 * refuses tokens meant for another service even when they are signed with the same key.
 */
@Singleton
final class TokenAudience implements ClaimsAudienceProvider {

    private final String audience;

    TokenAudience(@Value("${portal.accounts.token-audience:portal-api}") String audience) {
        this.audience = audience;
    }

    @Override
    public List<String> audience() {
        return List.of(audience);
    }
}
