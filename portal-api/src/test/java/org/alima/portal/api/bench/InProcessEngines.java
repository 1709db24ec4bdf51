package org.alima.portal.api.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.engine.EmbeddedEngine;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.RebuildResult;
import org.alima.portal.indexer.search.RankingMode;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.opensearch.OpenSearchEngine;
import org.alima.portal.opensearch.OpenSearchSettings;

/**
 * Part 1 of {@link EngineBenchmark}: both engines in this process, on the same documents and queries. Each engine
 * indexes the SciFact abstracts and the extracted PDFs twice, as the job queue does (one upsert per document, then a
 * flush) and as a rebuild does (the engine's bulk path); then the SciFact claims are searched from 1 and 4 clients on
 * the abstracts. Searches rank by words on both (the OpenSearch engine has no ranking by meaning), as a portal without
 * a dense model does. Not thread-safe.
 */
final class InProcessEngines {

    /** One indexing measurement of one engine. */
    record Indexing(String engine, String corpus, String path, int documents, int refused, double seconds) {
        double perSecond() {
            return (documents - refused) / seconds;
        }
    }

    private static final int[] CLIENTS = {1, 4};

    /** Pages asked for each hit of a search of the PDFs, as the results page asks. */
    private static final int PAGES_PER_HIT = 3;

    private static final Duration LOAD_CAP = Duration.ofSeconds(90);

    private final Path work;
    private final java.net.URI cluster;
    private final PrintStream out;
    private final List<Indexing> indexings = new ArrayList<>();
    private final List<SearchLoad.Latency> latencies = new ArrayList<>();
    private final List<SearchLoad.Latency> pageSearches = new ArrayList<>();

    InProcessEngines(Path work, java.net.URI cluster, PrintStream out) {
        this.work = work;
        this.cluster = cluster;
        this.out = out;
    }

    private static SearchSettings settings() {
        return SearchSettings.defaults().withMode(RankingMode.LEXICAL);
    }

