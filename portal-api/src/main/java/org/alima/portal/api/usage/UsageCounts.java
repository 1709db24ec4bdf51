package org.alima.portal.api.usage;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Date;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** The table {@code usage_counts}: counts per document, month and kind. Thread-safe. */
@Singleton
class UsageCounts {

    private final JdbcOperations jdbc;

    UsageCounts(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code counts} to the stored ones, in one batch and one transaction. */
    @Transactional
    void add(Map<Count, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("""
                INSERT INTO usage_counts (document_id, month, kind, count) VALUES (?, ?, ?, ?)
                ON CONFLICT (document_id, month, kind) DO UPDATE SET count = usage_counts.count + EXCLUDED.count""", statement -> {
            for (Map.Entry<Count, Long> entry : counts.entrySet()) {
                Count count = entry.getKey();
                statement.setObject(1, count.document());
                statement.setDate(2, Date.valueOf(count.month().atDay(1)));
                statement.setString(3, count.kind().column());
                statement.setLong(4, entry.getValue());
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    /** A document's views and downloads in {@code month} and in all. */
    @ReadOnly
    DocumentUsage of(UUID document, YearMonth month) {
        return jdbc.prepareStatement("""
                SELECT kind, sum(count) FILTER (WHERE month = ?) AS this_month, sum(count) AS total
                  FROM usage_counts WHERE document_id = ? GROUP BY kind""", statement -> {
            statement.setDate(1, Date.valueOf(month.atDay(1)));
            statement.setObject(2, document);
            ResultSet rows = statement.executeQuery();
            long[] monthly = new long[UsageKind.values().length];
            long[] total = new long[UsageKind.values().length];
            while (rows.next()) {
                int kind = UsageKind.ofColumn(rows.getString("kind")).ordinal();
                monthly[kind] = rows.getLong("this_month");
                total[kind] = rows.getLong("total");
            }
            return new DocumentUsage(
                    month.toString(),
                    new DocumentUsage.Figures(monthly[UsageKind.VIEW.ordinal()], monthly[UsageKind.DOWNLOAD.ordinal()]),
                    new DocumentUsage.Figures(total[UsageKind.VIEW.ordinal()], total[UsageKind.DOWNLOAD.ordinal()]));
        });
    }

    /** Every document's views and downloads in {@code month}, for those that have any. */
    @ReadOnly
    Map<UUID, DocumentUsage.Figures> month(YearMonth month) {
        return jdbc.prepareStatement("""
                SELECT document_id,
                       coalesce(sum(count) FILTER (WHERE kind = 'view'), 0) AS views,
                       coalesce(sum(count) FILTER (WHERE kind = 'download'), 0) AS downloads
                  FROM usage_counts WHERE month = ? GROUP BY document_id""", statement -> {
            statement.setDate(1, Date.valueOf(month.atDay(1)));
            ResultSet rows = statement.executeQuery();
            Map<UUID, DocumentUsage.Figures> figures = new HashMap<>();
            while (rows.next()) {
                figures.put(
                        rows.getObject("document_id", UUID.class),
                        new DocumentUsage.Figures(rows.getLong("views"), rows.getLong("downloads")));
            }
            return figures;
        });
    }

    /** One line of the export: a document's views and downloads in one month. */
    record Line(UUID document, YearMonth month, long views, long downloads) {}

    /** The counts of the months from {@code from} to {@code to}, both included, by month then document. */
    @ReadOnly
    void lines(YearMonth from, YearMonth to, Consumer<Line> each) {
        jdbc.prepareStatement("""
                SELECT document_id, month,
                       coalesce(sum(count) FILTER (WHERE kind = 'view'), 0) AS views,
                       coalesce(sum(count) FILTER (WHERE kind = 'download'), 0) AS downloads
                  FROM usage_counts WHERE month BETWEEN ? AND ?
                 GROUP BY month, document_id ORDER BY month, document_id""", statement -> {
            statement.setDate(1, Date.valueOf(from.atDay(1)));
            statement.setDate(2, Date.valueOf(to.atDay(1)));
            ResultSet rows = statement.executeQuery();
            while (rows.next()) {
                each.accept(new Line(
                        rows.getObject("document_id", UUID.class),
                        YearMonth.from(rows.getDate("month").toLocalDate()),
                        rows.getLong("views"),
                        rows.getLong("downloads")));
            }
            return null;
        });
    }
}
