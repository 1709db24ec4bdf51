package org.alima.portal.indexer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchSettings;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Search latency of the portal (highlighted pages and facet counts included) against a bare IndexSearcher returning
 * the ids of its top ten, on the same queries, one at a time. Each contender runs the queries once to warm up, then
 * once measured. Not thread-safe.
 */
final class SearchBench {

    /** Latency percentiles in milliseconds, with the CPU they cost. */
    record Latency(String contender, int searches, double p50, double p99, double max, double cpuSeconds) {
        double cpuSecondsPerThousand() {
            return cpuSeconds / searches * 1000;
        }
    }

    private final List<String> queries;

    SearchBench(List<String> queries) {
        this.queries = List.copyOf(queries);
    }

    Latency portal(Path indexDirectory) {
        try (PortalIndex index = PortalIndex.open(indexDirectory)) {
            PortalSearch search = new PortalSearch(index, SearchSettings.measuring());
            return measure(
                    "portal search (3 pages highlighted, 6 facets)",
                    query -> search.search(SearchRequest.of(query).withSize(10).withFacets(true)));
        }
    }

    Latency bare(Path bareIndexDirectory) throws IOException {
        try (var directory = FSDirectory.open(bareIndexDirectory);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            QueryParser parser = new QueryParser(IndexSchema.BODY, new StandardAnalyzer());
            return measure("bare IndexSearcher (top 10 ids)", query -> {
                try {
                    TopDocs top = searcher.search(parser.parse(query), 10);
                    StoredFields stored = searcher.storedFields();
                    for (ScoreDoc hit : top.scoreDocs) {
                        stored.document(hit.doc).get(IndexSchema.ID);
                    }
                } catch (ParseException | IOException e) {
                    throw new BenchmarkException("bare search failed for: " + query, e);
                }
            });
        }
    }

    interface Search {
        void run(String query);
    }

    private Latency measure(String name, Search search) {
        return measure(name, queries, search);
    }

    static Latency measure(String name, List<String> queries, Search search) {
        return measure(name, queries, search, () -> {});
    }

    /** As {@link #measure(String, List, Search)}, {@code afterWarmUp} run between the warm-up and measured passes. */
    static Latency measure(String name, List<String> queries, Search search, Runnable afterWarmUp) {
        for (String query : queries) {
            search.run(query);
        }
        afterWarmUp.run();
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        double cpuBefore = CpuClock.processSeconds();
        for (String query : queries) {
            long started = System.nanoTime();
            search.run(query);
            histogram.recordValue(System.nanoTime() - started);
        }
        double cpu = CpuClock.processSeconds() - cpuBefore;
        return new Latency(
                name,
                queries.size(),
                histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6,
                histogram.getMaxValue() / 1e6,
                cpu);
    }
}
