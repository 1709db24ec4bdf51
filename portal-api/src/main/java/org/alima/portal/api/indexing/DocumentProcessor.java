package org.alima.portal.api.indexing;

import java.util.UUID;

/**
 * The work done on each uploaded document in the background: read its stored file, extract what it holds and make it
 * searchable, or take it out of search. Implementations must be thread-safe: the {@link IndexingWorker} calls one
 * instance from several threads, though never for the same document at the same time.
 *
 * <p>An implementation reports a file that cannot be processed as a {@link ProcessingOutcome.Failed} outcome; an
 * exception it throws is taken as a passing failure (the job is retried later).
 */
public interface DocumentProcessor {

    /**
     * Processes the document's file. When the outcome is {@link ProcessingOutcome.Processed#searchable()}, the
     * document is already durably in search, since PostgreSQL is told so next; otherwise it is out of search.
     */
    ProcessingOutcome process(StoredDocument document);

    /** Takes the document out of search, durably; a no-op for a document that is not there. */
    void remove(UUID documentId);
}
