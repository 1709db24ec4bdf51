package org.alima.portal.api.search;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The search could not be answered now (503, with Retry-After): it ran past its time limit ({@code search-timeout}),
 * or the index could not be read ({@code search-unavailable}).
 *
 * <p>A timeout is a 503 and not a 400: a query that passed the syntax bounds is valid, and whether it finishes within
 * the limit depends on the server's load and the index's size at that moment, which are the server's condition, not
 * the client's mistake. The detail still says how to make the query cheaper.
 */
public final class SearchUnavailableException extends PortalException {

    private final String code;

    private SearchUnavailableException(String code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
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

    @Override
    public Problem problem() {
        return Problem.of(
                503, code, code.equals("search-timeout") ? "Search timed out" : "Search unavailable", getMessage());
    }
}
