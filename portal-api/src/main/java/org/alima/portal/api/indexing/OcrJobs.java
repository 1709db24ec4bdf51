package org.alima.portal.api.indexing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.alima.portal.api.system.NodeName;
import org.alima.portal.indexer.ocr.OcrPage;

/**
 * The OCR queue ({@code ocr_jobs}, a row per document) and the pages it read ({@code ocr_pages}, kept per file so
 * that a reindex or a rebuild never runs OCR again); thread-safe, each method one transaction. Jobs are claimed with
 * {@code FOR UPDATE SKIP LOCKED}; a page is stored as soon as it is read, so that a job cut short by a crash goes on
 * where it stopped. A running job is leased to its node ({@code lease_until}), each page stored renewing the lease: a
 * job whose node died is claimed again by any node once its lease has passed.
 */
@Singleton
class OcrJobs {

    private final JdbcOperations jdbc;
    private final String node;
    private final Duration lease;

    OcrJobs(JdbcOperations jdbc, NodeName node, OcrSettings settings) {
        this.jdbc = jdbc;
        this.node = node.value();
        this.lease = leaseOf(settings);
    }

    /**
     * How long a node holds a running job without storing a page: two pages' time limit and a minute for rendering a
     * page, so that a node that is only slow keeps its job.
     */
    static Duration leaseOf(OcrSettings settings) {
        return settings.pageTimeout().multipliedBy(2).plusMinutes(1);
    }

    /**
     * Asks for {@code pages} of the document's file to be read, unless a job for that file is already waiting or
     * running.
     *
     * @return true when a job was queued
     */
    @Transactional
    boolean request(UUID documentId, String sha256, List<Integer> pages, String language) {
        return query("""
                INSERT INTO ocr_jobs (document_id, sha256, pages, language) VALUES (?, ?, ?, ?)
                ON CONFLICT (document_id) DO UPDATE
                   SET sha256 = EXCLUDED.sha256, pages = EXCLUDED.pages, language = EXCLUDED.language,
                       state = 'pending', queued_at = now(), started_at = NULL, finished_at = NULL,
                       lease_until = NULL
                 WHERE ocr_jobs.state = 'done' OR ocr_jobs.sha256 <> EXCLUDED.sha256
                """, statement -> {
            statement.setObject(1, documentId);
            statement.setString(2, sha256);
            statement.setArray(3, statement.getConnection().createArrayOf("integer", pages.toArray()));
            statement.setString(4, language);
            return statement.executeUpdate() > 0;
        });
    }

    /** Claims the job queued first, if any, waiting or left running by a node whose lease has passed. */
    @Transactional
    Optional<Job> claimNext() {
        return query("""
                UPDATE ocr_jobs SET state = 'running', started_at = now(), claimed_by = ?,
                       lease_until = now() + make_interval(secs => ?)
                 WHERE document_id = (SELECT document_id FROM ocr_jobs
                                       WHERE state = 'pending' OR (state = 'running' AND lease_until < now())
                                       ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING document_id, sha256, pages, language
                """, statement -> {
            statement.setString(1, node);
            statement.setDouble(2, lease.toMillis() / 1000.0);
            ResultSet rows = statement.executeQuery();
            if (!rows.next()) {
                return Optional.<Job>empty();
            }
            return Optional.of(new Job(
                    rows.getObject(1, UUID.class), rows.getString(2), integers(rows.getArray(3)), rows.getString(4)));
        });
    }

    /**
     * Jobs this node left running when it stopped are waiting again; those other nodes sharing the database are
     * running stay theirs.
     */
    @Transactional
    int releaseOrphans() {
        return query(
                "UPDATE ocr_jobs SET state = 'pending', started_at = NULL, lease_until = NULL WHERE state = 'running'"
                        + " AND (claimed_by = ? OR claimed_by IS NULL)",
                statement -> {
                    statement.setString(1, node);
                    return statement.executeUpdate();
                });
    }

