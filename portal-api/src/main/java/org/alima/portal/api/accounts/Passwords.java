package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Hashes and checks passwords with Argon2id (memory-hard; Spring Security's encoder over BouncyCastle, PHC string
 * format, its 2023 OWASP parameters: 19 MiB, 2 iterations). Thread-safe.
 *
 * <p>At most {@code portal.accounts.hashing.concurrency} hashes run at once (default: one per core): each costs tens of
 * milliseconds of a core and 19 MiB, so a burst of sign-ins must not take every core and the heap from the rest of the
 * portal. A hash that finds them all busy is refused at once ({@link HashingBusyException}, 503 with Retry-After)
 * rather than queued: a queue is what a flood of attempts would fill.
 */
@Singleton
final class Passwords {

    /** Shortest password accepted. */
    static final int MIN_LENGTH = 10;

    /** Longest password accepted: hashing cost grows with it, and no one types more. */
    static final int MAX_LENGTH = 200;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Semaphore running;

    /** A hash of nothing, checked against when the account does not exist so that both failures take as long. */
    private final String decoy = encoder.encode("no account has this password");

    @Inject
    Passwords(@Value("${portal.accounts.hashing.concurrency:0}") int concurrency) {
        if (concurrency < 0) {
            throw new IllegalArgumentException(
                    "portal.accounts.hashing.concurrency must be 0 (one per core) or more, got " + concurrency);
        }
        this.running = new Semaphore(concurrency == 0 ? Runtime.getRuntime().availableProcessors() : concurrency);
    }

    /** @throws HashingBusyException when every hashing slot is taken */
    String hash(String password) {
        return bounded(() -> encoder.encode(password));
    }

    /** @throws HashingBusyException when every hashing slot is taken */
    boolean matches(String password, String hash) {
        return bounded(() -> encoder.matches(password, hash));
    }

    /** Spends the time of a real check, for an unknown account: the answer must not tell it apart. */
    void spendCheckTime(String password) {
        bounded(() -> encoder.matches(password, decoy));
    }

    private <T> T bounded(Supplier<T> hashing) {
        if (!running.tryAcquire()) {
            throw new HashingBusyException();
        }
        try {
            return hashing.get();
        } finally {
            running.release();
        }
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
