package org.alima.portal.indexer.search;

/** A search could not be answered; subclasses say whether the caller's input or the server is at fault. */
public abstract class SearchException extends RuntimeException {

    protected SearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
