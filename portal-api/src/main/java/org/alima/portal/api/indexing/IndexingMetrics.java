package org.alima.portal.api.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.extract.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexing pipeline's meters, registered once with Micrometer; thread-safe. Names as Prometheus shows them (dots
 * become underscores, counters end in {@code _total}, the base unit is appended):
 *
 * <ul>
 *   <li>{@value #JOBS} (counter; {@code kind} ingest, reindex or unindex; {@code outcome} indexed, extracted (read but
 *       kept out of search, e.g. withdrawn), unindexed, retry (failed, tried again later), failed (for good), gone
 *       (the document was deleted meanwhile), postponed (back in the queue, untried: the search engine was
 *       unavailable)): jobs the workers finished.
 *   <li>{@value #QUEUE} (gauge; {@code state} pending or running): jobs not finished, read from PostgreSQL at each
 *       scrape; NaN while the database is unreachable.
 *   <li>{@value #EXTRACTION_FAILURES} (counter; {@code kind} the indexer's {@link FailureKind}, lower case): files
 *       that gave no text, each try counted.
 *   <li>{@value #INDEX_SIZE} (gauge, bytes) and {@value #INDEX_DOCUMENTS} (gauge): the search index's size (on disk
 *       for the embedded index, of its primary store for OpenSearch) and the documents searches can find; NaN while
 *       the engine cannot be reached.
 * </ul>
 */
@Singleton
final class IndexingMetrics {

    static final String JOBS = "portal.indexing.jobs";
    static final String QUEUE = "portal.indexing.queue";
    static final String EXTRACTION_FAILURES = "portal.extraction.failures";
    static final String INDEX_SIZE = "portal.index.size";
    static final String INDEX_DOCUMENTS = "portal.index.documents";

    private static final Logger LOG = LoggerFactory.getLogger(IndexingMetrics.class);

    /** What a finished job came to. */
    enum Outcome {
        INDEXED,
        EXTRACTED,
        UNINDEXED,
        RETRY,
        FAILED,
        GONE,
        /** Back in the queue, its try not counted: the search engine was unavailable. */
        POSTPONED
    }

    private final MeterRegistry registry;
    private final Map<FailureKind, Counter> failures = new EnumMap<>(FailureKind.class);

    IndexingMetrics(MeterRegistry registry, QueueDepth queue, SearchEngine engine) {
        this.registry = registry;
        for (FailureKind kind : FailureKind.values()) {
            // Registered up front, so that a kind that never happened reads 0 rather than being absent.
            failures.put(
                    kind,
                    Counter.builder(EXTRACTION_FAILURES)
                            .description("Files that gave no text, by the extractor's kind of failure")
                            .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        for (QueueDepth.State state : QueueDepth.State.values()) {
            Gauge.builder(QUEUE, queue, q -> depth(q, state))
                    .description("Indexing jobs not finished, by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder(INDEX_SIZE, engine, read(e -> e.stats().sizeOnDiskBytes()))
                .description("Size of the search index's files on disk")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder(INDEX_DOCUMENTS, engine, read(SearchEngine::documentCount))
                .description("Documents in the search index")
                .strongReference(true)
                .register(registry);
    }

    void jobFinished(JobKind kind, Outcome outcome) {
        Counter.builder(JOBS)
                .description("Indexing jobs finished, by kind and outcome")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    void extractionFailed(FailureKind kind) {
        failures.get(kind).increment();
    }

    private static double depth(QueueDepth queue, QueueDepth.State state) {
        try {
            return queue.now().get(state);
        } catch (RuntimeException e) {
            LOG.debug("Queue depth not read: {}", e.toString());
            return Double.NaN;
        }
    }

    /** A reading of the engine, NaN while it cannot answer (a scrape must not fail for it). */
    private static ToDoubleFunction<SearchEngine> read(ToDoubleFunction<SearchEngine> reading) {
        return engine -> {
            try {
                return reading.applyAsDouble(engine);
            } catch (RuntimeException e) {
                LOG.debug("Search index not read: {}", e.toString());
                return Double.NaN;
            }
        };
    }
}
