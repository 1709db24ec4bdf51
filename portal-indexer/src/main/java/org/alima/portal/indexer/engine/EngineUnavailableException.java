package org.alima.portal.indexer.engine;

import java.time.Duration;
import org.alima.portal.indexer.search.SearchException;

/**
 * The search engine cannot be reached or refuses work for now (a node down, a cluster red): the caller should say
 * so (HTTP 503 with {@code Retry-After}) and try again later; writes stay in the job queue meanwhile.
 */
public final class EngineUnavailableException extends SearchException {

    private final Duration retryAfter;

    public EngineUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
