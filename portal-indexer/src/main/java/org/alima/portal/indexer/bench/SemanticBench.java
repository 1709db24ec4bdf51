package org.alima.portal.indexer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.index.Vectoriser;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.RankingMode;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.semantic.SemanticModel;
import org.alima.portal.indexer.semantic.SentenceEncoder;

/**
 * The cost of search by meaning, side by side with BM25 alone in the same run: the model's load time and memory,
 * ingest with and without vectors, index size, and search latency with the query's encoding included. Not
 * thread-safe.
 */
final class SemanticBench {

    /** Queries measured per language and ranking. */
    static final int SEARCHES = 300;

    private final PrintWriter out;

    SemanticBench(PrintWriter out) {
        this.out = out;
    }

    /** Loads a fresh copy of the model (not the shared one), timed, then closes it. */
    void modelLoad() {
        long rssBefore = residentBytes();
        long started = System.nanoTime();
        try (SentenceEncoder encoder = SentenceEncoder.load(SemanticModel.DEFAULT, 1)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            encoder.encodeQuery("warm-up");
            out.printf(
                    Locale.ROOT,
                    "model %s: loaded in %.2f s, resident memory +%d MiB%n",
                    encoder.model().id(),
                    seconds,
                    (residentBytes() - rssBefore) >> 20);
        }
    }

    /**
     * Ingest of the same documents with and without vectors, one writer thread each; vectors computed by
     * {@code workers} threads (the portal's background pass uses one).
     */
    void ingest(String name, List<IndexableDocument> documents, Path work) throws IOException {
        Vectoriser vectoriser = SemanticModel.shared(SemanticModel.DEFAULT).embedder();
        vectoriser.vectorsOf(documents.get(0)); // warm-up
        long pages = documents.stream().mapToLong(d -> d.pages().size()).sum();
        Measurement words = timed("words only", pages, () -> {
            try (PortalIndex index = PortalIndex.open(work.resolve(name + "-words"))) {
                documents.forEach(index::upsert);
                index.commit();
            }
        });
        Measurement both = timed("words and vectors", pages, () -> {
            try (PortalIndex index = PortalIndex.open(work.resolve(name + "-vectors"))) {
                documents.forEach(d -> index.upsert(d, vectoriser.vectorsOf(d)));
                index.commit();
            }
        });
        out.printf(
                Locale.ROOT,
                "%n== Ingest with and without vectors: %d %s, %d pages, one thread%n",
                documents.size(),
                name,
                pages);
        out.printf(
                Locale.ROOT,
                "%-24s %10s %10s %16s %12s%n",
                "contender",
                "seconds",
                "pages/s",
                "CPU-s/1000 pages",
                "index MiB");
        for (Measurement run : List.of(words, both)) {
            // Told apart by identity: two runs whose measurements happen to be equal are still two runs.
            @SuppressWarnings("ReferenceEquality")
            Path dir = work.resolve(name + (run == words ? "-words" : "-vectors"));
            out.printf(
                    Locale.ROOT,
                    "%-24s %10.2f %10.1f %16.1f %12.1f%n",
                    run.contender(),
                    run.seconds(),
                    run.perSecond(),
                    run.cpuSecondsPerThousand(),
                    size(dir) / 1048576.0);
        }
        out.printf(Locale.ROOT, "vectors / words only: %.1fx CPU per page%n", both.cpuSeconds() / words.cpuSeconds());
        out.flush();
    }

    /**
     * Search latency on an index holding vectors: BM25 alone against hybrid and dense, the portal's whole search (10
     * hits, 3 pages, 6 facets, the query's translation), one query at a time after a warm-up pass, for English queries
     * and for the same queries in French (read by the model in their English translation). The kept query vectors are
     * dropped before each measured pass, so every measured search encodes its query.
     */
    void search(Path index, List<String> allEnglish, List<String> allFrench) {
        // Encoding dominates and the machine is small: a sample keeps the part to minutes.
        List<String> english = allEnglish.subList(0, Math.min(SEARCHES, allEnglish.size()));
        List<String> french = allFrench.subList(0, Math.min(SEARCHES, allFrench.size()));
        SemanticModel model = SemanticModel.shared(SemanticModel.DEFAULT);
        try (PortalIndex portal = PortalIndex.open(index)) {
            out.printf(
                    Locale.ROOT,
                    "%n== Search by meaning: %d English and %d French queries on %s (%d documents, %d with vectors,"
                            + " %.1f MiB)%n",
                    english.size(),
                    french.size(),
                    index,
                    portal.documentCount(),
                    portal.countWithVectors(model.model().id()),
                    portal.stats().sizeOnDiskBytes() / 1048576.0);
            PortalSearch search = new PortalSearch(portal, SearchSettings.measuring(), model);
            out.printf(
                    Locale.ROOT, "%-28s %9s %9s %9s %14s%n", "contender", "p50 ms", "p99 ms", "max ms", "CPU-s/1000");
            for (var queries : List.of(Map.entry("en", english), Map.entry("fr", french))) {
                if (queries.getValue().isEmpty()) {
                    continue;
                }
                double bm25p99 = 0;
                for (RankingMode mode : List.of(RankingMode.LEXICAL, RankingMode.HYBRID, RankingMode.DENSE)) {
                    SearchBench.Latency latency = SearchBench.measure(
                            mode.name().toLowerCase(Locale.ROOT) + ", " + queries.getKey(),
                            queries.getValue(),
                            query -> search.search(SearchRequest.of(query).withMode(mode)),
                            () -> model.encoder().forgetQueries());
                    if (mode == RankingMode.LEXICAL) {
                        bm25p99 = latency.p99();
                    }
                    out.printf(
                            Locale.ROOT,
                            "%-28s %9.2f %9.2f %9.2f %14.2f%n",
                            latency.contender(),
                            latency.p50(),
                            latency.p99(),
                            latency.max(),
                            latency.cpuSecondsPerThousand());
                    if (mode == RankingMode.HYBRID) {
                        out.printf(
                                Locale.ROOT,
                                "hybrid p99 %.1f ms = %.1fx BM25's (target < 100 ms)%n",
                                latency.p99(),
                                latency.p99() / bm25p99);
                    }
                }
            }
            out.printf(Locale.ROOT, "resident memory with the model loaded: %d MiB%n", residentBytes() >> 20);
        }
        out.flush();
    }

    private interface Work {
        void run() throws IOException;
    }

    private static Measurement timed(String name, long pages, Work work) throws IOException {
        double cpuBefore = CpuClock.processSeconds();
        long started = System.nanoTime();
        work.run();
        return new Measurement(
                name, 1, pages, (System.nanoTime() - started) / 1e9, CpuClock.processSeconds() - cpuBefore);
    }

    /** Resident set size of this process (VmRSS), or 0 where /proc is absent. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
