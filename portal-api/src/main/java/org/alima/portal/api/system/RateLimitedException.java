package org.alima.portal.api.system;

import java.time.Duration;

/** A client past its rate limit: 429 {@code rate-limited} with Retry-After. Immutable. */
final class RateLimitedException extends PortalException {

    private final Duration retryAfter;

    RateLimitedException(String what, Duration retryAfter) {
        super("Too many " + what + " from you in a short time; wait " + seconds(retryAfter) + " seconds and try"
                + " again.");
        this.retryAfter = retryAfter;
    }

    @Override
    public Problem problem() {
        return Problem.of(429, "rate-limited", "Too many requests", getMessage());
    }

    @Override
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0));
    }
}
