package org.alima.portal.api.packs;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a pack could not be built, in words for the reader who asked for it; the cause, when there is one, is for the
 * log. Kept by {@link PackCache} and answered ({@link PackUnavailableException}) until the build may be tried again:
 * after the wait the failure gives, else after the cache's own.
 */
final class PackBuildException extends RuntimeException {

    private final Duration retryAfter;

    PackBuildException(String reason, Throwable cause) {
        this(reason, null, cause);
    }

    /** @param retryAfter when building again may succeed (the search engine said when it expects to be back) */
    PackBuildException(String reason, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.retryAfter = retryAfter;
    }

    /** When building again may succeed, if the failure knows. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