    /**
     * Stores one page as read, and renews the job's lease if this node still holds it; a page already stored for that
     * file is kept as it was.
     */
    @Transactional
    void save(UUID documentId, String sha256, OcrPage page) {
        query("""
                UPDATE ocr_jobs SET lease_until = now() + make_interval(secs => ?)
                 WHERE document_id = ? AND sha256 = ? AND state = 'running' AND claimed_by = ?
                """, statement -> {
            statement.setDouble(1, lease.toMillis() / 1000.0);
            statement.setObject(2, documentId);
            statement.setString(3, sha256);
            statement.setString(4, node);
            return statement.executeUpdate();
        });
        query("""
                INSERT INTO ocr_pages (document_id, sha256, page, text, confidence, failure) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, statement -> {
            statement.setObject(1, documentId);
            statement.setString(2, sha256);
            statement.setInt(3, page.number());
            statement.setString(4, page.text());
            if (page.meanConfidence() == null) {
                statement.setNull(5, Types.REAL);
            } else {
                statement.setFloat(5, (float) Math.max(0, Math.min(100, page.meanConfidence())));
            }
            statement.setString(6, page.failure());
            return statement.executeUpdate();
        });
    }

    /**
     * Ends the job of the document's file and queues its processing again, in one transaction: the indexing worker
     * then puts the pages read in place of the scans.
     */
    @Transactional
    void finishAndReprocess(UUID documentId, String sha256, IndexQueue queue) {
        finish(documentId, sha256);
        queue.enqueueRetry(documentId);
    }

    /** Ends the job of the document's file. */
    @Transactional
    void finish(UUID documentId, String sha256) {
        query(
                "UPDATE ocr_jobs SET state = 'done', finished_at = now(), lease_until = NULL WHERE document_id = ? AND sha256 = ?",
                statement -> {
                    statement.setObject(1, documentId);
                    statement.setString(2, sha256);
                    return statement.executeUpdate();
                });
    }

    /** The pages of the file read so far, by number. */
    @ReadOnly
    Map<Integer, OcrPage> pagesRead(UUID documentId, String sha256) {
        return query(
                "SELECT page, text, confidence, failure FROM ocr_pages WHERE document_id = ? AND sha256 = ?",
                statement -> {
                    statement.setObject(1, documentId);
                    statement.setString(2, sha256);
                    ResultSet rows = statement.executeQuery();
                    Map<Integer, OcrPage> pages = new TreeMap<>();
                    while (rows.next()) {
                        float confidence = rows.getFloat(3);
                        pages.put(
                                rows.getInt(1),
                                new OcrPage(
                                        rows.getInt(1),
                                        rows.getString(2),
                                        rows.wasNull() ? null : (double) confidence,
                                        rows.getString(4)));
                    }
                    return pages;
                });
    }

    /** Where the OCR of the document's current file stands, or empty when it never needed any. */
    @ReadOnly
    Optional<OcrStatus> status(UUID documentId) {
        return query("""
                SELECT j.state, cardinality(j.pages), j.finished_at,
                       count(p.page) FILTER (WHERE p.text <> ''),
                       avg(p.confidence) FILTER (WHERE p.text <> ''),
                       count(p.page) FILTER (WHERE p.failure IS NOT NULL)
                  FROM ocr_jobs j LEFT JOIN ocr_pages p ON p.document_id = j.document_id AND p.sha256 = j.sha256
                 WHERE j.document_id = ?
                 GROUP BY j.document_id
                """, statement -> {
            statement.setObject(1, documentId);
            ResultSet rows = statement.executeQuery();
            if (!rows.next()) {
                return Optional.<OcrStatus>empty();
            }
            double mean = rows.getDouble(5);
            boolean noMean = rows.wasNull();
            OffsetDateTime finished = rows.getObject(3, OffsetDateTime.class);
            return Optional.of(new OcrStatus(
                    rows.getString(1),
                    rows.getInt(2),
                    rows.getInt(4),
                    noMean ? null : Math.round(mean * 10) / 10.0,
                    rows.getInt(6),
                    finished == null ? null : finished.toInstant()));
        });
    }

    /** The documents whose read pages have a mean confidence below {@code threshold}, lowest first. */
    @ReadOnly
    List<LowConfidence> lowConfidence(double threshold, int limit) {
        return query("""
                SELECT j.document_id, count(p.page), avg(p.confidence)
                  FROM ocr_jobs j JOIN ocr_pages p ON p.document_id = j.document_id AND p.sha256 = j.sha256
                 WHERE p.text <> ''
                 GROUP BY j.document_id
                HAVING avg(p.confidence) < ?
                 ORDER BY avg(p.confidence), j.document_id
                 LIMIT ?
                """, statement -> {
            statement.setDouble(1, threshold);
            statement.setInt(2, limit);
            ResultSet rows = statement.executeQuery();
            List<LowConfidence> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new LowConfidence(
                        rows.getObject(1, UUID.class), rows.getInt(2), Math.round(rows.getDouble(3) * 10) / 10.0));
            }
            return found;
        });
    }

    /** A queued job: the pages of the file with that SHA-256 still to read. */
    record Job(UUID documentId, String sha256, List<Integer> pages, String language) {}

    /** A document read by OCR with a low mean confidence. */
    record LowConfidence(UUID documentId, int pages, double meanConfidence) {}

    private static List<Integer> integers(Array array) throws SQLException {
        List<Integer> numbers = new ArrayList<>();
        for (Object number : (Object[]) array.getArray()) {
            numbers.add(((Number) number).intValue());
        }
        return numbers;
    }

    private <T> T query(String sql, Statement<T> body) {
        return jdbc.prepareStatement(sql, body::run);
    }

    @FunctionalInterface
    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }
}
