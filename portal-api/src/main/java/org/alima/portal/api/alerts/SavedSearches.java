package org.alima.portal.api.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.accounts.AccountDirectory;
import org.alima.portal.api.search.SearchForFeeds;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.vocabularies.Vocabulary;
import org.alima.portal.indexer.search.Filters;

/**
 * The {@code saved_searches} table: each account's saved searches, their private feed tokens and their digest
 * schedule. Only the owner reaches a search by id; the feed reaches it by its token. Thread-safe.
 */
@Singleton
class SavedSearches {

    static final int MAX_NAME = 100;
    static final int MAX_QUERY = 1000;

    /** Saved searches one account may hold: more than anyone follows, few enough to run every day. */
    static final int MAX_PER_ACCOUNT = 100;

    /** The filters a saved search may carry, as the search and its feed take them. */
    static final Set<String> FILTERS = Set.copyOf(SearchForFeeds.FILTERS);

    private static final Argument<Map<String, List<String>>> FILTERS_TYPE =
            Argument.mapOf(Argument.STRING, Argument.listOf(String.class));

    private static final String COLUMNS = "id, account_id, name, query, filters, language, frequency, feed_token,"
            + " site_url, alerts_since, next_run_at, last_run_at, last_error, created_at";

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final AccountDirectory accounts;
    private final SecureRandom random = new SecureRandom();

    SavedSearches(JdbcOperations jdbc, JsonMapper json, AccountDirectory accounts) {
        this.jdbc = jdbc;
        this.json = json;
        this.accounts = accounts;
    }

    /**
     * Checks the filters a request gives: known names only, and values the search accepts.
     *
     * @return them with blank values left out, in a stable order
     * @throws InvalidInputException naming {@code filters.<name>} for an unknown filter or a value out of bounds
     */
    static Map<String, List<String>> checkFilters(@Nullable Map<String, List<String>> given) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        if (given == null) {
            return kept;
        }
        List<FieldError> errors = new ArrayList<>();
        given.forEach((name, values) -> {
            String field = "filters." + name;
            if (!FILTERS.contains(name)) {
                errors.add(new FieldError(
                        field, "is not a filter of the search; the filters are " + String.join(", ", sorted())));
                return;
            }
            List<String> list = values == null ? List.of() : values;
            if (list.size() > Filters.MAX_VALUES) {
                errors.add(new FieldError(
                        field, "has " + list.size() + " values; at most " + Filters.MAX_VALUES + " are allowed"));
                return;
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (String value : list) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                if (value.length() > Filters.MAX_VALUE_LENGTH) {
                    errors.add(new FieldError(
                            field,
                            "has a value of " + value.length() + " characters; at most " + Filters.MAX_VALUE_LENGTH
                                    + " are allowed"));
                    return;
                }
                distinct.add(value.strip());
            }
            Arrays.stream(Vocabulary.values())
                    .filter(vocabulary -> vocabulary.key().equals(name))
                    .forEach(vocabulary -> errors.addAll(vocabulary.unknown(field, distinct)));
            if (!distinct.isEmpty()) {
                kept.put(name, List.copyOf(distinct));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        sorted().forEach(name -> {
            if (kept.containsKey(name)) {
                ordered.put(name, kept.get(name));
            }
        });
        return ordered;
    }

    private static List<String> sorted() {
        return FILTERS.stream().sorted().toList();
    }

    /**
     * Saves a search for {@code account}.
     *
     * @throws TooManySavedSearchesException when the account holds {@value #MAX_PER_ACCOUNT} already
     */
    @Transactional
    SavedSearch create(
            UUID account,
            String name,
            @Nullable String query,
            Map<String, List<String>> filters,
            Frequency frequency,
            String language,
            String siteUrl) {
        // Creations for one account take turns (a lock held until commit), so that two at once cannot both pass the
        // bound.
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", statement -> {
            statement.setString(1, "saved_searches:" + account);
            return statement.executeQuery().next();
        });
        int held = jdbc.prepareStatement("SELECT count(*) FROM saved_searches WHERE account_id = ?", statement -> {
            statement.setObject(1, account);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getInt(1);
        });
        if (held >= MAX_PER_ACCOUNT) {
            throw new TooManySavedSearchesException(MAX_PER_ACCOUNT);
        }
        return jdbc.prepareStatement("""
                INSERT INTO saved_searches (account_id, name, query, filters, language, frequency, feed_token, site_url,
                                            alerts_since, next_run_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?,
                        CASE WHEN ? = 'none' THEN NULL ELSE now() END,
                        CASE WHEN ? = 'none' THEN NULL ELSE now() + ?::interval END)
                RETURNING """ + " " + COLUMNS, statement -> {
            statement.setObject(1, account);
            statement.setString(2, name);
            statement.setString(3, query);
            statement.setString(4, write(filters));
            statement.setString(5, language);
            statement.setString(6, frequency.value());
            statement.setString(7, newToken());
            statement.setString(8, siteUrl);
            statement.setString(9, frequency.value());
            statement.setString(10, frequency.value());
            statement.setString(11, interval(frequency));
            ResultSet rows = statement.executeQuery();
            rows.next();
            return read(rows);
        });
    }

