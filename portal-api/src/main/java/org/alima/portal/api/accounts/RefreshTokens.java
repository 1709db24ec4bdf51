package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.errors.IssuingAnAccessTokenErrorCode;
import io.micronaut.security.errors.OauthErrorResponseException;
import io.micronaut.security.token.event.RefreshTokenGeneratedEvent;
import io.micronaut.security.token.refresh.RefreshTokenPersistence;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.reactivestreams.Publisher;

/**
 * Keeps the refresh tokens handed out at sign-in (hashed), so that a refresh is honoured only while its token is
 * live: unrevoked, unexpired, and its account enabled; the refreshed token carries the account's current role and the
 * session the refresh token belongs to.
 * Thread-safe.
 */
@Singleton
final class RefreshTokens implements RefreshTokenPersistence {

    private final AccountRepository accounts;
    private final Duration lifetime;

    RefreshTokens(
            AccountRepository accounts, @Value("${portal.accounts.refresh-token-lifetime:30d}") Duration lifetime) {
        this.accounts = accounts;
        this.lifetime = lifetime;
    }

    @Override
    public void persistToken(RefreshTokenGeneratedEvent event) {
        accounts.storeRefreshToken(
                UUID.fromString(event.getAuthentication().getName()),
                SignIn.hash(event.getRefreshToken()),
                Instant.now().plus(lifetime),
                SignIn.sessionOf(event.getAuthentication()));
    }

    // A single indexed lookup on the local database; not worth a reactive driver.
    @Override
    public Publisher<Authentication> getAuthentication(String refreshToken) {
        return accounts.findByRefreshToken(SignIn.hash(refreshToken))
                .map(owner -> Publishers.just(SignIn.authentication(owner.account(), owner.session())))
                .orElseGet(() -> Publishers.just(new OauthErrorResponseException(
                        IssuingAnAccessTokenErrorCode.INVALID_GRANT,
                        "the refresh token is revoked or expired, or its account disabled; sign in again",
                        null)));
    }

    /** Revokes the token whose key (the refresh token's signed payload) is {@code key}. */
    boolean revoke(String key) {
        return accounts.revokeRefreshToken(SignIn.hash(key));
    }
}
