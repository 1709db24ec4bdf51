package org.alima.portal.api.accounts;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.audit.Actors;

/**
 * What other features read of accounts (names to show, emails for the audit log, who may curate), so that only this
 * package reads the {@code accounts} table. Thread-safe; each method runs in the caller's transaction when there is
 * one.
 */
@Singleton
public class AccountDirectory implements Actors {

    private final JdbcOperations jdbc;

    AccountDirectory(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The display names of those of {@code accounts} that exist. */
    public Map<UUID, String> displayNames(Collection<UUID> accounts) {
        if (accounts.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("SELECT id, display_name FROM accounts WHERE id = ANY (?)", statement -> {
            statement.setArray(
                    1, statement.getConnection().createArrayOf("uuid", new LinkedHashSet<>(accounts).toArray()));
            ResultSet rows = statement.executeQuery();
            Map<UUID, String> names = new HashMap<>();
            while (rows.next()) {
                names.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
            return names;
        });
    }

    /** Those of {@code accounts} that are not enabled accounts of curators or administrators, in their order. */
    public List<UUID> notCurators(Collection<UUID> accounts) {
        return jdbc.prepareStatement("""
                SELECT x.id FROM unnest(?) WITH ORDINALITY AS x(id, n)
                 WHERE NOT EXISTS (SELECT 1 FROM accounts a
                                    WHERE a.id = x.id AND a.role IN ('curator', 'admin') AND NOT a.disabled)
                 ORDER BY x.n
                """, statement -> {
            statement.setArray(
                    1, statement.getConnection().createArrayOf("uuid", new LinkedHashSet<>(accounts).toArray()));
            ResultSet rows = statement.executeQuery();
            List<UUID> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        });
    }

    @Override
    public Optional<String> emailOf(UUID account) {
        return jdbc.prepareStatement("SELECT email FROM accounts WHERE id = ?", statement -> {
            statement.setObject(1, account);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        });
    }

    /**
     * The account as a saved search's digest reaches it, when it exists and is enabled: where to write, and who its
     * searches run as now (its current role: a role taken away takes away what it let the account see).
     */
    public Optional<Addressee> addressee(UUID account) {
        return jdbc.prepareStatement(
                "SELECT email, display_name, role FROM accounts WHERE id = ? AND NOT disabled", statement -> {
                    statement.setObject(1, account);
                    ResultSet rows = statement.executeQuery();
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Addressee(
                            rows.getString(1),
                            rows.getString(2),
                            new Viewer(account, Role.ofAccount(rows.getString(3)))));
                });
    }

    /** The enabled account that signs in with {@code email} (case aside), as who it acts as. */
    public Optional<Viewer> enabledAccount(String email) {
        return jdbc.prepareStatement(
                "SELECT id, role FROM accounts WHERE lower(email) = lower(?) AND NOT disabled", statement -> {
                    statement.setString(1, email);
                    ResultSet rows = statement.executeQuery();
                    return rows.next()
                            ? Optional.of(new Viewer(rows.getObject(1, UUID.class), Role.ofAccount(rows.getString(2))))
                            : Optional.empty();
                });
    }

    /** An enabled account's address, name, and who it acts as. */
    public record Addressee(String email, String displayName, Viewer viewer) {}
}
