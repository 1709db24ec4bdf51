package org.alima.portal.api.accounts;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.claims.ClaimsGenerator;
import io.micronaut.security.token.event.AccessTokenGeneratedEvent;
import io.micronaut.security.token.event.RefreshTokenGeneratedEvent;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.generator.DefaultAccessRefreshTokenGenerator;
import io.micronaut.security.token.generator.RefreshTokenGenerator;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import io.micronaut.security.token.render.TokenRenderer;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Micronaut's token generator, except that a refresh hands out a new refresh token with the new access token instead
 * of the one presented (which {@link RefreshTokens} has just revoked): refresh tokens rotate on every use. The new one
 * belongs to the same sign-in session, its family. Thread-safe.
 */
@Singleton
@Replaces(DefaultAccessRefreshTokenGenerator.class)
final class RotatingTokenGenerator extends DefaultAccessRefreshTokenGenerator {

    RotatingTokenGenerator(
            AccessTokenConfiguration accessTokenConfiguration,
            TokenRenderer tokenRenderer,
            TokenGenerator tokenGenerator,
            BeanContext beanContext,
            RefreshTokenGenerator refreshTokenGenerator,
            ClaimsGenerator claimsGenerator,
            ApplicationEventPublisher<RefreshTokenGeneratedEvent> refreshTokenGeneratedEventPublisher,
            ApplicationEventPublisher<AccessTokenGeneratedEvent> accessTokenGeneratedEventPublisher) {
        super(
                accessTokenConfiguration,
                tokenRenderer,
                tokenGenerator,
                beanContext,
                refreshTokenGenerator,
                claimsGenerator,
                refreshTokenGeneratedEventPublisher,
                accessTokenGeneratedEventPublisher);
    }

    @Override
    public Optional<AccessRefreshToken> generate(String refreshToken, Authentication authentication) {
        return generate(authentication);
    }
}
