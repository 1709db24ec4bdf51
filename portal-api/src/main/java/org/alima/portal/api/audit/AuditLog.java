package org.alima.portal.api.audit;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.alima.portal.api.accounts.Viewer;

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

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    public AuditLog(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records that {@code actor} performed {@code action} on a target.
     *
     * @param targetType what was acted on: document, account, token, collection
     * @param detail what the reader of the log needs to understand the change (old and new role, reason…); no secrets
     */
    @Transactional
    public void record(Viewer actor, String action, String targetType, String targetId, Map<String, ?> detail) {
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action '" + action + "' must look like document.publish");
        }
        String detailJson;
        try {
            detailJson = json.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit detail of " + action, e);
        }
        jdbc.prepareStatement("""
                INSERT INTO audit_events (actor_id, actor_email, action, target_type, target_id, detail)
                VALUES (?, (SELECT email FROM accounts WHERE id = ?), ?, ?, ?, ?::jsonb)
                """, statement -> {
            statement.setObject(1, actor.accountId());
            statement.setObject(2, actor.accountId());
            statement.setString(3, action);
            statement.setString(4, targetType);
            statement.setString(5, targetId);
            statement.setString(6, detailJson);
            return statement.executeUpdate();
        });
    }
}
