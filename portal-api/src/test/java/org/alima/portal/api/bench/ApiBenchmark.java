package org.alima.portal.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.alima.portal.api.Api;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.system.EmbeddedDatabase;
import org.alima.portal.indexer.SuppressForbidden;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.SearchException;
import org.alima.portal.indexer.search.SearchRequest;

/**
 * Measures the portal API as deployed (its runnable jar, an external PostgreSQL) and prints the figures; a command,
 * not a test. Run it with {@code bench/api-bench.sh}, which builds what it needs.
 *
 * <ol>
 *   <li>Indexing throughput: the command-line indexer on the corpus, then the portal from the first upload over HTTP
 *       to the moment the last document is {@code indexed} or {@code failed} in PostgreSQL.
 *   <li>Startup: from launching the portal's JVM to its first answered search; resident memory (VmRSS) after start
 *       and after indexing.
 *   <li>Search latency under concurrent load: the same queries over HTTP (java.net.http, virtual threads, loopback)
 *       and against an in-process {@link PortalSearch} on the same index, after the portal has stopped.
 * </ol>
 *
 * <p>The "external" PostgreSQL is a second embedded server started by this process, so the portal connects to it as
 * to any other server. Not thread-safe; one run per JVM.
 */
@SuppressForbidden(
        reason = "a benchmark command: its report is its standard output and a usage error its exit code; it times"
                + " start-up and indexing with polls of its own, so that no library's scheduling is in the figures")
public final class ApiBenchmark {

    private static final int QUERIES = 300;
    private static final int CONCURRENCY = 4;
    private static final int ROUNDS = 3;
    private static final Duration LOAD_TIME_CAP = Duration.ofMinutes(2);
    /** As {@code ./portal} starts the portal: Lucene's vector API and native access (MMapDirectory). */
    private static final List<String> JVM_FLAGS =
            List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");

    private final Path corpus;
    private final Path queriesFile;
    private final Path work;
    private final Path portalJar;
    private final Path cliJar;
    private final String java;

    private ApiBenchmark(Path corpus, Path queriesFile, Path work, Path portalJar, Path cliJar) {
        this.corpus = corpus;
        this.queriesFile = queriesFile;
        this.work = work;
        this.portalJar = portalJar;
        this.cliJar = cliJar;
        this.java = ProcessHandle.current().info().command().orElse("java");
    }

    /** Arguments: the PDF corpus folder, a SciFact queries file, a work folder, the portal's jar, the CLI's jar. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ApiBenchmark CORPUS_DIR QUERIES_JSONL WORK_DIR PORTAL_JAR CLI_JAR");
            System.exit(2);
        }
        new ApiBenchmark(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]))
                .run();
    }

    private void run() throws Exception {
        List<Path> pdfs;
        try (Stream<Path> files = Files.walk(corpus)) {
            pdfs = files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        List<String> queries = queries();
        System.out.printf(
                Locale.ROOT,
                "Corpus: %d PDFs, %.1f MB; %d queries; %d cores; load driver: %d virtual threads%n",
                pdfs.size(),
                size(pdfs) / 1e6,
                queries.size(),
                Runtime.getRuntime().availableProcessors(),
                CONCURRENCY);
        System.out.printf(Locale.ROOT, "Load average before: %s%n", loadAverage());

        double cliSeconds = cliIndexing(pdfs);
        System.out.printf(Locale.ROOT, "%nCLI index (java -jar portal-indexer.jar index): %.1f s wall%n", cliSeconds);

        double httpP99;
        int dbPort = TestDatabase.freePort();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(work.resolve("postgres"), dbPort)) {
            int port = TestDatabase.freePort();
            Path data = work.resolve("data");
            long launched = System.nanoTime();
            Process portal = launchPortal(port, database, data);
            try {
                double startup = awaitFirstAnswer(port, portal, launched);
                long rssAfterStart = rssKiB(portal.pid());
                // Signed in once the portal answers: uploads need a contributor.
                Api api = TestAccounts.contributor(URI.create("http://localhost:" + port + "/"));
                System.out.printf(
                        Locale.ROOT,
                        "%nPortal startup (external PostgreSQL, empty database): first answered search after %.2f s;"
                                + " RSS after start %d MiB%n",
                        startup,
                        rssAfterStart / 1024);

                Indexing indexing = uploadAndAwait(api, pdfs, database);
                System.out.printf(
                        Locale.ROOT,
                        "Portal upload-to-searchable: %d accepted (%d indexed, %d failed, %d refused at upload) in %.1f"
                                + " s (uploads took %.1f s); %.2f documents/s, %d pages%n",
                        indexing.accepted(),
                        indexing.indexed(),
                        indexing.failed(),
                        indexing.refused(),
                        indexing.seconds(),
                        indexing.uploadSeconds(),
                        indexing.accepted() / indexing.seconds(),
                        indexing.pages());
                System.out.printf(
                        Locale.ROOT,
                        "Throughput ratio CLI time / portal time: %.2f (target >= 0.8)%n",
                        cliSeconds / indexing.seconds());
                System.out.printf(Locale.ROOT, "RSS after indexing: %d MiB%n", rssKiB(portal.pid()) / 1024);

                SearchLoad.Latency http = load("HTTP GET /api/search", queries, query -> {
                    HttpResponse<String> response = api.get("/api/search?size=10&q=" + encode(query));
                    return response.statusCode();
                });
                System.out.println();
                System.out.println(http);
                httpP99 = http.p99();
            } finally {
                portal.destroy(); // SIGTERM: the portal closes its index before the in-process run opens it
                if (!portal.waitFor(60, TimeUnit.SECONDS)) {
                    portal.destroyForcibly();
                }
            }
            try (PortalIndex index = PortalIndex.open(data.resolve("index"))) {
                PortalSearch search = new PortalSearch(index);
                SearchLoad.Latency inProcess = load("in-process PortalSearch", queries, query -> {
                    try {
                        search.search(SearchRequest.of(query).withSize(10));
                        return 200;
                    } catch (SearchException e) {
                        return 400;
                    }
                });
                System.out.println(inProcess);
                System.out.printf(
                        Locale.ROOT, "p99 ratio HTTP / in-process: %.2f (target <= 2)%n", httpP99 / inProcess.p99());
            }
        }
        System.out.printf(Locale.ROOT, "Load average after: %s%n", loadAverage());
    }

    /** The command-line indexer on exactly the PDFs uploaded (not the corpus folder, which holds other files). */
    private double cliIndexing(List<Path> pdfs) throws IOException, InterruptedException {
        Path index = work.resolve("cli-index");
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", cliJar.toString(), "index", "--index", index.toString()));
        pdfs.forEach(pdf -> command.add(pdf.toString()));
        Process cli = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("cli.log").toFile())
                .start();
        if (cli.waitFor() != 0) {
            throw new IllegalStateException("the CLI failed; see " + work.resolve("cli.log"));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.readAllLines(work.resolve("cli.log")).stream()
                .filter(line -> line.startsWith("Indexed") || line.startsWith("Failures"))
                .forEach(line -> System.out.println("  CLI: " + line));
        return seconds;
    }

