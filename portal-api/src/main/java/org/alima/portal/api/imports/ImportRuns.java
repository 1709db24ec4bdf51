package org.alima.portal.api.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Records the line's outcome in the caller's transaction. */
    void recordInCurrentTransaction(UUID run, String path, @Nullable Integer line, FileOutcome outcome) {
        jdbc.prepareStatement("""
                INSERT INTO import_lines (run_id, path, line, outcome, failure, reason, document_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, path) DO UPDATE
                   SET line = EXCLUDED.line, outcome = EXCLUDED.outcome, failure = EXCLUDED.failure,
                       reason = EXCLUDED.reason, document_id = EXCLUDED.document_id
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
