package org.alima.portal.api.accounts;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes accounts and refresh tokens in PostgreSQL; thread-safe, each method one transaction. */
@Singleton
class AccountRepository {

    private static final String SELECT =
            "SELECT id, email, display_name, role, password_hash, disabled, created_at FROM accounts";

    private final JdbcOperations jdbc;

    AccountRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    Optional<Account> findByEmail(String email) {
        return one(SELECT + " WHERE lower(email) = lower(?)", email);
    }

    @ReadOnly
    Optional<Account> findById(UUID id) {
        return one(SELECT + " WHERE id = ?", id);
    }

    @ReadOnly
    List<Account> list() {
        return jdbc.prepareStatement(SELECT + " ORDER BY lower(email)", statement -> {
            ResultSet rows = statement.executeQuery();
            List<Account> accounts = new java.util.ArrayList<>();
            while (rows.next()) {
                accounts.add(read(rows));
            }
            return accounts;
        });
    }

    @ReadOnly
    boolean anyAdmin() {
        return jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM accounts WHERE role = 'admin')", statement -> {
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getBoolean(1);
        });
    }

    /**
     * Creates a local account.
     *
     * @throws EmailTakenException when another account signs in with the same email, whatever its case
     */
    @Transactional
    Account create(String email, String displayName, Role role, String passwordHash) {
        try {
            return jdbc.prepareStatement("""
                    INSERT INTO accounts (email, display_name, role, password_hash) VALUES (?, ?, ?, ?)
                    RETURNING id, email, display_name, role, password_hash, disabled, created_at
                    """, statement -> {
                statement.setString(1, email);
                statement.setString(2, displayName);
                statement.setString(3, role.value());
                statement.setString(4, passwordHash);
                ResultSet rows = statement.executeQuery();
                rows.next();
                return read(rows);
            });
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw new EmailTakenException(email, e);
            }
            throw e;
        }
    }

    @Transactional
    void storeRefreshToken(UUID account, String tokenHash, Instant expiresAt) {
        jdbc.prepareStatement(
                "INSERT INTO refresh_tokens (account_id, token_hash, expires_at) VALUES (?, ?, ?)", statement -> {
                    statement.setObject(1, account);
                    statement.setString(2, tokenHash);
                    statement.setTimestamp(3, Timestamp.from(expiresAt));
                    return statement.executeUpdate();
                });
    }

    /** The enabled account a live (unrevoked, unexpired) refresh token belongs to. */
    @ReadOnly
    Optional<Account> findByRefreshToken(String tokenHash) {
        return one(SELECT + """
                 WHERE NOT disabled AND id = (SELECT account_id FROM refresh_tokens
                                               WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > now())
                """, tokenHash);
    }

    /** Revokes a refresh token; true when it was live. */
    @Transactional
    boolean revokeRefreshToken(String tokenHash) {
        return jdbc.prepareStatement(
                        "UPDATE refresh_tokens SET revoked_at = now() WHERE token_hash = ? AND revoked_at IS NULL",
                        statement -> {
                            statement.setString(1, tokenHash);
                            return statement.executeUpdate();
                        })
                > 0;
    }

    private Optional<Account> one(String sql, Object parameter) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, parameter);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        });
    }

    static Account read(ResultSet rows) throws SQLException {
        return new Account(
                rows.getObject("id", UUID.class),
                rows.getString("email"),
                rows.getString("display_name"),
                Role.ofAccount(rows.getString("role")),
                rows.getString("password_hash"),
                rows.getBoolean("disabled"),
                rows.getTimestamp("created_at").toInstant());
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