    private Process launchPortal(int port, EmbeddedDatabase database, Path data) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", portalJar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("portal.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "PORTAL_DATA_DIR",
                        data.toString(),
                        "PORTAL_PORT",
                        String.valueOf(port),
                        "PORTAL_DB_URL",
                        database.jdbcUrl(),
                        "PORTAL_DB_USER",
                        database.user(),
                        "PORTAL_DB_PASSWORD",
                        database.password(),
                        "PORTAL_ADMIN_EMAIL",
                        TestAccounts.ADMIN_EMAIL,
                        "PORTAL_ADMIN_PASSWORD",
                        TestAccounts.ADMIN_PASSWORD));
        return builder.start();
    }

    /** Seconds from launch to the first search answered 200. */
    private static double awaitFirstAnswer(int port, Process portal, long launched) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/search?q=malaria"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = launched + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!portal.isAlive()) {
                throw new IllegalStateException("the portal exited with " + portal.exitValue() + "; see portal.log");
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - launched) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the portal did not answer within 2 minutes; see portal.log");
    }

    private record Indexing(
            int accepted, int refused, int indexed, int failed, long pages, double seconds, double uploadSeconds) {}

    /** Uploads every PDF one after the other, then waits until PostgreSQL says each is indexed or failed. */
    private static Indexing uploadAndAwait(Api api, List<Path> pdfs, EmbeddedDatabase database) throws Exception {
        long started = System.nanoTime();
        int accepted = 0;
        int refused = 0;
        for (Path pdf : pdfs) {
            HttpResponse<String> response =
                    api.upload(new Api.Multipart().file(pdf.getFileName().toString(), Files.readAllBytes(pdf)));
            if (response.statusCode() == 202) {
                accepted++;
            } else {
                refused++; // a duplicate of another corpus file (409), mostly
            }
        }
        double uploadSeconds = (System.nanoTime() - started) / 1e9;
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            while (true) {
                int[] counts = counts(db);
                if (counts[0] + counts[1] >= accepted) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    return new Indexing(accepted, refused, counts[0], counts[1], counts[2], seconds, uploadSeconds);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Indexed documents, failed documents (for good), pages of the indexed ones. */
    private static int[] counts(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT count(*) FILTER (WHERE extraction_status = 'indexed'),
                               count(*) FILTER (WHERE extraction_status = 'failed'),
                               COALESCE(sum(page_count) FILTER (WHERE extraction_status = 'indexed'), 0)
                          FROM document_files
                        """)) {
            rows.next();
            return new int[] {rows.getInt(1), rows.getInt(2), rows.getInt(3)};
        }
    }

    /**
     * Runs each query once to warm up, then {@value #ROUNDS} rounds of all queries from {@value #CONCURRENCY} virtual
     * threads sharing one queue, stopping early at {@link #LOAD_TIME_CAP}.
     */
    private static SearchLoad.Latency load(String name, List<String> queries, SearchLoad.Search search)
            throws InterruptedException {
        return SearchLoad.run(name, queries, CONCURRENCY, ROUNDS, queries.size(), LOAD_TIME_CAP, search);
    }

    private List<String> queries() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> queries = new ArrayList<>();
        for (String line : Files.readAllLines(queriesFile)) {
            if (!line.isBlank() && queries.size() < QUERIES) {
                queries.add(json.readTree(line).get("text").asText());
            }
        }
        return queries;
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long size(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
