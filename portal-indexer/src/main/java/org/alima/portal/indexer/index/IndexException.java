package org.alima.portal.indexer.index;

/** The index could not be opened, read or written; the message says where and what to do. */
public class IndexException extends RuntimeException {

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }

    public IndexException(String message) {
        super(message);
    }
}
