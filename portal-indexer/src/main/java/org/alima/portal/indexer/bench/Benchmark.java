package org.alima.portal.indexer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.alima.portal.indexer.eval.TestQueries;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.records.JsonLinesRecords;

/**
 * The reproducible benchmark: extraction, indexing and search of the portal measured side by side with baselines in
 * one run, printed as figures and ratios. Not thread-safe; one run at a time.
 *
 * @param pdfs folder of PDFs (searched recursively), e.g. ../shared/corpus/pdfs
 * @param scifact BEIR SciFact folder (corpus.jsonl, queries-train.jsonl), e.g. ../shared/corpus/ir/scifact
 * @param work scratch folder for the indexes; emptied first
 * @param maxFiles use at most this many PDFs (0: all), for a quick look
 * @param rounds how many times extraction and indexing are measured; the best run of each contender is reported
 * @param semanticDocuments PDFs ingested with vectors for the semantic part (0: no semantic part); embedding is
 *     slow, so a sample
 * @param semanticIndex an index of SciFact's abstracts with vectors ({@code portal-indexer index}), searched for
 *     the latency of search by meaning; null to build one here (some 15 CPU-minutes)
 */
public record Benchmark(
        Path pdfs, Path scifact, Path work, int maxFiles, int rounds, int semanticDocuments, Path semanticIndex) {

    public Benchmark {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
    }

    /** Runs every part and prints its figures to {@code out} as it goes. */
    public void run(PrintWriter out) throws IOException, InterruptedException, ExecutionException {
        requireFolder(pdfs, "the PDF corpus (--pdfs)");
        requireFolder(scifact, "the SciFact collection (--scifact)");
        if (semanticIndex != null && semanticDocuments > 0) {
            requireFolder(semanticIndex, "the SciFact index with vectors (--semantic-index)");
        }
        deleteRecursively(work);
        Files.createDirectories(work);
        printMachine(out);

        List<Path> files = pdfFiles();
        var extraction = new ExtractionBench(files);
        out.printf(Locale.ROOT, "%n== Extraction: %d PDFs from %s%n", files.size(), pdfs);
        List<ExtractionResult> results = extraction.extractAll(2); // also warms up PDFBox and the JIT
        long pages = ExtractionBench.pages(results);
        out.printf(Locale.ROOT, "pages: %d%n", pages);
        List<Measurement> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Contenders alternate within each round, so that drift in the machine's load touches them alike.
            for (int workers : new int[] {1, 2}) {
                runs.add(extraction.pdftotext(workers, pages));
                runs.add(extraction.barePdfBox(workers, pages));
                runs.add(extraction.portal(workers, pages));
            }
        }
        runs = best(runs);
        out.printf(Locale.ROOT, "best of %d rounds each%n", rounds);
        printTable(out, "pages/s", runs);
        Measurement portal2 = find(runs, "portal", 2);
        Measurement portal1 = find(runs, "portal", 1);
        out.printf(
                Locale.ROOT,
                "portal / pdftotext, 2 workers:  %.2fx pages/s (target >= 1.00)%n",
                portal2.perSecond() / find(runs, "pdftotext", 2).perSecond());
        out.printf(
                Locale.ROOT,
                "portal / pdftotext, 1 worker:   %.2fx pages/s%n",
                portal1.perSecond() / find(runs, "pdftotext", 1).perSecond());
        out.printf(
                Locale.ROOT,
                "portal overhead over bare PDFBox, 1 worker:  %+.1f%% time (target <= +15%%)%n",
                100 * (portal1.seconds() / find(runs, "bare PDFBox", 1).seconds() - 1));
        out.printf(
                Locale.ROOT,
                "portal overhead over bare PDFBox, 2 workers: %+.1f%% time%n",
                100 * (portal2.seconds() / find(runs, "bare PDFBox", 2).seconds() - 1));

        List<IndexableDocument> pdfDocuments = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (results.get(i) instanceof ExtractionResult.Extracted extracted) {
                pdfDocuments.add(IndexableDocument.fromExtraction(
                        pdfs.relativize(files.get(i)).toString(), files.get(i).toString(), extracted));
            }
        }
        List<IndexableDocument> abstracts = scifactCorpus();
        Measurement pdfIndexing = indexing(out, "extracted PDFs", pdfDocuments, "pdfs");
        indexing(out, "SciFact abstracts", abstracts, "scifact");

        long pdfPages = pdfDocuments.stream().mapToLong(d -> d.pages().size()).sum();
        out.printf(Locale.ROOT, "%n== CPU per 1,000 pages ingested (extraction, 1 worker, + indexing)%n");
        out.printf(
                Locale.ROOT,
                "%.1f CPU-s = %.1f extraction + %.1f indexing%n",
                portal1.cpuSecondsPerThousand() + pdfIndexing.cpuSeconds() / pdfPages * 1000,
                portal1.cpuSecondsPerThousand(),
                pdfIndexing.cpuSeconds() / pdfPages * 1000);

        List<String> queries = TestQueries.read(scifact.resolve("queries-train.jsonl")).values().stream()
                .filter(query -> !query.isEmpty())
                .toList();
        out.printf(
                Locale.ROOT,
                "%n== Search: %d SciFact claims over %d abstracts, one at a time, after one warm-up pass%n",
                queries.size(),
                abstracts.size());
        var search = new SearchBench(queries);
        SearchBench.Latency bare = search.bare(work.resolve("scifact-bare-standard"));
        SearchBench.Latency portal = search.portal(work.resolve("scifact-portal"));
        out.printf(Locale.ROOT, "%-48s %9s %9s %9s %14s%n", "contender", "p50 ms", "p99 ms", "max ms", "CPU-s/1000");
        for (SearchBench.Latency latency : List.of(bare, portal)) {
            out.printf(
                    Locale.ROOT,
                    "%-48s %9.2f %9.2f %9.2f %14.2f%n",
                    latency.contender(),
                    latency.p50(),
                    latency.p99(),
                    latency.max(),
                    latency.cpuSecondsPerThousand());
        }
        out.printf(
                Locale.ROOT,
                "portal / bare: p50 %.1fx, p99 %.1fx; portal p99 %.1f ms (target < 20 ms)%n",
                portal.p50() / bare.p50(),
                portal.p99() / bare.p99(),
                portal.p99());
        out.flush();

        if (semanticDocuments > 0) {
            out.printf(Locale.ROOT, "%n== Semantic: the dense model, vectors and hybrid search%n");
            var semantic = new SemanticBench(out);
            semantic.modelLoad();
            semantic.ingest(
                    "PDFs",
                    pdfDocuments.subList(0, Math.min(semanticDocuments, pdfDocuments.size())),
                    work.resolve("semantic"));
            Path vectors = semanticIndex;
            if (vectors == null) {
                semantic.ingest("SciFact abstracts", abstracts, work.resolve("semantic"));
                vectors = work.resolve("semantic").resolve("SciFact abstracts-vectors");
            }
            Path french = scifact.resolve("queries-train-fr.jsonl");
            List<String> frenchQueries = Files.isRegularFile(french)
                    ? TestQueries.read(french).values().stream()
                            .filter(query -> !query.isEmpty())
                            .toList()
                    : List.of();
            semantic.search(vectors, queries, frenchQueries);
        }
    }

    private Measurement indexing(PrintWriter out, String name, List<IndexableDocument> documents, String directory)
            throws IOException {
        var bench = new IndexingBench(documents);
        // A first portal run warms the JIT for the analysis chains; it is not reported.
        bench.portal(work.resolve(directory + "-warmup"));
        deleteRecursively(work.resolve(directory + "-warmup"));
        List<Measurement> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (String contender : List.of("-bare-standard", "-bare-portal", "-portal")) {
                deleteRecursively(work.resolve(directory + contender));
            }
            runs.add(bench.bareStandard(work.resolve(directory + "-bare-standard")));
            runs.add(bench.barePortalAnalysis(work.resolve(directory + "-bare-portal")));
            runs.add(bench.portal(work.resolve(directory + "-portal")));
        }
        runs = best(runs);
        out.printf(
                Locale.ROOT,
                "%n== Indexing: %d %s, one writer thread, then commit; best of %d rounds%n",
                documents.size(),
                name,
                rounds);
        printTable(out, "docs/s", runs);
        out.printf(
                Locale.ROOT,
                "portal / bare StandardAnalyzer: %+.1f%% time; portal / bare with the portal's analyzer: %+.1f%%"
                        + " time (target <= +15%%)%n",
                100 * (runs.get(2).seconds() / runs.get(0).seconds() - 1),
                100 * (runs.get(2).seconds() / runs.get(1).seconds() - 1));
        return runs.get(2);
    }

    /** The fastest run of each contender and worker count, in order of first appearance. */
    private static List<Measurement> best(List<Measurement> runs) {
        Map<String, Measurement> best = new LinkedHashMap<>();
        for (Measurement run : runs) {
            best.merge(run.contender() + "/" + run.workers(), run, (a, b) -> b.seconds() < a.seconds() ? b : a);
        }
        return new ArrayList<>(best.values());
    }

    private static void printTable(PrintWriter out, String unit, List<Measurement> runs) {
        out.printf(Locale.ROOT, "%-40s %7s %10s %10s %14s%n", "contender", "workers", "seconds", unit, "CPU-s/1000");
        for (Measurement run : runs) {
            out.printf(
                    Locale.ROOT,
                    "%-40s %7d %10.2f %10.1f %14.2f%n",
                    run.contender(),
                    run.workers(),
                    run.seconds(),
                    run.perSecond(),
                    run.cpuSecondsPerThousand());
        }
    }

    private static Measurement find(List<Measurement> runs, String prefix, int workers) {
        return runs.stream()
                .filter(r -> r.contender().startsWith(prefix) && r.workers() == workers)
                .findFirst()
                .orElseThrow();
    }

    private void printMachine(PrintWriter out) throws IOException {
        String cpu = "unknown CPU";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                cpu = lines.filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip())
                        .findFirst()
                        .orElse(cpu);
            }
        }
        out.printf(
                Locale.ROOT,
                "machine: %s, %d cores, Java %s, max heap %d MiB%n",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private List<Path> pdfFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(pdfs)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf"))
                    .sorted(Comparator.naturalOrder())
                    .toList();
            return maxFiles > 0 && files.size() > maxFiles ? files.subList(0, maxFiles) : files;
        }
    }

    private List<IndexableDocument> scifactCorpus() throws IOException {
        // SciFact is English; saying so spares the benchmark a language guess per abstract.
        try (Stream<IndexableDocument> records = JsonLinesRecords.read(scifact.resolve("corpus.jsonl"), text -> "en")) {
            return records.toList();
        }
    }

    private static void requireFolder(Path folder, String what) {
        if (!Files.isDirectory(folder)) {
            throw new BenchmarkException("No folder at " + folder + " for " + what + "; pass its path");
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
