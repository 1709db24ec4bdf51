package org.alima.portal.indexer.search;

import java.time.Duration;

/** The search took longer than its time limit and was stopped; partial results are not returned. */
public final class SearchTimeoutException extends SearchException {

    SearchTimeoutException(Duration limit) {
        super(
                "the search took longer than " + limit.toMillis() + " ms and was stopped; use fewer or more specific"
                        + " words, or fewer wildcards",
                null);
    }
}
