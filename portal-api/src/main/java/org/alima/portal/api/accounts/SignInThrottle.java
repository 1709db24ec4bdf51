package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Refuses password attempts after too many recent failures, counted in PostgreSQL so that every portal node sharing
 * the database counts the same attempts; thread-safe, and safe across nodes. Every attempt is counted <em>before</em>
 * its password is checked (and forgiven after a success), so that many attempts sent at once, to one node or to
 * several, cannot slip between the check and the count: each step is one transaction holding one advisory lock.
 *
 * <p>What is counted, within {@code portal.accounts.sign-in.window} (15 min):
 *
 * <ul>
 *   <li>failures for one email from one address ({@code max-failures}, 5): guessing one account's password. It locks
 *       that address out of that account only, so that <b>an attacker throttled on an account does not lock its
 *       owner out</b>: the owner signs in from their own address;
 *   <li>failures from one address over every email ({@code max-failures-per-address}, 50): spraying one password
 *       over many accounts. An office behind one NAT address shares it, hence the higher bound;
 *   <li>failures for one email over every address ({@code max-failures-per-account}, 100): guessing spread over many
 *       addresses. Past it the account is refused to every address except those it signed in from successfully in
 *       the last {@code known-address-memory} (30 days), so that its owner still gets in from there; a new address of
 *       the owner's waits for the window like the attacker.
 * </ul>
 *
 * A success clears its email's failures from its address. Rows are {@code sign_in_failures} (one per counted attempt,
 * deleted once out of the window, so the table holds at most the attempts of the last window) and {@code
 * sign_in_addresses} (the last 8 addresses of each account). Times come from this process's clock: nodes are expected
 * to keep theirs in step (NTP), as for token expiry.
 */
@Singleton
final class SignInThrottle {

    /** What kind of limit an attempt ran into, for the log and the audit. */
    enum Scope {
        ACCOUNT_FROM_ADDRESS,
        ADDRESS,
        ACCOUNT
    }

    /** A refusal: how long to wait, and which limit. */
    record Refusal(Duration retryAfter, Scope scope) {}

    /** The outcome of counting a failure: the scope it just locked, if it reached a limit. */
    record Failure(Optional<Scope> locked) {}

    /** The last addresses of an account are enough: home, office, phone. */
    private static final int KNOWN_ADDRESSES = 8;

    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final int maxFailuresPerAccount;
    private final Duration window;
    private final Duration knownAddressMemory;
    private final Clock clock;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    @Inject
    SignInThrottle(
            @Value("${portal.accounts.sign-in.max-failures:5}") int maxFailures,
            @Value("${portal.accounts.sign-in.max-failures-per-address:50}") int maxFailuresPerAddress,
            @Value("${portal.accounts.sign-in.max-failures-per-account:100}") int maxFailuresPerAccount,
            @Value("${portal.accounts.sign-in.window:15m}") Duration window,
            @Value("${portal.accounts.sign-in.known-address-memory:30d}") Duration knownAddressMemory,
            JdbcOperations jdbc,
            TransactionOperations<Connection> transactions) {
        this(
                maxFailures,
                maxFailuresPerAddress,
                maxFailuresPerAccount,
                window,
                knownAddressMemory,
                Clock.systemUTC(),
                jdbc,
                transactions);
    }

