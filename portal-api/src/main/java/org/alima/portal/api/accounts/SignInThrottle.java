package org.alima.portal.api.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses password attempts after too many recent failures; thread-safe. Every attempt is counted <em>before</em> its
 * password is checked (and forgiven after a success), so that many attempts sent at once cannot slip between the check
 * and the count.
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
 *       the last {@code known-address-memory} (30 days, in memory), so that its owner still gets in from there; a new
 *       address of the owner's waits for the window like the attacker.
 * </ul>
 *
 * A success clears its email's failures from its address. Held in memory with a bound on the entries (Caffeine, least
 * recently used first out; {@code max-entries}, 100,000), so that a flood of new emails or addresses cannot exhaust the
 * heap; one portal process, and a restart forgives.
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

    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final int maxFailuresPerAccount;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Deque<Instant>> failures;
    private final Cache<String, Set<String>> knownAddresses;

    @Inject
    SignInThrottle(
            @Value("${portal.accounts.sign-in.max-failures:5}") int maxFailures,
            @Value("${portal.accounts.sign-in.max-failures-per-address:50}") int maxFailuresPerAddress,
            @Value("${portal.accounts.sign-in.max-failures-per-account:100}") int maxFailuresPerAccount,
            @Value("${portal.accounts.sign-in.window:15m}") Duration window,
            @Value("${portal.accounts.sign-in.known-address-memory:30d}") Duration knownAddressMemory,
            @Value("${portal.accounts.sign-in.max-entries:100000}") long maxEntries) {
        this(
                maxFailures,
                maxFailuresPerAddress,
                maxFailuresPerAccount,
                window,
                knownAddressMemory,
                maxEntries,
                Clock.systemUTC());
    }

    SignInThrottle(
            int maxFailures,
            int maxFailuresPerAddress,
            int maxFailuresPerAccount,
            Duration window,
            Duration knownAddressMemory,
            long maxEntries,
            Clock clock) {
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
        if (maxEntries < 1) {
            throw new IllegalArgumentException(
                    "portal.accounts.sign-in.max-entries must be positive, got " + maxEntries);
        }
        this.maxFailures = maxFailures;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.maxFailuresPerAccount = maxFailuresPerAccount;
        this.window = window;
        this.clock = clock;
        Ticker ticker = () -> clock.instant().toEpochMilli() * 1_000_000L;
        this.failures = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterAccess(window)
                .ticker(ticker)
                .build();
        this.knownAddresses = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(knownAddressMemory)
                .ticker(ticker)
                .build();
    }

    /**
     * Counts an attempt of {@code email} from {@code address} as a failure, unless it must be refused; a success
     * takes it back ({@link #succeeded}).
     *
     * @return the refusal when a limit is reached, else empty (the attempt is counted)
     */
    synchronized Optional<Refusal> attempt(String email, String address) {
        Instant now = clock.instant();
        Duration pair = wait(pairKey(email, address), maxFailures, now);
        if (!pair.isZero()) {
            return Optional.of(new Refusal(pair, Scope.ACCOUNT_FROM_ADDRESS));
        }
        Duration byAddress = wait(addressKey(address), maxFailuresPerAddress, now);
        if (!byAddress.isZero()) {
            return Optional.of(new Refusal(byAddress, Scope.ADDRESS));
        }
        if (!isKnown(email, address)) {
            Duration byAccount = wait(accountKey(email), maxFailuresPerAccount, now);
            if (!byAccount.isZero()) {
                return Optional.of(new Refusal(byAccount, Scope.ACCOUNT));
            }
        }
        record(pairKey(email, address), maxFailures, now);
        record(addressKey(address), maxFailuresPerAddress, now);
        record(accountKey(email), maxFailuresPerAccount, now);
        return Optional.empty();
    }

    /**
     * The attempt counted by {@link #attempt} failed: which limit, if any, it has just reached (a lockout, to be
     * logged and audited once).
     */
    synchronized Failure failed(String email, String address) {
        Instant now = clock.instant();
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
    }

    /**
     * The attempt succeeded: the email's failures from this address are forgiven, the attempt is taken back from the
     * address's and the account's counts, and the address is remembered as one the account signs in from.
     */
    synchronized void succeeded(String email, String address) {
        failures.invalidate(pairKey(email, address));
        takeBack(addressKey(address));
        takeBack(accountKey(email));
        knownAddresses.asMap().compute(normalized(email), (key, known) -> {
            Set<String> addresses = known == null ? new LinkedHashSet<>() : new LinkedHashSet<>(known);
            addresses.remove(address);
            addresses.add(address);
            // The last few addresses of an account are enough: home, office, phone.
            while (addresses.size() > 8) {
                addresses.remove(addresses.iterator().next());
            }
            return addresses;
        });
    }

    /** The attempt was never judged (the server was too busy to check it): it does not count. */
    synchronized void withdrawn(String email, String address) {
        takeBack(pairKey(email, address));
        takeBack(addressKey(address));
        takeBack(accountKey(email));
    }

    /** How many entries the throttle holds, for tests of its bound. */
    long size() {
        failures.cleanUp();
        return failures.estimatedSize();
    }

    private boolean isKnown(String email, String address) {
        Set<String> known = knownAddresses.getIfPresent(normalized(email));
        return known != null && known.contains(address);
    }

    private Duration wait(String key, int max, Instant now) {
        Deque<Instant> times = failures.getIfPresent(key);
        if (times == null) {
            return Duration.ZERO;
        }
        prune(times, now);
        if (times.size() < max) {
            return Duration.ZERO;
        }
        // Open again when the oldest failure that counts leaves the window.
        return Duration.between(now, times.peekFirst().plus(window));
    }

    private int count(String key, Instant now) {
        Deque<Instant> times = failures.getIfPresent(key);
        if (times == null) {
            return 0;
        }
        prune(times, now);
        return times.size();
    }

    private void record(String key, int max, Instant now) {
        Deque<Instant> times = failures.get(key, ignored -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
        // Only the last max failures matter.
        while (times.size() > max) {
            times.removeFirst();
        }
    }

    private void takeBack(String key) {
        Deque<Instant> times = failures.getIfPresent(key);
        if (times != null && !times.isEmpty()) {
            times.removeLast();
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.removeFirst();
        }
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
