package org.alima.portal.api.indexing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.files.StoredFiles;

/**
 * The {@code index_jobs} queue as the worker sees it, plus the processing columns of {@code document_files} that it
 * owns; thread-safe, each method one transaction.
 *
 * <p>A job is {@code pending} until due ({@code next_attempt_at}), then claimed with {@code FOR UPDATE SKIP LOCKED}
 * so that concurrent workers, in this process or another, never take the same one. A claimed job is {@code running}
 * with its lease in {@code next_attempt_at}; once the lease has passed, the job counts as orphaned by a dead process
 * and is claimed again. It ends {@code done}, or {@code failed} after its last attempt.
 */
@Singleton
class IndexJobs {

    private final JdbcOperations jdbc;
    private final StoredFiles files;

    IndexJobs(JdbcOperations jdbc, StoredFiles files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /** Claims the job due first, if any, marks its file {@code extracting}, and returns it with its document. */
    @Transactional
    Optional<ClaimedJob> claimNext(Duration lease) {
        Optional<ClaimedJob> job = query("""
                UPDATE index_jobs
                   SET state = 'running', attempts = attempts + 1,
                       next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
                 WHERE id = (SELECT id FROM index_jobs
                              WHERE state IN ('pending', 'running') AND next_attempt_at <= now()
                              ORDER BY next_attempt_at, id
                              LIMIT 1
                              FOR UPDATE SKIP LOCKED)
                RETURNING id, document_id, attempts
                """, statement -> {
            statement.setDouble(1, lease.toMillis() / 1000.0);
            ResultSet rows = statement.executeQuery();
            return rows.next()
                    ? Optional.of(
                            new ClaimedJob(rows.getLong(1), rows.getInt(3), document(rows.getObject(2, UUID.class))))
                    : Optional.empty();
        });
        job.ifPresent(claimed -> update(
                "UPDATE document_files SET extraction_status = 'extracting', failure_reason = NULL, updated_at = now()"
                        + " WHERE document_id = ?",
                claimed.document().documentId()));
        return job;
    }

    /**
     * Records a processed file and ends the job; fields of the document still empty are filled from the file. Does
     * nothing when the job is no longer this worker's (its lease passed and another worker claimed it again).
     */
    @Transactional
    void succeed(ClaimedJob job, ProcessingOutcome.Processed outcome) {
        if (!finish(job, "done", null, null)) {
            return;
        }
        query("""
                UPDATE document_files
                   SET extraction_status = ?, failure_reason = NULL, page_count = ?, character_count = ?,
                       detected_language = ?, updated_at = now()
                 WHERE document_id = ?
                """, statement -> {
            statement.setString(1, outcome.searchable() ? "indexed" : "extracted");
            statement.setObject(2, outcome.pageCount(), java.sql.Types.INTEGER);
            statement.setObject(3, outcome.characterCount(), java.sql.Types.BIGINT);
            statement.setString(4, outcome.detectedLanguage());
            statement.setObject(5, job.document().documentId());
            return statement.executeUpdate();
        });
        ProcessingOutcome.MetadataFromFile found = outcome.fromFile();
        // Only what the uploader left empty: metadata that people wrote always wins over what a file claims.
        query("""
                WITH found AS (SELECT ?::text AS title, ?::text[] AS authors, ?::text[] AS topics, ?::text AS language)
                UPDATE documents d
                   SET title = COALESCE(d.title, found.title),
                       authors = CASE WHEN d.authors = '[]'::jsonb
                                      THEN (SELECT COALESCE(jsonb_agg(jsonb_build_object('name', n)), '[]'::jsonb)
                                              FROM unnest(found.authors) AS n)
                                      ELSE d.authors END,
                       topics = CASE WHEN d.topics = '{}' THEN found.topics ELSE d.topics END,
                       language = COALESCE(d.language, found.language),
                       updated_at = now()
                  FROM found
                 WHERE d.id = ?
                   -- Touch the row (and its updated_at) only when there is something to fill.
                   AND (d.title IS NULL AND found.title IS NOT NULL
                        OR d.authors = '[]'::jsonb AND cardinality(found.authors) > 0
                        OR d.topics = '{}' AND cardinality(found.topics) > 0
                        OR d.language IS NULL AND found.language IS NOT NULL)
                """, statement -> {
            statement.setString(1, found.title());
            statement.setArray(
                    2,
                    statement
                            .getConnection()
                            .createArrayOf("text", found.authors().toArray()));
            statement.setArray(
                    3,
                    statement
                            .getConnection()
                            .createArrayOf("text", found.keywords().toArray()));
            statement.setString(4, outcome.detectedLanguage());
            statement.setObject(5, job.document().documentId());
            return statement.executeUpdate();
        });
    }

    /**
     * Records a failed try: the job waits {@code retryDelay} and is tried again, unless {@code finalTry}, when it is
     * set aside as {@code failed} and the file is marked failed with the reason.
     */
    @Transactional
    void fail(ClaimedJob job, String reason, boolean finalTry, Duration retryDelay) {
        if (finalTry) {
            if (finish(job, "failed", reason, null)) {
                query(
                        "UPDATE document_files SET extraction_status = 'failed', failure_reason = ?, updated_at = now()"
                                + " WHERE document_id = ?",
                        statement -> {
                            statement.setString(1, reason);
                            statement.setObject(2, job.document().documentId());
                            return statement.executeUpdate();
                        });
            }
            return;
        }
        if (finish(job, "pending", reason, retryDelay)) {
            update(
                    "UPDATE document_files SET extraction_status = 'queued', updated_at = now() WHERE document_id = ?",
                    job.document().documentId());
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
            statement.setObject(3, seconds, java.sql.Types.DOUBLE);
            statement.setObject(4, seconds, java.sql.Types.DOUBLE);
            statement.setLong(5, job.id());
            statement.setInt(6, job.attempt());
            return statement.executeUpdate() == 1;
        });
    }

    private StoredDocument document(UUID documentId) {
        return new StoredDocument(
                documentId,
                files.ofDocument(documentId)
                        .orElseThrow(() -> new IllegalStateException(
                                "document " + documentId + " has a job but no file; its rows were changed by hand")));
    }

    private void update(String sql, UUID documentId) {
        query(sql, statement -> {
            statement.setObject(1, documentId);
            return statement.executeUpdate();
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
    record ClaimedJob(long id, int attempt, StoredDocument document) {}
}