    SignInThrottle(
            int maxFailures,
            int maxFailuresPerAddress,
            int maxFailuresPerAccount,
            Duration window,
            Duration knownAddressMemory,
            Clock clock,
            JdbcOperations jdbc,
            TransactionOperations<Connection> transactions) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException(
                    "portal.accounts.sign-in.max-failures must be at least 1, got " + maxFailures);
        }
        if (maxFailuresPerAddress < maxFailures || maxFailuresPerAccount < maxFailures) {
            throw new IllegalArgumentException("portal.accounts.sign-in.max-failures-per-address and"
                    + " max-failures-per-account must be at least max-failures (" + maxFailures + "), got "
                    + maxFailuresPerAddress + " and " + maxFailuresPerAccount);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("portal.accounts.sign-in.window must be positive, got " + window);
        }
        this.maxFailures = maxFailures;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.maxFailuresPerAccount = maxFailuresPerAccount;
        this.window = window;
        this.knownAddressMemory = knownAddressMemory;
        this.clock = clock;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Counts an attempt of {@code email} from {@code address} as a failure, unless it must be refused; a success
     * takes it back ({@link #succeeded}).
     *
     * @return the refusal when a limit is reached, else empty (the attempt is counted)
     */
    Optional<Refusal> attempt(String email, String address) {
        return locked(now -> {
            jdbc.prepareStatement("DELETE FROM sign_in_failures WHERE failed_at <= ?", statement -> {
                statement.setTimestamp(1, Timestamp.from(now.minus(window)));
                return statement.executeUpdate();
            });
            Duration pair = wait(pairKey(email, address), maxFailures, now);
            if (!pair.isZero()) {
                return Optional.of(new Refusal(pair, Scope.ACCOUNT_FROM_ADDRESS));
            }
            Duration byAddress = wait(addressKey(address), maxFailuresPerAddress, now);
            if (!byAddress.isZero()) {
                return Optional.of(new Refusal(byAddress, Scope.ADDRESS));
            }
            if (!isKnown(email, address, now)) {
                Duration byAccount = wait(accountKey(email), maxFailuresPerAccount, now);
                if (!byAccount.isZero()) {
                    return Optional.of(new Refusal(byAccount, Scope.ACCOUNT));
                }
            }
            for (String key : List.of(pairKey(email, address), addressKey(address), accountKey(email))) {
                jdbc.prepareStatement(
                        "INSERT INTO sign_in_failures (scope_key, failed_at) VALUES (?, ?)", statement -> {
                            statement.setString(1, key);
                            statement.setTimestamp(2, Timestamp.from(now));
                            return statement.executeUpdate();
                        });
            }
            return Optional.empty();
        });
    }

    /**
     * The attempt counted by {@link #attempt} failed: which limit, if any, it has just reached (a lockout, to be
     * logged and audited once).
     */
    Failure failed(String email, String address) {
        return locked(now -> {
            if (count(pairKey(email, address), now) == maxFailures) {
                return new Failure(Optional.of(Scope.ACCOUNT_FROM_ADDRESS));
            }
            if (count(addressKey(address), now) == maxFailuresPerAddress) {
                return new Failure(Optional.of(Scope.ADDRESS));
            }
            if (count(accountKey(email), now) == maxFailuresPerAccount) {
                return new Failure(Optional.of(Scope.ACCOUNT));
            }
            return new Failure(Optional.empty());
        });
    }

    /**
     * The attempt succeeded: the email's failures from this address are forgiven, the attempt is taken back from the
     * address's and the account's counts, and the address is remembered as one the account signs in from.
     */
    void succeeded(String email, String address) {
        locked(now -> {
            jdbc.prepareStatement("DELETE FROM sign_in_failures WHERE scope_key = ?", statement -> {
                statement.setString(1, pairKey(email, address));
                return statement.executeUpdate();
            });
            takeBack(addressKey(address));
            takeBack(accountKey(email));
            jdbc.prepareStatement("""
                    INSERT INTO sign_in_addresses (email, address, signed_in_at) VALUES (?, ?, ?)
                    ON CONFLICT (email, address) DO UPDATE SET signed_in_at = EXCLUDED.signed_in_at
                    """, statement -> {
                statement.setString(1, normalized(email));
                statement.setString(2, address);
                statement.setTimestamp(3, Timestamp.from(now));
                return statement.executeUpdate();
            });
            return jdbc.prepareStatement("""
                    DELETE FROM sign_in_addresses WHERE email = ? AND (signed_in_at <= ? OR address NOT IN (
                        SELECT address FROM sign_in_addresses WHERE email = ? ORDER BY signed_in_at DESC LIMIT ?))
                    """, statement -> {
                statement.setString(1, normalized(email));
                statement.setTimestamp(2, Timestamp.from(now.minus(knownAddressMemory)));
                statement.setString(3, normalized(email));
                statement.setInt(4, KNOWN_ADDRESSES);
                return statement.executeUpdate();
            });
        });
    }

    /** The attempt was never judged (the server was too busy to check it): it does not count. */
    void withdrawn(String email, String address) {
        locked(now -> {
            takeBack(pairKey(email, address));
            takeBack(addressKey(address));
            takeBack(accountKey(email));
            return null;
        });
    }

    /**
     * Runs {@code step} in one transaction holding the throttle's advisory lock, so that the steps of every node take
     * turns: a check and its count are never split by another node's. A step is a few indexed statements.
     */
    private <T> T locked(Function<Instant, T> step) {
        return transactions.executeWrite(status -> {
            jdbc.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended('sign_in_throttle', 0))", statement -> {
                        return statement.executeQuery().next();
                    });
            // Microseconds: what PostgreSQL keeps of a time, so that a time read back equals the one written.
            return step.apply(clock.instant().truncatedTo(ChronoUnit.MICROS));
        });
    }

    private boolean isKnown(String email, String address, Instant now) {
        return jdbc.prepareStatement(
                "SELECT 1 FROM sign_in_addresses WHERE email = ? AND address = ? AND signed_in_at > ?", statement -> {
                    statement.setString(1, normalized(email));
                    statement.setString(2, address);
                    statement.setTimestamp(3, Timestamp.from(now.minus(knownAddressMemory)));
                    return statement.executeQuery().next();
                });
    }

    private Duration wait(String key, int max, Instant now) {
        List<Instant> times = recent(key, now, max);
        if (times.size() < max) {
            return Duration.ZERO;
        }
        // Open again when the oldest of the last max failures leaves the window.
        return Duration.between(now, times.getLast().plus(window));
    }

    private int count(String key, Instant now) {
        return recent(key, now, Integer.MAX_VALUE).size();
    }

    /** The key's failures within the window, newest first, at most {@code limit}. */
    private List<Instant> recent(String key, Instant now, int limit) {
        return jdbc.prepareStatement("""
                SELECT failed_at FROM sign_in_failures WHERE scope_key = ? AND failed_at > ?
                ORDER BY failed_at DESC, id DESC LIMIT ?
                """, statement -> {
            statement.setString(1, key);
            statement.setTimestamp(2, Timestamp.from(now.minus(window)));
            statement.setInt(3, limit);
            ResultSet rows = statement.executeQuery();
            List<Instant> times = new ArrayList<>();
            while (rows.next()) {
                times.add(rows.getTimestamp(1).toInstant());
            }
            return times;
        });
    }

    private void takeBack(String key) {
        jdbc.prepareStatement("""
                DELETE FROM sign_in_failures WHERE id = (
                    SELECT id FROM sign_in_failures WHERE scope_key = ? ORDER BY failed_at DESC, id DESC LIMIT 1)
                """, statement -> {
            statement.setString(1, key);
            return statement.executeUpdate();
        });
    }

    private static String pairKey(String email, String address) {
        return "pair:" + normalized(email) + "|" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String accountKey(String email) {
        return "account:" + normalized(email);
    }

    private static String normalized(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
