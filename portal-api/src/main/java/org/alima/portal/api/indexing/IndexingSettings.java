package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How the background processing runs ({@code portal.indexing.*}). Immutable.
 *
 * @param poolSize documents processed at the same time; extraction is CPU-bound, so about the number of cores
 * @param maxAttempts tries of one job before it is set aside as failed
 * @param firstRetryDelay wait before the second try; each further try waits twice as long (capped at one hour)
 * @param lease how long a running job belongs to its worker; past it, the job is taken to be orphaned by a process
 *     that died and is claimed again. Must exceed the longest processing of one document.
 * @param pollInterval how often an idle worker looks for due jobs
 */
@ConfigurationProperties("portal.indexing")
public record IndexingSettings(
        @Min(1) @Max(64) int poolSize,
        @Min(1) @Max(100) int maxAttempts,
        @NotNull Duration firstRetryDelay,
        @NotNull Duration lease,
        @NotNull Duration pollInterval) {

    private static final Duration LONGEST_RETRY_DELAY = Duration.ofHours(1);

    /** The wait after the {@code attempts}-th failed try: exponential from {@link #firstRetryDelay}. */
    Duration retryDelay(int attempts) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < attempts && delay.compareTo(LONGEST_RETRY_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : delay;
    }
}
