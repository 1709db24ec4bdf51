package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses sign-in attempts after too many recent failures, counted both per email and per client address, so that
 * guessing one account's password and spraying one password over many accounts are both slowed. An address is allowed
 * more failures than an email: a whole office behind one NAT address shares it. In memory: the portal is one process,
 * and a restart forgiving the count is acceptable. Thread-safe.
 */
@Singleton
final class SignInThrottle {

    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Inject
    SignInThrottle(
            @Value("${portal.accounts.sign-in.max-failures:5}") int maxFailures,
            @Value("${portal.accounts.sign-in.max-failures-per-address:50}") int maxFailuresPerAddress,
            @Value("${portal.accounts.sign-in.window:15m}") Duration window) {
        this(maxFailures, maxFailuresPerAddress, window, Clock.systemUTC());
    }

    SignInThrottle(int maxFailures, int maxFailuresPerAddress, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException(
                    "portal.accounts.sign-in.max-failures must be at least 1, got " + maxFailures);
        }
        if (maxFailuresPerAddress < maxFailures) {
            throw new IllegalArgumentException("portal.accounts.sign-in.max-failures-per-address must be at least"
                    + " max-failures (" + maxFailures + "), got " + maxFailuresPerAddress);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("portal.accounts.sign-in.window must be positive, got " + window);
        }
        this.maxFailures = maxFailures;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** How long the caller must wait before trying again, or {@link Duration#ZERO} when it may try now. */
    Duration waitBefore(String email, String address) {
        Instant now = clock.instant();
        Duration wait = wait(keyOf("email", email), maxFailures, now);
        Duration byAddress = wait(keyOf("address", address), maxFailuresPerAddress, now);
        return wait.compareTo(byAddress) >= 0 ? wait : byAddress;
    }

    void failed(String email, String address) {
        Instant now = clock.instant();
        record(keyOf("email", email), maxFailures, now);
        record(keyOf("address", address), maxFailuresPerAddress, now);
    }

    /** A success forgives the account's failures, not the address's: one good password must not unlock spraying. */
    void succeeded(String email) {
        failures.remove(keyOf("email", email));
    }

    private Duration wait(String key, int max, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < max) {
                return Duration.ZERO;
            }
            // Open again when the oldest failure that counts leaves the window.
            return Duration.between(now, times.peekFirst().plus(window));
        }
    }

    private void record(String key, int max, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, ignored -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            // Only the last max failures matter; bound the memory an attacker can make us hold.
            while (times.size() > max) {
                times.removeFirst();
            }
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    prune(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.removeFirst();
        }
    }

    private static String keyOf(String kind, String value) {
        return kind + ":" + (value == null ? "" : value.toLowerCase(Locale.ROOT));
    }
}
