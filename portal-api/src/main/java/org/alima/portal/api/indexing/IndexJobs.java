package org.alima.portal.api.indexing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.files.StoredFiles;

/**
 * The {@code index_jobs} queue as the worker sees it, plus the processing columns of {@code document_files} that it
 * owns; thread-safe, each method one transaction.
 *
 * <p>A job is {@code pending} until due ({@code next_attempt_at}), then claimed with {@code FOR UPDATE SKIP LOCKED}
 * so that concurrent workers never take the same one. A claimed job is {@code running} with its lease in {@code
 * next_attempt_at}; once the lease has passed, the job counts as orphaned by a process that died and is claimed again.
 * It ends {@code done}, or {@code failed} after its last attempt.
 *
 * <p>A document is <em>searchable</em> when its file is {@code indexed} and it is not withdrawn: the set of documents
 * the search index must hold once every job is done.
 */
@Singleton
class IndexJobs {

    private static final String SEARCHABLE = "f.extraction_status = 'indexed' AND d.status <> 'withdrawn'";

    private final JdbcOperations jdbc;
    private final StoredFiles files;

    IndexJobs(JdbcOperations jdbc, StoredFiles files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /**
     * Claims the job due first, if any. A job that processes the file marks it {@code extracting}; the document
     * itself is read later, under the worker's lock of the document, so that it is as fresh as possible.
     */
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
                RETURNING id, document_id, attempts, kind
                """, statement -> {
            statement.setDouble(1, lease.toMillis() / 1000.0);
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
                .ifPresent(claimed -> update(
                        "UPDATE document_files SET extraction_status = 'extracting', failure_reason = NULL,"
                                + " updated_at = now() WHERE document_id = ?",
                        claimed.documentId()));
        return job;
    }

    /**
     * Jobs left running by a process that stopped without finishing them become due now, rather than when their
     * lease passes: a portal owns its index, so one portal process runs per database and, when it starts, no other
     * worker can be holding them.
     */
    @Transactional
    int releaseOrphans() {
        return query(
                "UPDATE index_jobs SET next_attempt_at = now(), updated_at = now() WHERE state = 'running'",
                PreparedStatement::executeUpdate);
    }

    /** The document as it stands now, with its file; empty when it was deleted. */
    @ReadOnly
    Optional<StoredDocument> load(UUID documentId, boolean fillFromFile) {
        return query("""
                SELECT d.title, d.abstract, d.doi, d.type, d.language, d.publication_date, d.countries, d.topics,
                       d.status, d.owner_id,
                       EXISTS (SELECT 1 FROM document_newer_published_versions(d.id)) AS superseded,
                       ARRAY(SELECT a.author ->> 'name'
                               FROM jsonb_array_elements(d.authors) WITH ORDINALITY AS a(author, position)
                              ORDER BY a.position) AS author_names
                  FROM documents d
                 WHERE d.id = ?
                """, statement -> {
            statement.setObject(1, documentId);
            ResultSet rows = statement.executeQuery();
            if (!rows.next()) {
                return Optional.<StoredDocument>empty();
            }
            Date published = rows.getDate("publication_date");
            StoredDocument.Metadata metadata = new StoredDocument.Metadata(
                    rows.getString("title"),
                    rows.getString("abstract"),
                    strings(rows.getArray("author_names")),
                    strings(rows.getArray("topics")),
                    rows.getString("doi"),
                    rows.getString("type"),
                    rows.getString("language"),
                    published == null ? null : published.toLocalDate(),
                    strings(rows.getArray("countries")));
            String status = rows.getString("status");
            Set<String> audiences =
                    Audiences.ofDocument("published".equals(status), rows.getObject("owner_id", UUID.class));
            boolean superseded = rows.getBoolean("superseded");
            return files.ofDocument(documentId)
                    .map(file -> new StoredDocument(
                            documentId,
                            file,
                            metadata,
                            "withdrawn".equals(status),
                            fillFromFile,
                            audiences,
                            superseded));
        });
    }

    /** Whether the document exists and is not withdrawn (so that search may show it once indexed). */
    @ReadOnly
    boolean isListed(UUID documentId) {
        return query("SELECT 1 FROM documents WHERE id = ? AND status <> 'withdrawn'", statement -> {
            statement.setObject(1, documentId);
            return statement.executeQuery().next();
        });
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
        return query(
                "SELECT 1 FROM documents d JOIN document_files f ON f.document_id = d.id WHERE d.id = ? AND "
                        + SEARCHABLE,
                statement -> {
                    statement.setObject(1, documentId);
                    return statement.executeQuery().next();
                });
    }

    /** Every searchable document, in id order. */
    @ReadOnly
    List<UUID> searchableIds() {
        return query(
                "SELECT d.id FROM documents d JOIN document_files f ON f.document_id = d.id WHERE " + SEARCHABLE
                        + " ORDER BY d.id",
                statement -> {
                    ResultSet rows = statement.executeQuery();
                    List<UUID> ids = new ArrayList<>();
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                    return ids;
                });
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
            update(
                    "UPDATE document_files SET extraction_status = 'queued', updated_at = now()"
                            + " WHERE document_id = ? AND extraction_status = 'indexed'",
                    documentId);
        }
        return queued;
    }

    /**
     * Records a processed file and ends the job; for an ingest, fields of the document still empty are filled from
     * the file. Does nothing when the job is no longer this worker's (its lease passed and another worker claimed it
     * again, or its document was deleted).
     */
    @Transactional
    void succeed(ClaimedJob job, ProcessingOutcome.Processed outcome) {
        if (!finish(job, "done", null, null)) {
            return;
        }
        query("""
                UPDATE document_files
                   SET extraction_status = ?, failure_reason = NULL, page_count = ?, character_count = ?,
                       detected_language = ?, image_only_pages = ?, text_truncated = ?, updated_at = now()
                 WHERE document_id = ?
                """, statement -> {
            statement.setString(1, outcome.searchable() ? "indexed" : "extracted");
            statement.setObject(2, outcome.pageCount(), Types.INTEGER);
            statement.setObject(3, outcome.characterCount(), Types.BIGINT);
            statement.setString(4, outcome.detectedLanguage());
            statement.setInt(5, outcome.imageOnlyPages());
            statement.setBoolean(6, outcome.textTruncated());
            statement.setObject(7, job.documentId());
            return statement.executeUpdate();
        });
        if (job.kind() == JobKind.INGEST) {
            fillEmptyFields(job.documentId(), outcome);
        }
    }

    /**
     * Only what the uploader left empty: metadata that people wrote always wins over what a file claims. The same
     * rule as {@link StoredDocument.Metadata#filledFrom}, which decided what the index shows.
     */
    private void fillEmptyFields(UUID documentId, ProcessingOutcome.Processed outcome) {
        ProcessingOutcome.MetadataFromFile found = outcome.fromFile();
        query("""
                WITH found AS (SELECT ?::text AS title, ?::text[] AS authors, ?::text[] AS topics, ?::text AS language,
                                      ?::text AS doi)
                UPDATE documents d
                   SET title = COALESCE(d.title, found.title),
                       authors = CASE WHEN d.authors = '[]'::jsonb
                                      THEN (SELECT COALESCE(jsonb_agg(jsonb_build_object('name', n)), '[]'::jsonb)
                                              FROM unnest(found.authors) AS n)
                                      ELSE d.authors END,
                       topics = CASE WHEN d.topics = '{}' THEN found.topics ELSE d.topics END,
                       language = COALESCE(d.language, found.language),
                       doi = COALESCE(d.doi, found.doi),
                       updated_at = now()
                  FROM found
                 WHERE d.id = ?
                   -- Touch the row (and its updated_at) only when there is something to fill.
                   AND (d.title IS NULL AND found.title IS NOT NULL
                        OR d.authors = '[]'::jsonb AND cardinality(found.authors) > 0
                        OR d.topics = '{}' AND cardinality(found.topics) > 0
                        OR d.language IS NULL AND found.language IS NOT NULL
                        OR d.doi IS NULL AND found.doi IS NOT NULL)
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
            statement.setString(5, found.doi());
            statement.setObject(6, documentId);
            return statement.executeUpdate();
        });
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
                query("""
                        UPDATE document_files
                           SET extraction_status = 'failed', failure_reason = ?,
                               page_count = COALESCE(?, page_count), image_only_pages = COALESCE(?, image_only_pages),
                               updated_at = now()
                         WHERE document_id = ?
                        """, statement -> {
                    statement.setString(1, failure.reason());
                    statement.setObject(2, failure.pageCount(), Types.INTEGER);
                    statement.setObject(3, failure.imageOnlyPages(), Types.INTEGER);
                    statement.setObject(4, job.documentId());
                    return statement.executeUpdate();
                });
            }
            return;
        }
        if (finish(job, "pending", failure.reason(), retryDelay) && job.kind() != JobKind.UNINDEX) {
            update(
                    "UPDATE document_files SET extraction_status = 'queued', updated_at = now() WHERE document_id = ?",
                    job.documentId());
        }
    }

    /**
     * Ends an unindex job whose document is now out of search; a withdrawn document's file, read and checked but no
     * longer searchable, shows {@code extracted}.
     */
    @Transactional
    void unindexed(ClaimedJob job) {
        if (finish(job, "done", null, null)) {
            update(
                    "UPDATE document_files f SET extraction_status = 'extracted', updated_at = now()"
                            + "  FROM documents d WHERE d.id = f.document_id AND f.document_id = ?"
                            + "   AND f.extraction_status = 'indexed' AND d.status = 'withdrawn'",
                    job.documentId());
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

    private void update(String sql, UUID documentId) {
        query(sql, statement -> {
            statement.setObject(1, documentId);
            return statement.executeUpdate();
        });
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
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
