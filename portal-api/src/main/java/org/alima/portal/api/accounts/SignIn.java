package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs accounts in with their password, turning an account into the Micronaut {@link Authentication} that tokens
 * carry; thread-safe.
 */
@Singleton
final class SignIn {

    /** The claim naming the sign-in session, shared by the access tokens renewed with one refresh token. */
    static final String SESSION = "sid";

    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final SignInThrottle throttle;
    private final AccessRefreshTokenGenerator tokens;
    private final AuditLog audit;

    SignIn(
            AccountRepository accounts,
            Passwords passwords,
            SignInThrottle throttle,
            AccessRefreshTokenGenerator tokens,
            AuditLog audit) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.audit = audit;
    }

    /**
     * An access token and a refresh token for the account that {@code email} and {@code password} name. Successes,
     * failures and lockouts are logged and audited ({@code auth.sign_in}, {@code auth.sign_in_failed},
     * {@code auth.lockout}) with the client's address.
     *
     * @throws TooManyAttemptsException when this email or this address failed too often recently
     * @throws HashingBusyException when every password-hashing slot is busy
     * @throws BadCredentialsException when they match no enabled account
     */
    AccessRefreshToken withPassword(String email, String password, String address) {
        Optional<Account> found = accounts.findByEmail(email);
        checkPassword(found, email, password, address, "password");
        if (found.get().disabled()) {
            failed(found, email, address, "password", "disabled");
            throw new BadCredentialsException();
        }
        Account account = found.get();
        LOG.info("Sign-in of {} ({}) from {}", account.email(), account.id(), address);
        audit.record(
                new Viewer(account.id(), account.role()),
                "auth.sign_in",
                "account",
                account.id().toString(),
                Map.of("address", address, "method", "password"));
        return tokens(account);
    }

    /**
     * Checks {@code password} against the account found for {@code email}, throttled and counted before the hash is
     * computed; a failure is logged and audited ({@code via}: password, password_change).
     *
     * @throws TooManyAttemptsException when a limit of the throttle is reached
     * @throws BadCredentialsException when the password does not match (or no such account has one)
     */
    void checkPassword(Optional<Account> found, String email, String password, String address, String via) {
        Optional<SignInThrottle.Refusal> refusal = throttle.attempt(email, address);
        if (refusal.isPresent()) {
            LOG.info(
                    "Refused {} of {} from {}: throttled ({})",
                    via,
                    email,
                    address,
                    refusal.get().scope());
            throw new TooManyAttemptsException(refusal.get().retryAfter());
        }
        boolean matches;
        try {
            if (found.isEmpty() || found.get().passwordHash() == null) {
                passwords.spendCheckTime(password);
                matches = false;
            } else {
                matches = passwords.matches(password, found.get().passwordHash());
            }
        } catch (HashingBusyException busy) {
            throttle.withdrawn(email, address);
            throw busy;
        }
        if (!matches) {
            failed(found, email, address, via, "wrong-password");
            throw new BadCredentialsException();
        }
        throttle.succeeded(email, address);
    }

    private void failed(Optional<Account> found, String email, String address, String via, String reason) {
        SignInThrottle.Failure failure = throttle.failed(email, address);
        String target = found.map(account -> account.id().toString()).orElse(null);
        LOG.warn("Failed {} of {} from {}: {}", via, email, address, reason);
        audit.record(
                Viewer.ANONYMOUS,
                "auth.sign_in_failed",
                "account",
                target,
                Map.of("email", email, "address", address, "via", via, "reason", reason));
        failure.locked().ifPresent(scope -> {
            LOG.warn("Lockout of {} from {}: {} failures reached the limit ({})", email, address, via, scope);
            audit.record(
                    Viewer.ANONYMOUS,
                    "auth.lockout",
                    "account",
                    target,
                    Map.of(
                            "email",
                            email,
                            "address",
                            address,
                            "scope",
                            scope.name().toLowerCase(Locale.ROOT)));
        });
    }

    /** A new session's access and refresh tokens for {@code account}. */
    AccessRefreshToken tokens(Account account) {
        return tokens.generate(authentication(account, UUID.randomUUID()))
                .orElseThrow(() -> new IllegalStateException("the token generator produced no token"));
    }

    /**
     * What a token says about {@code account}: its id as the subject, its granted roles, its email and name, and the
     * sign-in session it belongs to ({@value #SESSION} claim; null for an API token, which belongs to none).
     */
    static Authentication authentication(Account account, @Nullable UUID session) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("email", account.email());
        attributes.put("displayName", account.displayName());
        if (session != null) {
            attributes.put(SESSION, session.toString());
        }
        return Authentication.build(account.id().toString(), account.role().grantedNames(), attributes);
    }

    /** The session an authentication belongs to, or null for an API token's. */
    static @Nullable UUID sessionOf(Authentication authentication) {
        Object session = authentication.getAttributes().get(SESSION);
        if (session == null) {
            return null;
        }
        try {
            return UUID.fromString(session.toString());
        } catch (IllegalArgumentException e) {
            // A signed token always carries what we wrote; anything else is no session of ours.
            return null;
        }
    }

    /** SHA-256 of a secret token, hex: how refresh and API tokens are stored. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
