package org.alima.portal.api.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A search load: a number of clients (virtual threads) sharing one queue of queries, each sending its next query as
 * soon as the previous one is answered, every latency recorded in an HDR histogram. Used by the benchmark commands
 * ({@link ApiBenchmark}, {@link EngineBenchmark}); not thread-safe, one load at a time.
 */
final class SearchLoad {

    /**
     * One search; answers an HTTP status (200 for an in-process search that returned), or throws. An exception
     * counts as status -1; the first one is kept with the figures, so that a failing load says why.
     */
    @FunctionalInterface
    interface Search {
        int run(String query) throws Exception;
    }

    /** Latency percentiles in milliseconds, searches per second and the answers' statuses (-1: an exception). */
    record Latency(
            String name,
            int clients,
            long requests,
            double seconds,
            double p50,
            double p90,
            double p99,
            double max,
            Map<Integer, Integer> statuses,
            String firstFailure) {

        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-24s %5d searches in %5.1f s (%6.1f/s): p50 %6.1f ms, p90 %6.1f ms, p99 %6.1f ms, max %6.1f ms;"
                            + " statuses %s%s",
                    name,
                    requests,
                    seconds,
                    perSecond(),
                    p50,
                    p90,
                    p99,
                    max,
                    statuses,
                    firstFailure == null ? "" : "; first failure: " + firstFailure);
        }
    }

    private SearchLoad() {}

    /**
     * Runs the first {@code warmUp} queries once from one client (not measured), then {@code rounds} rounds of all
     * queries from {@code clients} clients, stopping early at {@code cap}.
     *
     * @throws IllegalStateException when a warm-up search fails: the figures would measure errors
     */
    static Latency run(
            String name, List<String> queries, int clients, int rounds, int warmUp, Duration cap, Search search)
            throws InterruptedException {
        for (String query : queries.subList(0, Math.min(warmUp, queries.size()))) {
            try {
                search.run(query);
            } catch (Exception e) {
                throw new IllegalStateException("warm-up search failed: " + query, e);
            }
        }
        Recorder recorder = new Recorder(3);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        int total = queries.size() * rounds;
        long deadline = System.nanoTime() + cap.toNanos();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < clients; t++) {
                threads.execute(() -> {
                    for (int i = next.getAndIncrement();
                            i < total && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        long before = System.nanoTime();
                        int status;
                        try {
                            status = search.run(queries.get(i % queries.size()));
                        } catch (Exception e) {
                            status = -1;
                            firstFailure.compareAndSet(null, e.toString());
                        }
                        recorder.recordValue(Math.max(1, (System.nanoTime() - before) / 1_000));
                        statuses.merge(status, 1, Integer::sum);
                        done.incrementAndGet();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram micros = recorder.getIntervalHistogram();
        return new Latency(
                name,
                clients,
                done.get(),
                seconds,
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(90) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0,
                new TreeMap<>(statuses),
                firstFailure.get());
    }
}
