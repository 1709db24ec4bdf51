package org.alima.portal.indexer.semantic;

/** The dense model cannot be loaded or run; the message says what is missing or what failed. */
public final class SemanticModelException extends RuntimeException {
    public SemanticModelException(String message) {
        super(message);
    }

    public SemanticModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
