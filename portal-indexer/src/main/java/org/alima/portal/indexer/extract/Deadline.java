package org.alima.portal.indexer.extract;

import java.time.Duration;

/**
 * The point in time by which one extraction must finish, checked cooperatively by the format extractors at page,
 * paragraph and operator boundaries. Immutable and thread-safe: the caller's thread and the worker read it together.
 */
final class Deadline {

    private final long startNanos;
    private final long endNanos;
    private final Duration limit;

    private Deadline(long startNanos, Duration limit) {
        this.startNanos = startNanos;
        this.limit = limit;
        this.endNanos = startNanos + limit.toNanos();
    }

    /** A deadline {@code limit} from now. */
    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime(), limit);
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    /**
     * Throws when the deadline has passed.
     *
     * @param where what was being done, for the failure's detail (e.g. "page 12 of 400")
     */
    void check(String where) {
        if (passed()) {
            throw new ExtractionTimeoutException(where, limit);
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
