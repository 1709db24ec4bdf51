package org.alima.portal.api.indexing;

import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per document (striped: documents share a fixed set of locks), held while the search index is brought in
 * step with one document's row; thread-safe.
 *
 * <p>Whoever holds a document's lock reads its row, writes the index and records the result in PostgreSQL before
 * letting go. So two jobs of one document (an ingest and the reindex after an edit, a reindex and the unindex after a
 * withdrawal) never interleave, and the last to run reads the latest committed row: the index ends as the database
 * says, whatever order the jobs were claimed in. The locks are in-process because the index is: a portal process owns
 * its index directory exclusively (Lucene's write lock).
 */
@Singleton
final class DocumentLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    DocumentLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Takes the document's lock; close the result to let it go. */
    Held lock(UUID documentId) {
        ReentrantLock lock = locks[Math.floorMod(documentId.hashCode(), STRIPES)];
        lock.lock();
        return lock::unlock;
    }

    /** A held lock, released by {@link #close()}. */
    @FunctionalInterface
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
