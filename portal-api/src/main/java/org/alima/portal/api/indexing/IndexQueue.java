package org.alima.portal.api.indexing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts work for the {@link IndexingWorker} in the {@code index_jobs} table; thread-safe.
 *
 * <p>Every method joins the caller's transaction: a job is committed with the change it follows, or not at all, so
 * that a crash between the two can never leave the search index behind PostgreSQL for good.
 */
@Singleton
public class IndexQueue {

    private final JdbcOperations jdbc;
    private final IndexedDocuments documents;
    private final OcrJobs ocr;

    IndexQueue(JdbcOperations jdbc, IndexedDocuments documents, OcrJobs ocr) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.ocr = ocr;
    }

    /** Queues the check, extraction and indexing of the document's newly stored file, due now. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enqueueIngest(UUID documentId) {
        execute("INSERT INTO index_jobs (document_id, kind) VALUES (?, 'ingest')", documentId);
    }

    /**
     * Queues the indexing of the document with its changed metadata, due now. Nothing is queued when a job that will
     * read the metadata is already waiting (it reads them when it runs, so it sees this change), nor when the file
     * failed processing (it is not in search, and another try would fail the same way).
     *
     * <p>The waiting job is locked until the caller's transaction ends: a worker claims jobs with {@code SKIP LOCKED},
     * so it cannot take that job, and read the document, before this change is committed; and a job claimed while
     * this looks for one is no longer waiting once the claim commits, so a new one is queued. Without the lock, a job
     * claimed between the two could index the document as it was, and nothing would index it as it is.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enqueueReindex(UUID documentId) {
        boolean waiting = jdbc.prepareStatement("""
                SELECT id FROM index_jobs
                 WHERE document_id = ? AND state = 'pending' AND kind IN ('ingest', 'reindex')
                   FOR UPDATE
                """, statement -> {
            statement.setObject(1, documentId);
            return statement.executeQuery().next();
        });
        if (waiting || documents.fileFailed(documentId)) {
            return;
        }
        execute("INSERT INTO index_jobs (document_id, kind) VALUES (?, 'reindex')", documentId);
    }

    /**
     * Queues the indexing of the older versions of a document whose publication changed (published, withdrawn or
     * deleted): whether each is superseded, which search uses to show the latest version only, depends on it. Each is
     * queued as by {@link #enqueueReindex}; withdrawn versions are not in search and are left alone.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enqueueReindexOfOlderVersions(UUID documentId) {
        List<UUID> older = documents.olderVersions(documentId);
        older.forEach(this::enqueueReindex);
    }

    /**
     * Queues the processing of a document whose file failed, due now, and shows its file as queued again. An ingest
     * when no ingest ever finished (the fields its uploader left empty are still to be filled from the file), a
     * reindex otherwise.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enqueueRetry(UUID documentId) {
        jdbc.prepareStatement("""
                INSERT INTO index_jobs (document_id, kind)
                SELECT ?, CASE WHEN EXISTS (SELECT 1 FROM index_jobs
                                             WHERE document_id = ? AND kind = 'ingest' AND state = 'done')
                               THEN 'reindex' ELSE 'ingest' END
                """, statement -> {
            statement.setObject(1, documentId);
            statement.setObject(2, documentId);
            return statement.executeUpdate();
        });
        documents.markQueued(documentId);
    }

    /** Queues taking the withdrawn document out of search, due now. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enqueueUnindex(UUID documentId) {
        execute("INSERT INTO index_jobs (document_id, kind) VALUES (?, 'unindex')", documentId);
    }

    /**
     * Replaces the jobs of a document being deleted by one that takes it out of search. The unindex job outlives the
     * document's row (jobs hold no foreign key), so that a crash right after the deletion still clears the index.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void replaceJobsWithUnindex(UUID documentId) {
        execute("DELETE FROM index_jobs WHERE document_id = ?", documentId);
        enqueueUnindex(documentId);
    }

    /**
     * Locks the document's jobs until the caller's transaction ends. A worker locks a job before the rows of its
     * document; a transaction that deletes the document must take the jobs first too, or the two can deadlock.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void lockJobsOf(UUID documentId) {
        jdbc.prepareStatement("SELECT id FROM index_jobs WHERE document_id = ? ORDER BY id FOR UPDATE", statement -> {
            statement.setObject(1, documentId);
            return statement.executeQuery().next();
        });
    }

    /** The document's latest job, for its processing status; empty when it never had one. */
    @ReadOnly
    public Optional<LatestJob> latestJob(UUID documentId) {
        return jdbc.prepareStatement(
                "SELECT state, attempts, next_attempt_at, last_error FROM index_jobs WHERE document_id = ?"
                        + " ORDER BY id DESC LIMIT 1",
                statement -> {
                    statement.setObject(1, documentId);
                    ResultSet rows = statement.executeQuery();
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new LatestJob(
                            rows.getString(1),
                            rows.getInt(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant(),
                            rows.getString(4)));
                });
    }

    /** Where the OCR of the document's scanned pages stands; empty when it never needed any. */
    public Optional<OcrStatus> ocrOf(UUID documentId) {
        return ocr.status(documentId);
    }

    /**
     * The latest job of a document.
     *
     * @param state pending, running, done or failed
     * @param nextAttemptAt when a pending job is due (a running one's lease)
     * @param lastError the reason of its last failed try, or null
     */
    public record LatestJob(
            String state,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String lastError) {}

    private void execute(String sql, UUID documentId) {
        jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, documentId);
            return statement.executeUpdate();
        });
    }
}
