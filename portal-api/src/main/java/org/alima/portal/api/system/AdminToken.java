package org.alima.portal.api.system;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The shared secret that opens the operator's endpoints until the portal has accounts: {@code PORTAL_ADMIN_TOKEN},
 * sent in the {@value #HEADER} header. Immutable and thread-safe. Unset, the operator's endpoints are closed.
 */
@Singleton
public final class AdminToken {

    public static final String HEADER = "X-Portal-Admin-Token";

    /** Shorter tokens are refused at startup: a guessable secret is worse than none, since it looks like one. */
    static final int MIN_LENGTH = 16;

    private final byte[] token;

    AdminToken(@Value("${portal.admin.token:}") String token) {
        if (!token.isEmpty() && token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("PORTAL_ADMIN_TOKEN must have at least " + MIN_LENGTH
                    + " characters; generate one with: openssl rand -hex 32");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Lets the request through when it presents the configured token.
     *
     * @throws AdminAccessException when no token is configured, or the request's is missing or wrong
     */
    public void check(String presented) {
        if (token.length == 0) {
            throw AdminAccessException.disabled();
        }
        // Constant time: the answer's timing must not tell how much of a guess was right.
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            throw AdminAccessException.refused();
        }
    }
}
