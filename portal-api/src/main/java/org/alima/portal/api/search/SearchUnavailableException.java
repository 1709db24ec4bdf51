package org.alima.portal.api.search;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;
import org.alima.portal.indexer.engine.EngineUnavailableException;

/**
 * The search could not be answered now (503, with Retry-After): it ran past its time limit ({@code search-timeout}),
 * or the index could not be read or the search engine reached ({@code search-unavailable}).
 *
 * <p>A timeout is a 503 and not a 400: a query that passed the syntax bounds is valid, and whether it finishes within
 * the limit depends on the server's load and the index's size at that moment, which are the server's condition, not
 * the client's mistake. The detail still says how to make the query cheaper.
 */
public final class SearchUnavailableException extends PortalException {

    private final String code;
    private final long retryAfterSeconds;

    private SearchUnavailableException(String code, String detail, long retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    private SearchUnavailableException(String code, String detail, Throwable cause) {
        this(code, detail, 0, cause);
    }

    static SearchUnavailableException timedOut(Throwable cause) {
        return new SearchUnavailableException(
                "search-timeout",
                "The search took longer than the server allows and was stopped. Retry in a few seconds; if it keeps"
                        + " happening, use fewer or more specific words and fewer wildcards.",
                cause);
    }

    public static SearchUnavailableException indexUnreadable(Throwable cause) {
        return new SearchUnavailableException(
                "search-unavailable", "The search index cannot be read at the moment; retry in a few seconds.", cause);
    }

    /** The engine cannot be reached for now: retry after the wait the engine gave, one second at least. */
    public static SearchUnavailableException engineUnavailable(EngineUnavailableException cause) {
        long millis = cause.retryAfter() == null ? 0 : cause.retryAfter().toMillis();
        long seconds = Math.max(1, (millis + 999) / 1000);
        return new SearchUnavailableException(
                "search-unavailable",
                "The search engine cannot be reached at the moment; retry in " + seconds + " seconds.",
                seconds,
                cause);
    }

    /** The engine's own wait when it gave one; otherwise the server's default for a 503. */
    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Problem problem() {
        return Problem.of(
                503, code, code.equals("search-timeout") ? "Search timed out" : "Search unavailable", getMessage());
    }
}
