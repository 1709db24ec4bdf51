package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs accounts in with their password, turning an account into the Micronaut {@link Authentication} that tokens
 * carry; thread-safe.
 */
@Singleton
final class SignIn {

    /** The claim naming the sign-in session, shared by the access tokens renewed with one refresh token. */
    static final String SESSION = "sid";

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final SignInThrottle throttle;
    private final AccessRefreshTokenGenerator tokens;

    SignIn(
            AccountRepository accounts,
            Passwords passwords,
            SignInThrottle throttle,
            AccessRefreshTokenGenerator tokens) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
    }

    /**
     * An access token and a refresh token for the account that {@code email} and {@code password} name.
     *
     * @throws TooManyAttemptsException when this email or this address failed too often recently
     * @throws BadCredentialsException when they match no enabled account
     */
    AccessRefreshToken withPassword(String email, String password, String address) {
        Duration wait = throttle.waitBefore(email, address);
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(wait);
        }
        Optional<Account> found = accounts.findByEmail(email);
        boolean matches;
        if (found.isEmpty() || found.get().passwordHash() == null) {
            passwords.spendCheckTime(password);
            matches = false;
        } else {
            matches = passwords.matches(password, found.get().passwordHash());
        }
        if (!matches || found.get().disabled()) {
            throttle.failed(email, address);
            throw new BadCredentialsException();
        }
        throttle.succeeded(email);
        return tokens(found.get());
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
