package org.alima.portal.api.indexing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Puts work for the {@link IndexingWorker} in the {@code index_jobs} table; thread-safe.
 *
 * <p>{@link #enqueueIngest} joins the caller's transaction: the job is committed with the document it concerns, or not
 * at all, so that a crash between the two can never lose an upload's processing.
 */
@Singleton
public class IndexQueue {

    private final JdbcOperations jdbc;

    IndexQueue(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues the check, extraction and indexing of the document's newly stored file, due now. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enqueueIngest(UUID documentId) {
        jdbc.prepareStatement("INSERT INTO index_jobs (document_id, kind) VALUES (?, 'ingest')", statement -> {
            statement.setObject(1, documentId);
            return statement.executeUpdate();
        });
    }

    /**
     * Locks the document's jobs until the caller's transaction ends. A worker locks a job before the rows of its
     * document; a transaction that deletes the document (whose cascade reaches the jobs last) must take the jobs
     * first too, or the two can deadlock.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void lockJobsOf(UUID documentId) {
        jdbc.prepareStatement("SELECT id FROM index_jobs WHERE document_id = ? ORDER BY id FOR UPDATE", statement -> {
            statement.setObject(1, documentId);
            return statement.executeQuery().next();
        });
    }
}
