package org.alima.portal.indexer.search;

import java.time.Duration;
import org.apache.lucene.index.QueryTimeout;

/** A search's time limit, counted from creation with nanosecond precision. Immutable; thread-safe. */
final class Deadline implements QueryTimeout {

    private final long deadline;

    Deadline(Duration limit) {
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    @Override
    public boolean shouldExit() {
        return System.nanoTime() - deadline > 0;
    }
}
