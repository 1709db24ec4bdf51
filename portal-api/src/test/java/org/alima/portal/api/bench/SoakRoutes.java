package org.alima.portal.api.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the soak's clients saw, route by route: latencies, statuses, and how each answer was judged. Thread-safe: every
 * client records into it.
 */
final class SoakRoutes {

    /** How an answer is judged. */
    enum Outcome {
        /** What a working portal answers. */
        OK,
        /**
         * A refusal the load provokes on purpose (a damaged file's upload) or a race it creates (a document read
         * while another client deletes it): a clear 4xx, not an error.
         */
        EXPECTED,
        /** A 5xx, an unexpected status, a timeout or a broken connection. */
        ERROR
    }

    private static final int ERRORS_KEPT = 20;

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<String> firstErrors = new ArrayList<>();

    /** Records one request; {@code status} -1 when no answer came, {@code detail} printed for the first errors. */
    void record(String route, int status, long nanos, Outcome outcome, String detail) {
        Route r = routes.computeIfAbsent(route, name -> new Route());
        r.latency.recordValue(Math.max(1, nanos / 1_000));
        r.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        r.outcomes.get(outcome).increment();
        if (outcome == Outcome.ERROR) {
            synchronized (firstErrors) {
                if (firstErrors.size() < ERRORS_KEPT) {
                    firstErrors.add(route + " -> " + (status < 0 ? "no answer" : status) + ": " + detail);
                }
            }
        }
    }

    long count(Outcome outcome) {
        return routes.values().stream()
                .mapToLong(r -> r.outcomes.get(outcome).sum())
                .sum();
    }

    long requests() {
        return routes.values().stream()
                .mapToLong(r -> r.latency.getTotalCount())
                .sum();
    }

    List<String> firstErrors() {
        synchronized (firstErrors) {
            return List.copyOf(firstErrors);
        }
    }

    /** One line per route, busiest first: requests, p50, p99 and max in ms, statuses, outcomes. */
    List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%-36s %8s %9s %9s %9s  %s",
                "route",
                "requests",
                "p50 ms",
                "p99 ms",
                "max ms",
                "statuses (expected 4xx, errors)"));
        routes.entrySet().stream()
                .sorted((a, b) -> Long.compare(
                        b.getValue().latency.getTotalCount(),
                        a.getValue().latency.getTotalCount()))
                .forEach(entry -> {
                    Route r = entry.getValue();
                    Histogram micros = r.latency.copy();
                    Map<Integer, Long> statuses = new ConcurrentSkipListMap<>();
                    r.statuses.forEach((status, n) -> statuses.put(status, n.sum()));
                    lines.add(String.format(
                            Locale.ROOT,
                            "%-36s %8d %9.1f %9.1f %9.1f  %s (%d, %d)",
                            entry.getKey(),
                            micros.getTotalCount(),
                            micros.getValueAtPercentile(50) / 1000.0,
                            micros.getValueAtPercentile(99) / 1000.0,
                            micros.getMaxValue() / 1000.0,
                            statuses,
                            r.outcomes.get(Outcome.EXPECTED).sum(),
                            r.outcomes.get(Outcome.ERROR).sum()));
                });
        return lines;
    }

    private static final class Route {
        /** Microseconds, three significant digits. */
        final ConcurrentHistogram latency = new ConcurrentHistogram(3);

        final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
        final Map<Outcome, LongAdder> outcomes = new ConcurrentHashMap<>(
                Map.of(Outcome.OK, new LongAdder(), Outcome.EXPECTED, new LongAdder(), Outcome.ERROR, new LongAdder()));
    }
}
