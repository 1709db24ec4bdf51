package org.alima.portal.api.indexing;

/**
 * The work done on each uploaded document in the background: read its stored file, extract what it holds and make it
 * searchable. Implementations must be thread-safe: the {@link IndexingWorker} calls one instance from several threads.
 *
 * <p>An implementation reports a file that cannot be processed as a {@link ProcessingOutcome.Failed} outcome; an
 * exception it throws is taken as a passing failure (the job is retried later).
 */
public interface DocumentProcessor {

    ProcessingOutcome process(StoredDocument document);
}
