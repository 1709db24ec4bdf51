package org.alima.portal.api.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The imports and the outcome of each of their lines, in PostgreSQL; thread-safe. A line's outcome is written in the
 * transaction that created its document ({@link #recordInCurrentTransaction}), so that an interrupted import leaves
 * every line either done with its document or not started.
 */
@Singleton
class ImportRuns {

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    ImportRuns(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The import with this key, created for {@code account} when there is none yet. */
    UUID findOrCreate(String key, UUID account) {
        return transactions.executeWrite(status -> jdbc.prepareStatement("""
                INSERT INTO import_runs (run_key, account_id) VALUES (?, ?)
                ON CONFLICT (run_key) DO UPDATE SET run_key = EXCLUDED.run_key
                RETURNING id
                """, statement -> {
            statement.setString(1, key);
            statement.setObject(2, account);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getObject(1, UUID.class);
        }));
    }

    /** Marks a run started with {@code total} lines planned. */
    void started(UUID run, int total) {
        update(
                "UPDATE import_runs SET state = 'running', total = ?, error = NULL, finished_at = NULL WHERE id = ?",
                total,
                run);
    }

    /** Marks a run ended: {@code done}, or {@code failed} with why. */
    void finished(UUID run, String state, @Nullable String error) {
        update("UPDATE import_runs SET state = ?, error = ?, finished_at = now() WHERE id = ?", state, error, run);
    }

    /**
     * Marks the runs whose key matches {@code keyPattern} (a PostgreSQL regular expression) and that were running when
     * the portal stopped as interrupted; returns how many.
     */
    int interruptRunning(String keyPattern, String why) {
        return transactions.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE import_runs SET state = 'interrupted', error = ?, finished_at = now()"
                        + " WHERE state = 'running' AND run_key ~ ?",
                statement -> {
                    statement.setString(1, why);
                    statement.setString(2, keyPattern);
                    return statement.executeUpdate();
                }));
    }

    /** A run as its owner follows it. */
    record Run(
            UUID id,
            UUID accountId,
            String state,
            @Nullable Integer total,
            @Nullable String error,
            Instant createdAt,
            @Nullable Instant finishedAt) {}

    Optional<Run> find(UUID id) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT id, account_id, state, total, error, created_at, finished_at FROM import_runs WHERE id = ?",
                statement -> {
                    statement.setObject(1, id);
                    ResultSet rows = statement.executeQuery();
                    if (!rows.next()) {
                        return Optional.<Run>empty();
                    }
                    Timestamp finished = rows.getTimestamp(7);
                    return Optional.of(new Run(
                            rows.getObject(1, UUID.class),
                            rows.getObject(2, UUID.class),
                            rows.getString(3),
                            (Integer) rows.getObject(4),
                            rows.getString(5),
                            rows.getTimestamp(6).toInstant(),
                            finished == null ? null : finished.toInstant()));
                }));
    }

    /** A line's outcome as recorded, for the API. */
    record RecordedLine(String path, @Nullable Integer line, FileOutcome outcome) {}

    /** The recorded lines of a run, in the order of their lines in the metadata file, then of their paths. */
    List<RecordedLine> lines(UUID run) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT path, line, outcome, failure, reason, document_id FROM import_lines WHERE run_id = ?"
                        + " ORDER BY line NULLS LAST, path",
                statement -> {
                    statement.setObject(1, run);
                    ResultSet rows = statement.executeQuery();
                    List<RecordedLine> lines = new ArrayList<>();
                    while (rows.next()) {
                        String failure = rows.getString(4);
                        lines.add(new RecordedLine(
                                rows.getString(1),
                                (Integer) rows.getObject(2),
                                new FileOutcome(
                                        FileOutcome.Outcome.of(rows.getString(3)),
                                        failure == null ? null : FileOutcome.Failure.valueOf(failure),
                                        rows.getString(5),
                                        rows.getObject(6, UUID.class))));
                    }
                    return lines;
                }));
    }

    private void update(String sql, Object... parameters) {
        transactions.executeWrite(status -> jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }));
    }

    /** The lines of the import already done, by path. */
    Map<String, FileOutcome> done(UUID run) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT path, outcome, failure, reason, document_id FROM import_lines WHERE run_id = ? ORDER BY path",
                statement -> {
                    statement.setObject(1, run);
                    ResultSet rows = statement.executeQuery();
                    Map<String, FileOutcome> done = new LinkedHashMap<>();
                    while (rows.next()) {
                        String failure = rows.getString(3);
                        done.put(
                                rows.getString(1),
                                new FileOutcome(
                                        FileOutcome.Outcome.of(rows.getString(2)),
                                        failure == null ? null : FileOutcome.Failure.valueOf(failure),
                                        rows.getString(4),
                                        rows.getObject(5, UUID.class)));
                    }
                    return done;
                }));
    }

    /**
     * Records the line's outcome in the caller's transaction; a line once imported stays so (two runs of one import at
     * the same time: the second finds the first's document as a duplicate).
     */
    void recordInCurrentTransaction(UUID run, String path, @Nullable Integer line, FileOutcome outcome) {
        jdbc.prepareStatement("""
                INSERT INTO import_lines (run_id, path, line, outcome, failure, reason, document_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, path) DO UPDATE
                   SET line = EXCLUDED.line, outcome = EXCLUDED.outcome, failure = EXCLUDED.failure,
                       reason = EXCLUDED.reason, document_id = EXCLUDED.document_id
                 WHERE import_lines.outcome <> 'imported'
                """, statement -> {
            statement.setObject(1, run);
            statement.setString(2, path);
            statement.setObject(3, line);
            statement.setString(4, outcome.outcome().value());
            statement.setString(
                    5, outcome.failure() == null ? null : outcome.failure().name());
            statement.setString(6, outcome.reason() == null ? null : truncated(outcome.reason()));
            statement.setObject(7, outcome.documentId());
            return statement.executeUpdate();
        });
    }

    /** Records the line's outcome in a transaction of its own: a line that created no document. */
    void record(UUID run, String path, @Nullable Integer line, FileOutcome outcome) {
        transactions.executeWrite(status -> {
            recordInCurrentTransaction(run, path, line, outcome);
            return null;
        });
    }

    private static String truncated(String reason) {
        return reason.length() <= 4000 ? reason : reason.substring(0, 3999) + "…";
    }
}
