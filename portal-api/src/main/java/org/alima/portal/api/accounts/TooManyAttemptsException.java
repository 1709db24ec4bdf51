package org.alima.portal.api.accounts;

import java.time.Duration;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** Too many failed sign-ins recently (429 {@code too-many-attempts}); the answer carries Retry-After. */
final class TooManyAttemptsException extends PortalException {

    private final Duration retryAfter;

    TooManyAttemptsException(Duration retryAfter) {
        super("too many failed sign-ins; wait " + Math.max(1, retryAfter.toSeconds())
                + " seconds before trying again, or ask an administrator to reset the password");
        this.retryAfter = retryAfter;
    }

    @Override
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
    }

    @Override
    public Problem problem() {
        return Problem.of(429, "too-many-attempts", "Too many attempts", getMessage());
    }
}
