package org.alima.portal.api.accounts;

import jakarta.inject.Singleton;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Hashes and checks passwords with Argon2id (memory-hard; Spring Security's encoder over BouncyCastle, PHC string
 * format, its 2023 OWASP parameters: 19 MiB, 2 iterations). Thread-safe.
 */
@Singleton
final class Passwords {

    /** Shortest password accepted. */
    static final int MIN_LENGTH = 10;

    /** Longest password accepted: hashing cost grows with it, and no one types more. */
    static final int MAX_LENGTH = 200;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    /** A hash of nothing, checked against when the account does not exist so that both failures take as long. */
    private final String decoy = encoder.encode("no account has this password");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the time of a real check, for an unknown account: the answer must not tell it apart. */
    void spendCheckTime(String password) {
        encoder.matches(password, decoy);
    }

    /**
     * Why {@code password} is refused as a new password, or null when it is acceptable.
     */
    static String weakness(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters; a passphrase of several words is easiest";
        }
        if (password.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (email != null && password.equalsIgnoreCase(email)) {
            return "must not be the email address";
        }
        return null;
    }
}
