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
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.audit.AuditLog;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the refresh tokens handed out at sign-in (hashed), so that a refresh is honoured only while its token is
 * live: unrevoked, unexpired, used within the idle timeout, and its account enabled; the refreshed token carries the
 * account's current role and the session the refresh token belongs to. Thread-safe.
 *
 * <p>Each refresh token is good for one use: using it revokes it, and a new one of the same session (its family) comes
 * with the new access token ({@link RotatingTokenGenerator}). A used token presented again means that two parties hold
 * it, the owner and a thief, and there is no telling which is which: the whole family is revoked and both sign in
 * again. A session unused for {@code portal.accounts.refresh-idle-timeout} (7 days) ends; however active, it ends
 * {@code portal.accounts.refresh-token-lifetime} (30 days) after its sign-in.
 */
@Singleton
final class RefreshTokens implements RefreshTokenPersistence {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokens.class);

    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Duration lifetime;
    private final Duration idleTimeout;

    RefreshTokens(
            AccountRepository accounts,
            AuditLog audit,
            @Value("${portal.accounts.refresh-token-lifetime:30d}") Duration lifetime,
            @Value("${portal.accounts.refresh-idle-timeout:7d}") Duration idleTimeout) {
        this.accounts = accounts;
        this.audit = audit;
        this.lifetime = lifetime;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void persistToken(RefreshTokenGeneratedEvent event) {
        accounts.storeRefreshToken(
                UUID.fromString(event.getAuthentication().getName()),
                SignIn.hash(event.getRefreshToken()),
                Instant.now().plus(lifetime),
                SignIn.sessionOf(event.getAuthentication()));
        // (The repository keeps a session's first expiry for its later tokens: rotation does not extend it.)
    }

    // A single indexed lookup on the local database; not worth a reactive driver.
    @Override
    public Publisher<Authentication> getAuthentication(String refreshToken) {
        AccountRepository.RefreshUse use = accounts.useRefreshToken(SignIn.hash(refreshToken), idleTimeout);
        if (use.owner() != null) {
            return Publishers.just(
                    SignIn.authentication(use.owner().account(), use.owner().session()));
        }
        if (use.reusedBy() != null) {
            LOG.warn(
                    "A used refresh token of account {} was presented again: its session {} is revoked ({} tokens)",
                    use.reusedBy(),
                    use.session(),
                    use.revoked());
            audit.record(
                    Viewer.ANONYMOUS,
                    "auth.refresh_reuse",
                    "account",
                    use.reusedBy().toString(),
                    Map.of("session", String.valueOf(use.session()), "revoked", use.revoked()));
        }
        return Publishers.just(new OauthErrorResponseException(
                IssuingAnAccessTokenErrorCode.INVALID_GRANT,
                "the refresh token is revoked, used already, expired or idle too long, or its account disabled;"
                        + " sign in again",
                null));
    }

    /** Revokes the token whose key (the refresh token's signed payload) is {@code key}, and its session's others. */
    boolean revoke(String key) {
        return accounts.revokeRefreshToken(SignIn.hash(key));
    }
}