    /** The account's saved searches, oldest first. */
    @ReadOnly
    List<SavedSearch> list(UUID account) {
        return jdbc.prepareStatement(
                "SELECT " + COLUMNS + " FROM saved_searches WHERE account_id = ? ORDER BY created_at, id",
                statement -> {
                    statement.setObject(1, account);
                    ResultSet rows = statement.executeQuery();
                    List<SavedSearch> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                    return found;
                });
    }

    /** The account's saved search {@code id}; empty when it has none by that id. */
    @ReadOnly
    Optional<SavedSearch> find(UUID account, UUID id) {
        return one("SELECT " + COLUMNS + " FROM saved_searches WHERE id = ? AND account_id = ?", id, account);
    }

    /**
     * The saved search whose private feed {@code token} opens, with its owner as the owner is now; empty for an
     * unknown or revoked token, or a disabled account.
     */
    @ReadOnly
    Optional<FeedOwner> byFeedToken(String token) {
        return one("SELECT " + COLUMNS + " FROM saved_searches WHERE feed_token = ?", token)
                .flatMap(saved -> accounts.addressee(saved.accountId()).map(owner -> new FeedOwner(saved, owner)));
    }

    /** A saved search and its owner. */
    record FeedOwner(SavedSearch search, AccountDirectory.Addressee owner) {}

    /**
     * Changes what is given of a saved search (null: unchanged). Turning alerts on starts them from now: the first
     * digest tells of what is published from now on; changing between daily and weekly keeps that start.
     *
     * @return the search as changed; empty when the account has none by that id
     */
    @Transactional
    Optional<SavedSearch> update(
            UUID account,
            UUID id,
            @Nullable String name,
            @Nullable String query,
            @Nullable Map<String, List<String>> filters,
            @Nullable Frequency frequency,
            @Nullable String language) {
        Optional<SavedSearch> current = one(
                "SELECT " + COLUMNS + " FROM saved_searches WHERE id = ? AND account_id = ? FOR UPDATE", id, account);
        if (current.isEmpty()) {
            return current;
        }
        SavedSearch was = current.get();
        Frequency next = frequency == null ? was.frequency() : frequency;
        boolean scheduleChanges = next != was.frequency();
        return jdbc.prepareStatement("""
                UPDATE saved_searches
                   SET name = ?, query = ?, filters = ?::jsonb, language = ?, frequency = ?,
                       alerts_since = CASE WHEN ? = 'none' THEN NULL ELSE coalesce(alerts_since, now()) END,
                       next_run_at = CASE WHEN ? = 'none' THEN NULL
                                          WHEN ? THEN now() + ?::interval
                                          ELSE next_run_at END,
                       updated_at = now()
                 WHERE id = ?
                RETURNING """ + " " + COLUMNS, statement -> {
            statement.setString(1, name == null ? was.name() : name);
            statement.setString(2, query == null ? was.query() : query.isBlank() ? null : query);
            statement.setString(3, write(filters == null ? was.filters() : filters));
            statement.setString(4, language == null ? was.language() : language);
            statement.setString(5, next.value());
            statement.setString(6, next.value());
            statement.setString(7, next.value());
            statement.setBoolean(8, scheduleChanges);
            statement.setString(9, interval(next));
            statement.setObject(10, id);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return Optional.of(read(rows));
        });
    }

    /**
     * Replaces the search's feed token by a new one: the old address stops working at once.
     *
     * @return the search with its new token; empty when the account has none by that id
     */
    @Transactional
    Optional<SavedSearch> renewFeedToken(UUID account, UUID id) {
        return one(
                "UPDATE saved_searches SET feed_token = ?, updated_at = now() WHERE id = ? AND account_id = ?"
                        + " RETURNING " + COLUMNS,
                newToken(),
                id,
                account);
    }

    /** Deletes the search and the record of what its digests sent; false when the account has none by that id. */
    @Transactional
    boolean delete(UUID account, UUID id) {
        return jdbc.prepareStatement("DELETE FROM saved_searches WHERE id = ? AND account_id = ?", statement -> {
                    statement.setObject(1, id);
                    statement.setObject(2, account);
                    return statement.executeUpdate();
                })
                > 0;
    }

    private Optional<SavedSearch> one(String sql, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        });
    }

    SavedSearch read(ResultSet rows) throws SQLException {
        return new SavedSearch(
                rows.getObject("id", UUID.class),
                rows.getObject("account_id", UUID.class),
                rows.getString("name"),
                rows.getString("query"),
                readFilters(rows.getString("filters")),
                rows.getString("language"),
                Frequency.of(rows.getString("frequency")),
                rows.getString("feed_token"),
                rows.getString("site_url"),
                instant(rows, "alerts_since"),
                instant(rows, "next_run_at"),
                instant(rows, "last_run_at"),
                rows.getString("last_error"),
                instant(rows, "created_at"));
    }

    /** The interval PostgreSQL adds for the frequency; any for {@link Frequency#NONE}, which has no schedule. */
    static String interval(Frequency frequency) {
        return frequency.period() == null ? "0" : frequency.period().toSeconds() + " seconds";
    }

    private static @Nullable Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private String write(Map<String, List<String>> filters) {
        try {
            return json.writeValueAsString(filters);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the filters of a saved search as JSON", e);
        }
    }

    private Map<String, List<String>> readFilters(String text) {
        try {
            return json.readValue(text, FILTERS_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the filters of a saved search: " + text, e);
        }
    }

    private String newToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
