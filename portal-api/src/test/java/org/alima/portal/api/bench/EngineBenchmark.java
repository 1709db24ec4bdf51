package org.alima.portal.api.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.alima.portal.indexer.SuppressForbidden;
import org.alima.portal.indexer.eval.TestQueries;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.records.JsonLinesRecords;
import org.alima.portal.opensearch.LocalNode;
import org.alima.portal.opensearch.OpenSearchNode;

/**
 * The two search engines side by side, and one against two portal nodes, in one run that prints its figures; a
 * command, not a test. Run it with {@code bench/engines.sh}, which builds what it needs and unpacks the OpenSearch
 * distribution.
 *
 * <ol>
 *   <li>In-process ({@link InProcessEngines}): the embedded engine in a temporary folder and the OpenSearch engine on
 *       a node this command starts (the integ-test distribution, as the tests start it), indexing the same SciFact
 *       abstracts and shared-corpus PDFs (extracted once by the portal's {@link DocumentExtractor}), then searching
 *       the SciFact training claims from 1 and 4 clients.
 *   <li>Over HTTP ({@link HttpScenarios}): the portal's jar with one node on the embedded index, one node on
 *       OpenSearch, two nodes on OpenSearch and one PostgreSQL.
 * </ol>
 *
 * <p>Options: {@code --quick} (1,000 abstracts, 100 claims, 20 PDFs spread over the corpus's folders) and
 * {@code --in-process-only} (part 1 alone). Not thread-safe; one run per JVM.
 */
@SuppressForbidden(reason = "a benchmark command: its report is its standard output and a usage error its exit code")
public final class EngineBenchmark {

    private record Sizes(int abstracts, int claims, int pdfs) {}

    private static final Sizes FULL = new Sizes(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final Sizes QUICK = new Sizes(1_000, 100, 20);

    /**
     * The node's heap: twice the tests' 512 MB. Every first page that has a next one opens a point in time kept five
     * minutes, and 300 of them (the cluster's default limit) filled a 512 MB heap until its parent circuit breaker
     * refused every search of the next measurement.
     */
    private static final int NODE_HEAP_MB = 1024;

    private final Path corpus;
    private final Path scifact;
    private final Path work;
    private final Path portalJar;
    private final Sizes sizes;
    private final boolean overHttp;
    private final PrintStream out = System.out;

    private EngineBenchmark(Path corpus, Path scifact, Path work, Path portalJar, Sizes sizes, boolean overHttp) {
        this.corpus = corpus;
        this.scifact = scifact;
        this.work = work;
        this.portalJar = portalJar;
        this.sizes = sizes;
        this.overHttp = overHttp;
    }

    /**
     * Arguments: [--quick] [--in-process-only] CORPUS_DIR SCIFACT_DIR WORK_DIR PORTAL_JAR. The OpenSearch distribution
     * and the node's work folder are the system properties the tests read ({@value OpenSearchNode#HOME_PROPERTY},
     * {@value OpenSearchNode#WORK_PROPERTY}).
     */
    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Sizes sizes = FULL;
        boolean overHttp = true;
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> sizes = QUICK;
                case "--in-process-only" -> overHttp = false;
                default -> positional.add(arg);
            }
        }
        if (positional.size() != 4 || positional.stream().anyMatch(a -> a.startsWith("--"))) {
            System.err.println("usage: EngineBenchmark [--quick] [--in-process-only] CORPUS_DIR SCIFACT_DIR WORK_DIR"
                    + " PORTAL_JAR");
            System.exit(2);
        }
        new EngineBenchmark(
                        Path.of(positional.get(0)),
                        Path.of(positional.get(1)),
                        Path.of(positional.get(2)),
                        Path.of(positional.get(3)),
                        sizes,
                        overHttp)
                .run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        out.printf(
                Locale.ROOT,
                "Engine benchmark, %s, %s run%s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                sizes == QUICK ? "quick (--quick)" : "full",
                overHttp ? "" : ", in-process only (--in-process-only)");
        out.println("Machine: " + Machine.describe());
        out.println("Load average before: " + Machine.loadAverage());

        List<IndexableDocument> abstracts;
        try (Stream<IndexableDocument> records = JsonLinesRecords.read(scifact.resolve("corpus.jsonl"), text -> "en")) {
            abstracts = records.limit(sizes.abstracts()).toList();
        }
        List<String> claims = TestQueries.read(scifact.resolve("queries-train.jsonl")).values().stream()
                .filter(query -> !query.isBlank())
                .limit(sizes.claims())
                .toList();
        List<Path> pdfs = pdfs();
        List<IndexableDocument> extracted = extract(pdfs);

        long nodeStarted = System.nanoTime();
        try (LocalNode node = OpenSearchNode.startStandalone("engine-bench", NODE_HEAP_MB)) {
            out.printf(
                    Locale.ROOT,
                    "OpenSearch %s node (integ-test distribution, %d MB heap) answered after %.1f s%n",
                    OpenSearchNode.VERSION,
                    NODE_HEAP_MB,
                    (System.nanoTime() - nodeStarted) / 1e9);
            ClusterState cluster = new ClusterState(node.url());
            new InProcessEngines(work.resolve("in-process"), node.url(), out).run(abstracts, extracted, claims);
            out.println("After part 1: " + cluster.describe());
            cluster.clear("bench-");
            if (overHttp) {
                new HttpScenarios(work.resolve("http"), portalJar, node.url(), cluster, out).run(pdfs, claims);
            } else {
                out.printf("%n== 2. Over HTTP: not run (--in-process-only)%n");
            }
        }
        out.println();
        out.println("Load average after: " + Machine.loadAverage());
        out.printf(Locale.ROOT, "Total %.1f min%n", (System.nanoTime() - started) / 60e9);
    }

    /** The corpus's PDFs in name order; with a limit, evenly spaced through that order, so every folder counts. */
    private List<Path> pdfs() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.walk(corpus)) {
            all = files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        if (all.size() <= sizes.pdfs()) {
            return all;
        }
        List<Path> spaced = new ArrayList<>();
        for (int i = 0; i < sizes.pdfs(); i++) {
            spaced.add(all.get((int) ((long) i * all.size() / sizes.pdfs())));
        }
        return spaced;
    }

    /** Extracted once by the portal's extractor, outside every timing; a file that fails is left out and counted. */
    private List<IndexableDocument> extract(List<Path> pdfs) {
        DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());
        long started = System.nanoTime();
        List<IndexableDocument> documents = new ArrayList<>();
        for (Path pdf : pdfs) {
            if (extractor.extract(pdf) instanceof ExtractionResult.Extracted extracted) {
                documents.add(
                        IndexableDocument.fromExtraction(corpus.relativize(pdf).toString(), pdf.toString(), extracted));
            }
        }
        out.printf(
                Locale.ROOT,
                "Extracted %d of %d PDFs once (DocumentExtractor, %.1f s, not in the figures)%n",
                documents.size(),
                pdfs.size(),
                (System.nanoTime() - started) / 1e9);
        return documents;
    }
}
