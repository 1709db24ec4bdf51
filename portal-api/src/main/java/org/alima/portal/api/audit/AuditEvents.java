package org.alima.portal.api.audit;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the audit log, newest first, a page at a time; thread-safe. */
@Singleton
class AuditEvents {

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    AuditEvents(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @ReadOnly
    AuditPage page(AuditQuery query) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, actor_id, actor_email, action, target_type, target_id, detail::text FROM audit_events"
                        + " WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (query.action() != null) {
            sql.append(query.family() ? " AND action LIKE ?" : " AND action = ?");
            parameters.add(query.family() ? query.action() + ".%" : query.action());
        }
        if (query.actorId() != null) {
            sql.append(" AND actor_id = ?");
            parameters.add(query.actorId());
        }
        if (query.actorEmail() != null) {
            sql.append(" AND lower(actor_email) = lower(?)");
            parameters.add(query.actorEmail());
        }
        if (query.target() != null) {
            sql.append(" AND target_id = ?");
            parameters.add(query.target());
        }
        if (query.before() != null) {
            sql.append(" AND id < ?");
            parameters.add(query.before());
        }
        // Identity order is insertion order: a stable cursor even for events of the same instant.
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(query.size() + 1);
        List<AuditEvent> events = jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            ResultSet rows = statement.executeQuery();
            List<AuditEvent> read = new ArrayList<>();
            while (rows.next()) {
                read.add(read(rows));
            }
            return read;
        });
        if (events.size() > query.size()) {
            List<AuditEvent> page = events.subList(0, query.size());
            return new AuditPage(List.copyOf(page), page.get(page.size() - 1).id());
        }
        return new AuditPage(events, null);
    }

    private AuditEvent read(ResultSet rows) throws SQLException {
        UUID actor = rows.getObject("actor_id", UUID.class);
        Map<String, Object> detail;
        try {
            detail = json.readValue(rows.getString("detail"), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("audit event " + rows.getLong("id") + " holds unreadable detail", e);
        }
        return new AuditEvent(
                Long.toString(rows.getLong("id")),
                rows.getTimestamp("at").toInstant(),
                actor == null ? null : actor.toString(),
                rows.getString("actor_email"),
                rows.getString("action"),
                rows.getString("target_type"),
                rows.getString("target_id"),
                detail);
    }
}
