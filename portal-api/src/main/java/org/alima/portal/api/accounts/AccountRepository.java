package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer.Role;

/**
 * Reads and writes accounts and refresh tokens in PostgreSQL; thread-safe, each method one transaction or a part of
 * the caller's.
 */
@Singleton
class AccountRepository {

    private static final String COLUMNS = "id, email, display_name, role, password_hash, disabled, created_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM accounts";

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

    /** The account an external provider knows by {@code subject}. */
    @ReadOnly
    Optional<Account> findByProvider(String provider, String subject) {
        return jdbc.prepareStatement(SELECT + " WHERE oidc_provider = ? AND oidc_subject = ?", statement -> {
            statement.setString(1, provider);
            statement.setString(2, subject);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        });
    }

    /** The provider an account is linked to, if any. */
    @ReadOnly
    Optional<String> providerOf(UUID id) {
        return jdbc.prepareStatement("SELECT oidc_provider FROM accounts WHERE id = ?", statement -> {
            statement.setObject(1, id);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        });
    }

    @ReadOnly
    List<Account> list() {
        return jdbc.prepareStatement(SELECT + " ORDER BY lower(email)", statement -> {
            ResultSet rows = statement.executeQuery();
            List<Account> accounts = new ArrayList<>();
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
     * The enabled administrators, locked until the caller's transaction ends: two administrators demoting each other
     * at the same moment are serialised, so that the second sees the first's change and one administrator remains.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    List<UUID> lockEnabledAdmins() {
        return jdbc.prepareStatement(
                "SELECT id FROM accounts WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE", statement -> {
                    ResultSet rows = statement.executeQuery();
                    List<UUID> ids = new ArrayList<>();
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                    return ids;
                });
    }

    /** The account, locked until the caller's transaction ends. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<Account> lock(UUID id) {
        return one(SELECT + " WHERE id = ? FOR UPDATE", id);
    }

    /**
     * Creates an account.
     *
     * @param passwordHash null for an account that signs in only through an external provider
     * @param provider the external provider and the subject it gave, or null for a local account
     * @throws EmailTakenException when another account signs in with the same email, whatever its case
     */
    @Transactional
    Account create(
            String email,
            String displayName,
            Role role,
            @Nullable String passwordHash,
            @Nullable String provider,
            @Nullable String subject) {
        try {
            return jdbc.prepareStatement(
                    "INSERT INTO accounts (email, display_name, role, password_hash, oidc_provider, oidc_subject)"
                            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                    statement -> {
                        statement.setString(1, email);
                        statement.setString(2, displayName);
                        statement.setString(3, role.value());
                        statement.setString(4, passwordHash);
                        statement.setString(5, provider);
                        statement.setString(6, subject);
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

    /** Writes the role, the disabled flag and the display name of an account; the new state. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Account update(UUID id, Role role, boolean disabled, String displayName) {
        return jdbc.prepareStatement(
                "UPDATE accounts SET role = ?, disabled = ?, display_name = ?, updated_at = now() WHERE id = ?"
                        + " RETURNING " + COLUMNS,
                statement -> {
                    statement.setString(1, role.value());
                    statement.setBoolean(2, disabled);
                    statement.setString(3, displayName);
                    statement.setObject(4, id);
                    ResultSet rows = statement.executeQuery();
                    rows.next();
                    return read(rows);
                });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void setPasswordHash(UUID id, String passwordHash) {
        jdbc.prepareStatement("UPDATE accounts SET password_hash = ?, updated_at = now() WHERE id = ?", statement -> {
            statement.setString(1, passwordHash);
            statement.setObject(2, id);
            return statement.executeUpdate();
        });
    }

    /** Links an existing account to an external provider's subject. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void link(UUID id, String provider, String subject) {
        jdbc.prepareStatement(
                "UPDATE accounts SET oidc_provider = ?, oidc_subject = ?, updated_at = now() WHERE id = ?",
                statement -> {
                    statement.setString(1, provider);
                    statement.setString(2, subject);
                    statement.setObject(3, id);
                    return statement.executeUpdate();
                });
    }

    /**
     * Stores a refresh token handed out for {@code session}. A session's later tokens keep its first token's expiry,
     * whatever {@code expiresAt} says: rotating a token never extends its session. A token of a session that ended
     * meanwhile (a renewal racing with a replay or a sign-out) is stored revoked: the session's rows are read with a
     * share lock, which waits for {@link #endSession} and is waited for by it.
     */
    @Transactional
    void storeRefreshToken(UUID account, String tokenHash, Instant expiresAt, @Nullable UUID session) {
        jdbc.prepareStatement(
                "INSERT INTO refresh_tokens (account_id, token_hash, expires_at, session_id, revoked_at,"
                        + " session_ended_at) SELECT ?, ?, COALESCE(min(s.expires_at), ?), ?::uuid,"
                        + " max(s.session_ended_at), max(s.session_ended_at) FROM (SELECT expires_at, session_ended_at"
                        + " FROM refresh_tokens WHERE session_id = ?::uuid FOR SHARE) s",
                statement -> {
                    statement.setObject(1, account);
                    statement.setString(2, tokenHash);
                    statement.setTimestamp(3, Timestamp.from(expiresAt));
                    statement.setObject(4, session);
                    statement.setObject(5, session);
                    return statement.executeUpdate();
                });
    }

    /**
     * Uses a refresh token up: when it is live (unrevoked, unexpired, handed out within {@code idle}, its account
     * enabled), marks it rotated and returns its owner and session. Row-locked, so that of two uses of one token at
     * once only one finds it live.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<RefreshTokenOwner> rotateRefreshToken(String tokenHash, Duration idle) {
        return jdbc.prepareStatement(
                "UPDATE refresh_tokens t SET revoked_at = now(), rotated_at = now() FROM accounts a"
                        + " WHERE a.id = t.account_id AND t.token_hash = ? AND t.revoked_at IS NULL"
                        + " AND t.expires_at > now() AND t.created_at > now() - make_interval(secs => ?)"
                        + " AND NOT a.disabled RETURNING a.id, a.email, a.display_name, a.role, a.password_hash,"
                        + " a.disabled, a.created_at, t.session_id",
                statement -> {
                    statement.setString(1, tokenHash);
                    statement.setDouble(2, (double) idle.toSeconds());
                    ResultSet rows = statement.executeQuery();
                    return rows.next()
                            ? Optional.of(new RefreshTokenOwner(read(rows), rows.getObject("session_id", UUID.class)))
                            : Optional.empty();
                });
    }

    /** The account and session of a refresh token that was used up by a rotation already, if it is one. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<RotatedToken> findRotated(String tokenHash) {
        return jdbc.prepareStatement(
                "SELECT account_id, session_id FROM refresh_tokens WHERE token_hash = ? AND rotated_at IS NOT NULL",
                statement -> {
                    statement.setString(1, tokenHash);
                    ResultSet rows = statement.executeQuery();
                    return rows.next()
                            ? Optional.of(new RotatedToken(
                                    rows.getObject("account_id", UUID.class), rows.getObject("session_id", UUID.class)))
                            : Optional.empty();
                });
    }

    /**
     * Ends one session of an account: revokes its live refresh tokens and marks all of them ended, so that a token
     * being stored for it at the same time is stored revoked ({@link #storeRefreshToken}); with {@code session} null,
     * revokes the account's tokens of no session. How many tokens were live.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    int endSession(UUID account, @Nullable UUID session) {
        if (session == null) {
            return jdbc.prepareStatement(
                    "UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL"
                            + " AND session_id IS NULL",
                    statement -> {
                        statement.setObject(1, account);
                        return statement.executeUpdate();
                    });
        }
        // First wait for a renewal storing the session's next token (it holds a share lock on the session's rows);
        // the updates below, new statements, then see that token too.
        jdbc.prepareStatement("SELECT 1 FROM refresh_tokens WHERE session_id = ?::uuid FOR UPDATE", statement -> {
            statement.setObject(1, session);
            return statement.executeQuery().next();
        });
        int live = jdbc.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = now() WHERE session_id = ?::uuid AND revoked_at IS NULL",
                statement -> {
                    statement.setObject(1, session);
                    return statement.executeUpdate();
                });
        jdbc.prepareStatement(
                "UPDATE refresh_tokens SET session_ended_at = now() WHERE session_id = ?::uuid", statement -> {
                    statement.setObject(1, session);
                    return statement.executeUpdate();
                });
        return live;
    }

    /**
     * Signs out: revokes a refresh token and ends its session ({@link #endSession}); true when the token was live. A
     * token of no session is revoked alone.
     */
    @Transactional
    boolean revokeRefreshToken(String tokenHash) {
        Optional<RevokedToken> token = jdbc.prepareStatement(
                "UPDATE refresh_tokens t SET revoked_at = COALESCE(t.revoked_at, now()) FROM refresh_tokens old WHERE old.id = t.id"
                        + " AND t.token_hash = ? RETURNING t.account_id, t.session_id, old.revoked_at IS NULL AS live",
                statement -> {
                    statement.setString(1, tokenHash);
                    ResultSet rows = statement.executeQuery();
                    return rows.next()
                            ? Optional.of(new RevokedToken(
                                    rows.getObject("account_id", UUID.class),
                                    rows.getObject("session_id", UUID.class),
                                    rows.getBoolean("live")))
                            : Optional.empty();
                });
        token.filter(revoked -> revoked.session() != null)
                .ifPresent(revoked -> endSession(revoked.account(), revoked.session()));
        return token.map(RevokedToken::live).orElse(false);
    }

    /**
     * Revokes the account's refresh tokens, except those of session {@code keep} when given; how many were live.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    int revokeRefreshTokens(UUID account, @Nullable UUID keep) {
        return jdbc.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL"
                        + " AND session_id IS DISTINCT FROM ?",
                statement -> {
                    statement.setObject(1, account);
                    // IS DISTINCT FROM NULL holds for every row: with no session to keep, all are revoked.
                    statement.setObject(2, keep);
                    return statement.executeUpdate();
                });
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

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** An account signed in with a refresh token, and the session the token belongs to (null for older tokens). */
    record RefreshTokenOwner(Account account, @Nullable UUID session) {}

    /** A refresh token used up already: whose, and of which session (null for older tokens). */
    record RotatedToken(UUID account, @Nullable UUID session) {}

    /** A refresh token revoked by signing out: whose, of which session, and whether it was live until then. */
    private record RevokedToken(UUID account, @Nullable UUID session, boolean live) {}
}