    private SearchEngine open(String engine, String corpus) {
        return switch (engine) {
            case "embedded" ->
                EmbeddedEngine.open(work.resolve("engine-" + corpus), settings(), QueryTranslator.standard(), null);
            case "opensearch" ->
                OpenSearchEngine.open(
                        OpenSearchSettings.of(cluster).withIndexPrefix("bench-" + corpus + "-" + UUID.randomUUID()),
                        settings(),
                        QueryTranslator.standard());
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    /** Measures both engines and prints the side-by-side tables. */
    void run(List<IndexableDocument> abstracts, List<IndexableDocument> pdfs, List<String> claims)
            throws InterruptedException {
        List<String> pageQueries = pageQueries(pdfs);
        for (String engine : List.of("embedded", "opensearch")) {
            try (SearchEngine index = open(engine, "pdfs")) {
                indexings.add(upsertAll(engine, "PDFs", index, pdfs));
                indexings.add(rebuild(engine, "PDFs", index, pdfs));
                pageSearches.add(
                        SearchLoad.run(engine, pageQueries, 1, 1, Math.min(20, pageQueries.size()), LOAD_CAP, query -> {
                            index.search(SearchRequest.of(query).withSize(10).withPagesPerHit(PAGES_PER_HIT));
                            return 200;
                        }));
            }
            try (SearchEngine index = open(engine, "scifact")) {
                indexings.add(upsertAll(engine, "abstracts", index, abstracts));
                indexings.add(rebuild(engine, "abstracts", index, abstracts));
                for (int clients : CLIENTS) {
                    latencies.add(SearchLoad.run(
                            engine, claims, clients, 1, Math.min(100, claims.size()), LOAD_CAP, query -> {
                                index.search(SearchRequest.of(query).withSize(10));
                                return 200;
                            }));
                }
            }
        }
        printIndexing(abstracts, pdfs);
        printSearch(claims.size(), abstracts.size());
        printPageSearch(pageQueries.size(), pdfs.size());
    }

    /**
     * Queries a reader of the PDFs might type: two neighbouring words of five letters or more from every fifth page
     * of each document (at most four pages a document), in page order; the same on every run.
     */
    static List<String> pageQueries(List<IndexableDocument> pdfs) {
        List<String> queries = new ArrayList<>();
        for (IndexableDocument pdf : pdfs) {
            int taken = 0;
            for (int p = 0; p < pdf.pages().size() && taken < 4; p += 5) {
                String[] words = pdf.pages().get(p).text().split("[^\\p{L}]+");
                for (int w = words.length / 2; w + 1 < words.length; w++) {
                    if (words[w].length() >= 5 && words[w + 1].length() >= 5) {
                        queries.add(words[w] + " " + words[w + 1]);
                        taken++;
                        break;
                    }
                }
            }
        }
        return queries;
    }

    private static Indexing upsertAll(
            String engine, String corpus, SearchEngine index, List<IndexableDocument> documents) {
        long started = System.nanoTime();
        int refused = 0;
        for (IndexableDocument document : documents) {
            try {
                index.upsert(document, Optional.empty());
            } catch (IndexException e) {
                refused++;
            }
        }
        index.flush();
        return new Indexing(
                engine, corpus, "upsert+flush", documents.size(), refused, (System.nanoTime() - started) / 1e9);
    }

    private static Indexing rebuild(
            String engine, String corpus, SearchEngine index, List<IndexableDocument> documents) {
        long started = System.nanoTime();
        RebuildResult result = index.rebuild(documents.stream(), null);
        return new Indexing(
                engine,
                corpus,
                "rebuild (bulk)",
                documents.size(),
                result.refused().size(),
                (System.nanoTime() - started) / 1e9);
    }

    private void printIndexing(List<IndexableDocument> abstracts, List<IndexableDocument> pdfs) {
        long pages = pdfs.stream().mapToLong(d -> d.pages().size()).sum();
        out.printf(
                Locale.ROOT,
                "%n== 1a. Indexing in-process: %,d SciFact abstracts; %,d extracted PDFs (%,d pages)%n",
                abstracts.size(),
                pdfs.size(),
                pages);
        out.printf(
                Locale.ROOT,
                "%-10s %-15s %12s %12s %12s %12s %9s%n",
                "corpus",
                "path",
                "embedded s",
                "embedded d/s",
                "opensrch s",
                "opensrch d/s",
                "OS/emb");
        for (String corpus : List.of("abstracts", "PDFs")) {
            for (String path : List.of("upsert+flush", "rebuild (bulk)")) {
                Indexing embedded = find("embedded", corpus, path);
                Indexing opensearch = find("opensearch", corpus, path);
                out.printf(
                        Locale.ROOT,
                        "%-10s %-15s %12.1f %12.1f %12.1f %12.1f %8.2fx%s%n",
                        corpus,
                        path,
                        embedded.seconds(),
                        embedded.perSecond(),
                        opensearch.seconds(),
                        opensearch.perSecond(),
                        opensearch.perSecond() / embedded.perSecond(),
                        embedded.refused() + opensearch.refused() > 0
                                ? String.format(
                                        Locale.ROOT,
                                        " (refused: %d embedded, %d opensearch)",
                                        embedded.refused(),
                                        opensearch.refused())
                                : "");
            }
        }
        out.println("(d/s: documents indexed per second; OS/emb: OpenSearch throughput / embedded throughput)");
    }

    private Indexing find(String engine, String corpus, String path) {
        return indexings.stream()
                .filter(i -> i.engine().equals(engine)
                        && i.corpus().equals(corpus)
                        && i.path().equals(path))
                .findFirst()
                .orElseThrow();
    }

    private void printSearch(int claims, int abstracts) {
        out.printf(
                Locale.ROOT,
                "%n== 1b. Search in-process: %d SciFact training claims over %,d abstracts, size 10 (facets, snippets),"
                        + " after a warm-up of %d%n",
                claims,
                abstracts,
                Math.min(100, claims));
        printLatencies(latencies);
    }

    private void printPageSearch(int queries, int pdfs) {
        out.printf(
                Locale.ROOT,
                "%n== 1c. Page hits in-process: %d queries of two words from the pages of %d PDFs, size 10, %d best"
                        + " pages a hit (snippets marked), 1 client, after a warm-up of %d%n",
                queries,
                pdfs,
                PAGES_PER_HIT,
                Math.min(20, queries));
        printLatencies(pageSearches);
    }

    /** One table: per number of clients, each engine's latencies and OpenSearch's ratios to the embedded engine's. */
    private void printLatencies(List<SearchLoad.Latency> measured) {
        out.printf(
                Locale.ROOT,
                "%-8s %-11s %8s %8s %8s %8s %9s  %s%n",
                "clients",
                "engine",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "max ms",
                "search/s",
                "statuses");
        for (int clients : measured.stream()
                .mapToInt(SearchLoad.Latency::clients)
                .distinct()
                .toArray()) {
            SearchLoad.Latency embedded = latency(measured, "embedded", clients);
            SearchLoad.Latency opensearch = latency(measured, "opensearch", clients);
            for (SearchLoad.Latency l : List.of(embedded, opensearch)) {
                out.printf(
                        Locale.ROOT,
                        "%-8d %-11s %8.1f %8.1f %8.1f %8.1f %9.1f  %s%n",
                        clients,
                        l.name(),
                        l.p50(),
                        l.p90(),
                        l.p99(),
                        l.max(),
                        l.perSecond(),
                        l.statuses());
            }
            out.printf(
                    Locale.ROOT,
                    "%-8d %-11s %7.2fx %7.2fx %7.2fx %8s %8.2fx%n",
                    clients,
                    "OS/emb",
                    opensearch.p50() / embedded.p50(),
                    opensearch.p90() / embedded.p90(),
                    opensearch.p99() / embedded.p99(),
                    "",
                    opensearch.perSecond() / embedded.perSecond());
        }
        measured.stream()
                .filter(l -> l.firstFailure() != null)
                .forEach(l -> out.printf(
                        Locale.ROOT,
                        "  %s, %d clients: %s; first failure: %s%n",
                        l.name(),
                        l.clients(),
                        l.statuses(),
                        l.firstFailure()));
    }

    private static SearchLoad.Latency latency(List<SearchLoad.Latency> measured, String engine, int clients) {
        return measured.stream()
                .filter(l -> l.name().equals(engine) && l.clients() == clients)
                .findFirst()
                .orElseThrow();
    }
}
