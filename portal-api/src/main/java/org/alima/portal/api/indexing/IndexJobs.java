package org.alima.portal.api.indexing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.system.NodeName;

/**
 * The {@code index_jobs} queue as the worker sees it; thread-safe, each method one transaction. What a job does to its
 * document's file (extracting, indexed, failed…) is recorded through {@link IndexedDocuments}, in the same
 * transaction.
 *
 * <p>A job is {@code pending} until due ({@code next_attempt_at}), then claimed with {@code FOR UPDATE SKIP LOCKED}
 * so that concurrent workers never take the same one. A claimed job is {@code running} with its lease in {@code
 * next_attempt_at}; once the lease has passed, the job counts as orphaned by a process that died and is claimed again.
 * It ends {@code done}, or {@code failed} after its last attempt. A job waits while another job of its document is
 * running under a live lease, on whatever node: the jobs of one document (an ingest and the reindex after an edit, a
 * reindex and the unindex after a withdrawal) never run at once, which {@link DocumentLocks} alone ensured only within
 * one process.
 */
@Singleton
class IndexJobs {

    private final JdbcOperations jdbc;
    private final String node;
    private final IndexedDocuments documents;

    IndexJobs(JdbcOperations jdbc, IndexedDocuments documents, NodeName node) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.node = node.value();
    }

    /**
     * Claims the job due first, if any. A job that processes the file marks it {@code extracting}; the document
     * itself is read later, under the worker's lock of the document, so that it is as fresh as possible.
     */
    @Transactional
    Optional<ClaimedJob> claimNext(Duration lease) {
        // Claims run one at a time across every node sharing the database (a lock held for the claim's transaction,
        // milliseconds), so that the check below sees a job of the same document claimed a moment before elsewhere.
        query("SELECT pg_advisory_xact_lock(hashtextextended('index_jobs_claim', 0))", PreparedStatement::execute);
        Optional<ClaimedJob> job = query("""
                UPDATE index_jobs
                   SET state = 'running', attempts = attempts + 1, claimed_by = ?,
                       next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
                 WHERE id = (SELECT id FROM index_jobs job
                              WHERE state IN ('pending', 'running') AND next_attempt_at <= now()
                                AND NOT EXISTS (SELECT 1 FROM index_jobs other
                                                 WHERE other.document_id = job.document_id AND other.id <> job.id
                                                   AND other.state = 'running' AND other.next_attempt_at > now())
                              ORDER BY next_attempt_at, id
                              LIMIT 1
                              FOR UPDATE SKIP LOCKED)
                RETURNING id, document_id, attempts, kind
                """, statement -> {
            statement.setString(1, node);
            statement.setDouble(2, lease.toMillis() / 1000.0);
            ResultSet rows = statement.executeQuery();
            return rows.next()
                    ? Optional.of(new ClaimedJob(
                            rows.getLong(1),
                            rows.getInt(3),
                            JobKind.of(rows.getString(4)),
                            rows.getObject(2, UUID.class)))
                    : Optional.empty();
        });
        job.filter(claimed -> claimed.kind() != JobKind.UNINDEX)
                .ifPresent(claimed -> documents.markExtracting(claimed.documentId()));
        return job;
    }

    /**
     * Jobs this node left running when it stopped become due now, rather than when their lease passes: when it starts
     * again, none of its workers can be holding them. Jobs other nodes sharing the database are running stay theirs
     * (claimed again by any node only once their lease passes, if that node died).
     */
    @Transactional
    int releaseOrphans() {
        return query(
                "UPDATE index_jobs SET next_attempt_at = now(), updated_at = now() WHERE state = 'running'"
                        + " AND (claimed_by = ? OR claimed_by IS NULL)",
                statement -> {
                    statement.setString(1, node);
                    return statement.executeUpdate();
                });
    }

    /** The document as it stands now, with its file; empty when it was deleted. */
    @ReadOnly
    Optional<StoredDocument> load(UUID documentId, boolean fillFromFile) {
        return documents.load(documentId, fillFromFile);
    }

    /** Whether the document exists and is not withdrawn (so that search may show it once indexed). */
    @ReadOnly
    boolean isListed(UUID documentId) {
        return documents.isListed(documentId);
    }

    /** Whether a job is running or due: the vector pass waits for the worker to be idle. */
    @ReadOnly
    boolean hasWorkDue() {
        return query(
                "SELECT 1 FROM index_jobs WHERE state = 'running' OR (state = 'pending' AND next_attempt_at <= now())"
                        + " LIMIT 1",
                statement -> statement.executeQuery().next());
    }

    /** Whether the document is searchable: indexed and not withdrawn. */
    @ReadOnly
    boolean isSearchable(UUID documentId) {
        return documents.isSearchable(documentId);
    }

    /** Every searchable document, in id order. */
    @ReadOnly
    List<UUID> searchableIds() {
        return documents.searchableIds();
    }

    /**
     * Queues a reindex of a document that should be searchable but is missing from the index, unless a job that
     * will index it is already waiting; its file shows {@code queued} again, since it is not searchable now.
     */
    @Transactional
    boolean enqueueRepair(UUID documentId) {
        boolean queued = query("""
                INSERT INTO index_jobs (document_id, kind)
                SELECT ?, 'reindex'
                 WHERE NOT EXISTS (SELECT 1 FROM index_jobs
                                    WHERE document_id = ? AND state = 'pending' AND kind IN ('ingest', 'reindex'))
                """, statement -> {
            statement.setObject(1, documentId);
            statement.setObject(2, documentId);
            return statement.executeUpdate() == 1;
        });
        if (queued) {
            documents.markQueuedIfIndexed(documentId);
        }
        return queued;
    }

    /**
     * Records a processed file and ends the job; for an ingest, fields of the document still empty are filled as the
     * index shows them. Does nothing when the job is no longer this worker's (its lease passed and another worker
     * claimed it again, or its document was deleted).
     *
     * @param document the document as the job read and processed it
     */
    @Transactional
    void succeed(ClaimedJob job, ProcessingOutcome.Processed outcome, StoredDocument document) {
        if (!finish(job, "done", null, null)) {
            return;
        }
        documents.recordProcessed(job.documentId(), outcome);
        if (job.kind() == JobKind.INGEST) {
            StoredDocument.Metadata filled = document.shown(outcome.fromFile(), outcome.detectedLanguage())
                    .addedTo(document.metadata());
            if (!filled.isEmpty()) {
                documents.fillEmptyFields(job.documentId(), filled);
            }
        }
    }

    /**
     * Records a failed try: the job waits {@code retryDelay} and is tried again, unless {@code finalTry}, when it is
     * set aside as {@code failed} and the file is marked failed with the reason.
     */
    @Transactional
    void fail(ClaimedJob job, ProcessingOutcome.Failed failure, boolean finalTry, Duration retryDelay) {
        if (finalTry) {
            // An unindex job that fails concerns the index, not the file: the file keeps its status.
            if (finish(job, "failed", failure.reason(), null) && job.kind() != JobKind.UNINDEX) {
                documents.recordFailed(job.documentId(), failure);
            }
            return;
        }
        if (finish(job, "pending", failure.reason(), retryDelay) && job.kind() != JobKind.UNINDEX) {
            documents.markQueued(job.documentId());
        }
    }

    /**
     * Puts a job back in the queue without counting its try: the search engine could not be reached, which says
     * nothing about the document. It is due again after {@code delay}.
     */
    @Transactional
    void postpone(ClaimedJob job, String reason, Duration delay) {
        boolean ours = query("""
                UPDATE index_jobs
                   SET state = 'pending', attempts = attempts - 1, last_error = ?, updated_at = now(),
                       next_attempt_at = now() + make_interval(secs => ?::float8)
                 WHERE id = ? AND state = 'running' AND attempts = ?
                """, statement -> {
            statement.setString(1, reason);
            statement.setDouble(2, delay.toMillis() / 1000.0);
            statement.setLong(3, job.id());
            statement.setInt(4, job.attempt());
            return statement.executeUpdate() == 1;
        });
        if (ours && job.kind() != JobKind.UNINDEX) {
            documents.markQueued(job.documentId());
        }
    }

    /**
     * Ends an unindex job whose document is now out of search; a withdrawn document's file, read and checked but no
     * longer searchable, shows {@code extracted}.
     */
    @Transactional
    void unindexed(ClaimedJob job) {
        if (finish(job, "done", null, null)) {
            documents.markUnindexed(job.documentId());
        }
    }

    /** Moves a job this worker still holds to {@code state}; false when it is no longer ours. */
    private boolean finish(ClaimedJob job, String state, String error, Duration retryDelay) {
        return query("""
                UPDATE index_jobs
                   SET state = ?, last_error = ?, updated_at = now(),
                       next_attempt_at = CASE WHEN ?::float8 IS NULL THEN next_attempt_at
                                              ELSE now() + make_interval(secs => ?::float8) END
                 WHERE id = ? AND state = 'running' AND attempts = ?
                """, statement -> {
            Double seconds = retryDelay == null ? null : retryDelay.toMillis() / 1000.0;
            statement.setString(1, state);
            statement.setString(2, error);
            statement.setObject(3, seconds, Types.DOUBLE);
            statement.setObject(4, seconds, Types.DOUBLE);
            statement.setLong(5, job.id());
            statement.setInt(6, job.attempt());
            return statement.executeUpdate() == 1;
        });
    }

    private <R> R query(String sql, Statement<R> body) {
        return jdbc.prepareStatement(sql, body::run);
    }

    @FunctionalInterface
    private interface Statement<R> {
        R run(PreparedStatement statement) throws SQLException;
    }

    /**
     * A job held by this worker until its lease passes.
     *
     * @param attempt the number of this try, counting from 1; also the token that proves the job is still ours
     */
    record ClaimedJob(long id, int attempt, JobKind kind, UUID documentId) {}
}
