package org.alima.portal.api.indexing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
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

    IndexQueue(JdbcOperations jdbc) {
        this.jdbc = jdbc;
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
        if (waiting) {
            return;
        }
        jdbc.prepareStatement("""
                INSERT INTO index_jobs (document_id, kind)
                SELECT ?, 'reindex'
                 WHERE NOT EXISTS (SELECT 1 FROM document_files
                                    WHERE document_id = ? AND extraction_status = 'failed')
                """, statement -> {
            statement.setObject(1, documentId);
            statement.setObject(2, documentId);
            return statement.executeUpdate();
        });
    }

    /**
     * Queues the indexing of the older versions of a document whose publication changed (published, withdrawn or
     * deleted): whether each is superseded, which search uses to show the latest version only, depends on it. Each is
     * queued as by {@link #enqueueReindex}; withdrawn versions are not in search and are left alone.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enqueueReindexOfOlderVersions(UUID documentId) {
        List<UUID> older = jdbc.prepareStatement("""
                WITH RECURSIVE older (id, depth) AS (
                    SELECT supersedes_id, 1 FROM documents WHERE id = ? AND supersedes_id IS NOT NULL
                    UNION ALL
                    SELECT d.supersedes_id, o.depth + 1
                      FROM documents d JOIN older o ON d.id = o.id
                     WHERE d.supersedes_id IS NOT NULL AND o.depth < 100
                )
                SELECT DISTINCT d.id FROM older o JOIN documents d ON d.id = o.id
                 WHERE d.status <> 'withdrawn'
                 ORDER BY d.id
                """, statement -> {
            statement.setObject(1, documentId);
            ResultSet rows = statement.executeQuery();
            List<UUID> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        });
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
        execute(
                "UPDATE document_files SET extraction_status = 'queued', failure_reason = NULL, updated_at = now()"
                        + " WHERE document_id = ?",
                documentId);
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

    private void execute(String sql, UUID documentId) {
        jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, documentId);
            return statement.executeUpdate();
        });
    }
}
