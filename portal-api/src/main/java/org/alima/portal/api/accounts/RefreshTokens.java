package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.errors.IssuingAnAccessTokenErrorCode;
import io.micronaut.security.errors.OauthErrorResponseException;
import io.micronaut.security.token.event.RefreshTokenGeneratedEvent;
import io.micronaut.security.token.refresh.RefreshTokenPersistence;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.alima.portal.api.audit.AuditLog;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the refresh tokens handed out at sign-in (hashed) and decides whether one may renew access: only while it is
 * live (unrevoked, unexpired, its session used within the idle timeout, its account enabled), and only once.
 * Thread-safe.
 *
 * <p>Refresh tokens rotate: using one revokes it, and the renewal hands out a new one of the same sign-in session, its
 * family ({@link RotatingLoginHandler}). A used token presented again means that two parties hold it, the owner and a
 * thief, with no telling which is which: the whole family is revoked, both must sign in again, and
 * {@code auth.refresh_reuse} is audited. A session not renewed for {@code portal.accounts.refresh-idle-timeout} (7
 * days) ends; however active, it ends {@code portal.accounts.refresh-token-lifetime} (30 days) after its sign-in.
 */
@Singleton
class RefreshTokens implements RefreshTokenPersistence {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokens.class);

    private final AccountRepository accounts;
    private final AuditLog audit;
    private final ExecutorService blocking;
    private final Duration lifetime;
    private final Duration idleTimeout;

    RefreshTokens(
            AccountRepository accounts,
            AuditLog audit,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            @Value("${portal.accounts.refresh-token-lifetime:30d}") Duration lifetime,
            @Value("${portal.accounts.refresh-idle-timeout:7d}") Duration idleTimeout) {
        this.accounts = accounts;
        this.audit = audit;
        this.blocking = blocking;
        this.lifetime = lifetime;
        this.idleTimeout = idleTimeout;
    }

    /** Stores a token handed out at sign-in or renewal; a renewal's keeps its session's first expiry. */
    @Override
    public void persistToken(RefreshTokenGeneratedEvent event) {
        accounts.storeRefreshToken(
                UUID.fromString(event.getAuthentication().getName()),
                SignIn.hash(event.getRefreshToken()),
                Instant.now().plus(lifetime),
                SignIn.sessionOf(event.getAuthentication()));
    }

    /**
     * Uses {@code refreshToken} up (Micronaut's token endpoint calls this with the token's verified key), off the
     * event loop: the database is asked, and the new token that follows is stored, on a blocking thread.
     */
    @Override
    public Publisher<Authentication> getAuthentication(String refreshToken) {
        return new AsyncSingleResultPublisher<>(
                blocking,
                () -> use(SignIn.hash(refreshToken))
                        .orElseThrow(() -> new OauthErrorResponseException(
                                IssuingAnAccessTokenErrorCode.INVALID_GRANT,
                                "the refresh token is revoked, used already, expired or idle too long, or its account"
                                        + " disabled",
                                null)));
    }

    /**
     * The owner of a live token, now used up; else nothing, and for a token used already its family revoked and the
     * reuse audited, in the same transaction.
     */
    @Transactional
    Optional<Authentication> use(String tokenHash) {
        Optional<AccountRepository.RefreshTokenOwner> owner = accounts.rotateRefreshToken(tokenHash, idleTimeout);
        if (owner.isPresent()) {
            return Optional.of(
                    SignIn.authentication(owner.get().account(), owner.get().session()));
        }
        accounts.findRotated(tokenHash).ifPresent(reused -> {
            int revoked = accounts.endSession(reused.account(), reused.session());
            LOG.warn(
                    "A used refresh token of account {} was presented again: its session {} is revoked ({} live"
                            + " tokens)",
                    reused.account(),
                    reused.session(),
                    revoked);
            audit.record(
                    Viewer.ANONYMOUS,
                    "auth.refresh_reuse",
                    "account",
                    reused.account().toString(),
                    Map.of("session", String.valueOf(reused.session()), "revoked", revoked));
        });
        return Optional.empty();
    }

    /** Revokes the token whose key (the refresh token's signed payload) is {@code key}, and its session's others. */
    boolean revoke(String key) {
        return accounts.revokeRefreshToken(SignIn.hash(key));
    }
}
