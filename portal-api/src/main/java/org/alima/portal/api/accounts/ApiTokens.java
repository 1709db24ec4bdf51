package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.audit.AuditLog;

/**
 * Personal API tokens for scripts: {@code pat_} and 32 random bytes (base64url), shown once when created, stored as
 * their SHA-256 (a fast hash suffices for 256 random bits), always expiring, revocable. A token acts with its
 * account's current role, and stops working the moment it is revoked, expires, or its account is disabled.
 * Thread-safe.
 */
@Singleton
class ApiTokens {

    static final String PREFIX = "pat_";

    /** How many characters of a token are kept in clear, to recognise it in a list: the prefix and 8 more. */
    static final int SHOWN_CHARACTERS = PREFIX.length() + 8;

    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 365;
    static final int DEFAULT_DAYS = 90;

    /** Unrevoked tokens one account may hold: enough for every script, few enough to review. */
    static final int MAX_PER_ACCOUNT = 50;

    /** The attribute naming the API token an authentication came from. */
    static final String TOKEN_ATTRIBUTE = "apiTokenId";

    /** Last use is written at most this often per token, so that a busy script does not write on every call. */
    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final String COLUMNS = "id, name, prefix, created_at, expires_at, last_used_at";

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcOperations jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Whether {@code token} has the shape of a personal API token; anything else is left to the other validators. */
    static boolean looksLike(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /**
     * Creates a token for {@code account}; the only time its secret is seen.
     *
     * @throws TooManyTokensException when the account holds {@value #MAX_PER_ACCOUNT} unrevoked tokens already
     */
    @Transactional
    CreatedApiToken create(Viewer actor, UUID account, String name, int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException(
                    "expiresInDays must be within " + MIN_DAYS + ".." + MAX_DAYS + ", got " + days);
        }
        // The account row is locked so that two concurrent creations cannot both pass the bound.
        jdbc.prepareStatement("SELECT 1 FROM accounts WHERE id = ? FOR UPDATE", statement -> {
            statement.setObject(1, account);
            return statement.executeQuery().next();
        });
        int held = jdbc.prepareStatement(
                "SELECT count(*) FROM api_tokens WHERE account_id = ? AND revoked_at IS NULL AND expires_at > now()",
                statement -> {
                    statement.setObject(1, account);
                    ResultSet rows = statement.executeQuery();
                    rows.next();
                    return rows.getInt(1);
                });
        if (held >= MAX_PER_ACCOUNT) {
            throw new TooManyTokensException(MAX_PER_ACCOUNT);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(Duration.ofDays(days));
        ApiToken created = jdbc.prepareStatement(
                "INSERT INTO api_tokens (account_id, name, prefix, token_hash, expires_at) VALUES (?, ?, ?, ?, ?)"
                        + " RETURNING " + COLUMNS,
                statement -> {
                    statement.setObject(1, account);
                    statement.setString(2, name);
                    statement.setString(3, token.substring(0, SHOWN_CHARACTERS));
                    statement.setString(4, SignIn.hash(token));
                    statement.setTimestamp(5, Timestamp.from(expiresAt));
                    ResultSet rows = statement.executeQuery();
                    rows.next();
                    return read(rows);
                });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("tokenId", created.id().toString());
        detail.put("name", name);
        detail.put("prefix", created.prefix());
        detail.put("expiresAt", created.expiresAt().toString());
        audit.record(actor, "token.create", "account", account.toString(), detail);
        return new CreatedApiToken(created.id().toString(), name, token, created.expiresAt());
    }

    /** The account's unrevoked tokens, expired ones included (so that their owner sees why a script stopped). */
    @ReadOnly
    List<ApiToken> list(UUID account) {
        return jdbc.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_tokens WHERE account_id = ? AND revoked_at IS NULL"
                        + " ORDER BY created_at DESC, id",
                statement -> {
                    statement.setObject(1, account);
                    ResultSet rows = statement.executeQuery();
                    List<ApiToken> tokens = new ArrayList<>();
                    while (rows.next()) {
                        tokens.add(read(rows));
                    }
                    return tokens;
                });
    }

    /**
     * Revokes one of the account's tokens.
     *
     * @return false when the account has no unrevoked token with this id
     */
    @Transactional
    boolean revoke(Viewer actor, UUID account, UUID token) {
        Optional<String> name = jdbc.prepareStatement(
                "UPDATE api_tokens SET revoked_at = now() WHERE id = ? AND account_id = ? AND revoked_at IS NULL"
                        + " RETURNING name",
                statement -> {
                    statement.setObject(1, token);
                    statement.setObject(2, account);
                    ResultSet rows = statement.executeQuery();
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                });
        name.ifPresent(revoked -> audit.record(
                actor,
                "token.revoke",
                "account",
                account.toString(),
                Map.of("tokenId", token.toString(), "name", revoked)));
        return name.isPresent();
    }

    /** Revokes every token of the account, within the caller's transaction; how many were unrevoked. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    int revokeAll(UUID account) {
        return jdbc.prepareStatement(
                "UPDATE api_tokens SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL", statement -> {
                    statement.setObject(1, account);
                    return statement.executeUpdate();
                });
    }

    /**
     * What a live token (unrevoked, unexpired, its account enabled) authenticates: its account with the account's
     * current role, or empty. Notes the token's use at most once a minute.
     */
    @Transactional
    Optional<Authentication> authenticate(String token) {
        if (!looksLike(token)) {
            return Optional.empty();
        }
        Optional<Used> used = jdbc.prepareStatement(
                "SELECT t.id AS token_id, t.last_used_at, a.id, a.email, a.display_name, a.role, a.password_hash,"
                        + " a.disabled, a.created_at FROM api_tokens t JOIN accounts a ON a.id = t.account_id"
                        + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > now()"
                        + " AND NOT a.disabled",
                statement -> {
                    statement.setString(1, SignIn.hash(token));
                    ResultSet rows = statement.executeQuery();
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    Timestamp lastUsed = rows.getTimestamp("last_used_at");
                    return Optional.of(new Used(
                            rows.getObject("token_id", UUID.class),
                            lastUsed == null ? null : lastUsed.toInstant(),
                            AccountRepository.read(rows)));
                });
        if (used.isEmpty()) {
            return Optional.empty();
        }
        Used found = used.get();
        if (found.lastUsed() == null || found.lastUsed().isBefore(Instant.now().minus(LAST_USE_RESOLUTION))) {
            jdbc.prepareStatement("UPDATE api_tokens SET last_used_at = now() WHERE id = ?", statement -> {
                statement.setObject(1, found.token());
                return statement.executeUpdate();
            });
        }
        Authentication account = SignIn.authentication(found.account(), null);
        Map<String, Object> attributes = new LinkedHashMap<>(account.getAttributes());
        attributes.put(TOKEN_ATTRIBUTE, found.token().toString());
        return Optional.of(Authentication.build(account.getName(), account.getRoles(), attributes));
    }

    /** Whether an authentication came from an API token rather than a sign-in. */
    static boolean isApiToken(Authentication authentication) {
        return authentication.getAttributes().containsKey(TOKEN_ATTRIBUTE);
    }

    private static ApiToken read(ResultSet rows) throws SQLException {
        Timestamp lastUsed = rows.getTimestamp("last_used_at");
        return new ApiToken(
                rows.getObject("id", UUID.class),
                rows.getString("name"),
                rows.getString("prefix"),
                rows.getTimestamp("created_at").toInstant(),
                rows.getTimestamp("expires_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }

    private record Used(UUID token, @Nullable Instant lastUsed, Account account) {}
}
