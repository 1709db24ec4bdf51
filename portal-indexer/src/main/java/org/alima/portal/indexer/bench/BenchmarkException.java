package org.alima.portal.indexer.bench;

/** The benchmark cannot run as asked; the message says what is missing. */
public final class BenchmarkException extends RuntimeException {
    BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }

    BenchmarkException(String message) {
        super(message);
    }
}
