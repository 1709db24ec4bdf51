package org.alima.portal.api.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Times the index's answers apart from HTTP (parsing the request and writing the JSON are in the HTTP server's
 * histogram): {@value #NAME} (timer with histogram buckets; {@code operation} search, suggest or related), seen by
 * Prometheus as {@code portal_search_seconds_bucket}, {@code _count} and {@code _sum}. A refused or timed-out search
 * is timed too. Thread-safe.
 */
@Singleton
final class SearchMetrics {

    static final String NAME = "portal.search";

    private final Timer search;
    private final Timer suggest;
    private final Timer related;

    SearchMetrics(MeterRegistry registry) {
        this.search = timer(registry, "search");
        this.suggest = timer(registry, "suggest");
        this.related = timer(registry, "related");
    }

    <T> T search(Supplier<T> work) {
        return search.record(work);
    }

    <T> T suggest(Supplier<T> work) {
        return suggest.record(work);
    }

    <T> T related(Supplier<T> work) {
        return related.record(work);
    }

    private static Timer timer(MeterRegistry registry, String operation) {
        return Timer.builder(NAME)
                .description("Time the search index took to answer, by operation")
                .tag("operation", operation)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }
}
