package org.alima.portal.indexer.search;

/** A request parameter (size, from, cursor, filter, autocomplete text…) is out of its bounds or malformed. */
public final class InvalidSearchRequestException extends SearchException {

    InvalidSearchRequestException(String message) {
        super(message, null);
    }

    InvalidSearchRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
