package org.alima.portal.api.audit;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;
import org.alima.portal.api.access.Viewer;

/**
 * Records who did what and when, in the transaction of the change itself (joining the caller's), so that a change and
 * its record commit or roll back together. Thread-safe.
 *
 * <p>Actions are dotted, lower case, naming the target and the verb: {@code document.upload}, {@code document.publish},
 * {@code account.role_change}, {@code token.revoke}, {@code collection.item_add}.
 */
@Singleton
public class AuditLog {

    private static final Pattern ACTION = Pattern.compile("[a-z]+(\\.[a-z_]+)+");

    private static final String INSERT = """
            INSERT INTO audit_events (actor_id, actor_email, action, target_type, target_id, detail)
            VALUES (?, ?, ?, ?, ?, ?::jsonb)
            """;

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final Actors actors;

    AuditLog(JdbcOperations jdbc, JsonMapper json, Actors actors) {
        this.jdbc = jdbc;
        this.json = json;
        this.actors = actors;
    }

    /**
     * Records that {@code actor} performed {@code action} on a target.
     *
     * @param targetType what was acted on: document, account, token, collection
     * @param detail what the reader of the log needs to understand the change (old and new role, reason…); no secrets
     */
    @Transactional
    public void record(Viewer actor, String action, String targetType, String targetId, Map<String, ?> detail) {
        checkAction(action);
        String detailJson;
        try {
            detailJson = json.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit detail of " + action, e);
        }
        String actorEmail = actor.account().flatMap(actors::emailOf).orElse(null);
        jdbc.prepareStatement(INSERT, statement -> {
            statement.setObject(1, actor.accountId());
            statement.setString(2, actorEmail);
            statement.setString(3, action);
            statement.setString(4, targetType);
            statement.setString(5, targetId);
            statement.setString(6, detailJson);
            return statement.executeUpdate();
        });
    }

    /**
     * Records, on a connection of the caller's (the command line, which runs without the server), an action of the
     * system itself: no actor, and a detail of text values, those that are null left out.
     *
     * @throws SQLException when the database refuses it; the caller's transaction decides what becomes of it
     */
    public static void recordBySystem(
            Connection connection, String action, String targetType, String targetId, Map<String, String> detail)
            throws SQLException {
        checkAction(action);
        try (PreparedStatement insert = connection.prepareStatement(
                INSERT.replace("?::jsonb", "jsonb_strip_nulls(jsonb_object(?::text[], ?::text[]))"))) {
            insert.setObject(1, null);
            insert.setString(2, null);
            insert.setString(3, action);
            insert.setString(4, targetType);
            insert.setString(5, targetId);
            insert.setArray(6, connection.createArrayOf("text", detail.keySet().toArray()));
            insert.setArray(7, connection.createArrayOf("text", detail.values().toArray()));
            insert.executeUpdate();
        }
    }

    private static void checkAction(String action) {
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action '" + action + "' must look like document.publish");
        }
    }
}
