package org.alima.portal.api.bench;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alima.portal.api.Api;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.system.EmbeddedDatabase;
import org.alima.portal.indexer.SuppressForbidden;

/**
 * Part 2 of {@link EngineBenchmark}: the portal's runnable jar as deployed, over HTTP, on one external PostgreSQL (a
 * database of its own per scenario): (a) one node on its embedded index, (b) one node on OpenSearch, (c) two nodes on
 * the same database and OpenSearch, sharing {@code PORTAL_FILES_DIR}, each with its own {@code PORTAL_DATA_DIR}. In
 * each, the same PDFs are uploaded (alternately to each node), the time until PostgreSQL says all are indexed or
 * failed is taken, then {@code GET /api/search} is loaded from 4 and 8 clients (round-robin across the nodes).
 * Semantic search is off, so that the nodes measure the search engines and not the background vector pass. Not
 * thread-safe.
 */
@SuppressForbidden(reason = "a benchmark command times indexing with polls of its own, as ApiBenchmark does")
final class HttpScenarios {

    private static final int[] CLIENTS = {4, 8};
    private static final Duration LOAD_CAP = Duration.ofSeconds(60);
    private static final Duration INDEXING_CAP = Duration.ofMinutes(20);
    private static final List<String> JVM_FLAGS =
            List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");

    /** One deployment measured. */
    record Scenario(String name, int nodes, boolean openSearch) {}

    /** What one scenario gave. */
    record Result(
            Scenario scenario,
            int accepted,
            int indexed,
            int failed,
            int refused,
            double seconds,
            List<SearchLoad.Latency> loads,
            String clusterAfter) {

        SearchLoad.Latency load(int clients) {
            return loads.stream()
                    .filter(l -> l.clients() == clients)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private final Path work;
    private final Path portalJar;
    private final URI cluster;
    private final ClusterState clusterState;
    private final PrintStream out;
    private final String java = ProcessHandle.current().info().command().orElse("java");

    HttpScenarios(Path work, Path portalJar, URI cluster, ClusterState clusterState, PrintStream out) {
        this.work = work;
        this.portalJar = portalJar;
        this.cluster = cluster;
        this.clusterState = clusterState;
        this.out = out;
    }

    void run(List<Path> pdfs, List<String> queries) throws Exception {
        List<Scenario> scenarios = List.of(
                new Scenario("a. 1 node, embedded", 1, false),
                new Scenario("b. 1 node, OpenSearch", 1, true),
                new Scenario("c. 2 nodes, OpenSearch", 2, true));
        List<Result> results = new ArrayList<>();
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(work.resolve("postgres"), TestDatabase.freePort())) {
            for (int i = 0; i < scenarios.size(); i++) {
                results.add(run(scenarios.get(i), "bench_" + (char) ('a' + i), postgres, pdfs, queries));
            }
        }
        print(results, pdfs.size(), queries.size());
    }

    private Result run(
            Scenario scenario, String databaseName, EmbeddedDatabase postgres, List<Path> pdfs, List<String> queries)
            throws Exception {
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + databaseName);
        }
        String jdbcUrl = postgres.jdbcUrl().replaceFirst("/postgres$", "/" + databaseName);
        Path dir = work.resolve(databaseName);
        Path files = dir.resolve("files");
        List<Process> nodes = new ArrayList<>();
        List<Api> apis = new ArrayList<>();
        try {
            String token = null;
            for (int n = 0; n < scenario.nodes(); n++) {
                int port = TestDatabase.freePort();
                Map<String, String> env = new HashMap<>(Map.of(
                        "PORTAL_DATA_DIR",
                        dir.resolve("node-" + n).toString(),
                        "PORTAL_FILES_DIR",
                        files.toString(),
                        "PORTAL_PORT",
                        String.valueOf(port),
                        "PORTAL_DB_URL",
                        jdbcUrl,
                        "PORTAL_DB_USER",
                        postgres.user(),
                        "PORTAL_DB_PASSWORD",
                        postgres.password(),
                        "PORTAL_ADMIN_EMAIL",
                        TestAccounts.ADMIN_EMAIL,
                        "PORTAL_ADMIN_PASSWORD",
                        TestAccounts.ADMIN_PASSWORD,
                        "PORTAL_SEMANTIC",
                        "off",
                        // The load comes from one address and one account: the per-client limits would measure 429s.
                        "PORTAL_RATE_LIMITS_SEARCH",
                        "0/1m"));
                if (scenario.openSearch()) {
                    env.put("PORTAL_SEARCH_URL", cluster.toString());
                    env.put("PORTAL_SEARCH_INDEX_PREFIX", "bench-http-" + databaseName.replace('_', '-'));
                }
                Process node = launch(env, dir.resolve("node-" + n + ".log"));
                nodes.add(node);
                // An interrupted benchmark leaves no portal running.
                Runtime.getRuntime().addShutdownHook(new Thread(node::destroyForcibly, "portal-node-stop"));
                awaitFirstAnswer(port, node, dir.resolve("node-" + n + ".log"));
                URI base = URI.create("http://localhost:" + port + "/");
                if (token == null) {
                    token = TestAccounts.create(new Api(base), "contributor").token();
                }
                // The second node accepts the first one's token: the signing secret is shared through PostgreSQL.
                apis.add(new Api(base).as(token));
            }
            long started = System.nanoTime();
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < pdfs.size(); i++) {
                Path pdf = pdfs.get(i);
                HttpResponse<String> response = apis.get(i % apis.size())
                        .upload(new Api.Multipart().file(pdf.getFileName().toString(), Files.readAllBytes(pdf)));
                if (response.statusCode() == 202) {
                    accepted++;
                } else {
                    refused++; // a duplicate of another corpus file (409), mostly
                }
            }
            int[] counts = awaitIndexed(jdbcUrl, postgres, accepted);
            double seconds = (System.nanoTime() - started) / 1e9;
            List<SearchLoad.Latency> loads = new ArrayList<>();
            for (int clients : CLIENTS) {
                AtomicInteger next = new AtomicInteger();
                loads.add(SearchLoad.run(
                        scenario.name(),
                        queries,
                        clients,
                        1,
                        Math.min(50, queries.size()),
                        LOAD_CAP,
                        query -> apis.get(Math.floorMod(next.getAndIncrement(), apis.size()))
                                .get("/api/search?size=10&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                                .statusCode()));
            }
            String clusterAfter = null;
            if (scenario.openSearch()) {
                clusterAfter = clusterState.describe();
                clusterState.clear("bench-http-");
            }
            return new Result(scenario, accepted, counts[0], counts[1], refused, seconds, loads, clusterAfter);
        } finally {
            for (Process node : nodes) {
                node.destroy();
            }
            for (Process node : nodes) {
                if (!node.waitFor(60, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
        }
    }

    private Process launch(Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", portalJar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitFirstAnswer(int port, Process node, Path log) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/search?q=malaria"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new IllegalStateException("a portal node exited with " + node.exitValue() + "; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("a portal node did not answer within 3 minutes; see " + log);
    }

    /** Waits until PostgreSQL says every accepted document is indexed or failed; indexed, failed. */
    private static int[] awaitIndexed(String jdbcUrl, EmbeddedDatabase postgres, int accepted) throws Exception {
        long deadline = System.nanoTime() + INDEXING_CAP.toNanos();
        try (Connection db = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password())) {
            while (true) {
                int[] counts = counts(db);
                if (counts[0] + counts[1] >= accepted) {
                    return counts;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + counts[0] + " indexed and " + counts[1] + " failed of "
                            + accepted + " after " + INDEXING_CAP.toMinutes() + " minutes");
                }
                Thread.sleep(100);
            }
        }
    }

    private static int[] counts(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT count(*) FILTER (WHERE extraction_status = 'indexed'),
                               count(*) FILTER (WHERE extraction_status = 'failed')
                          FROM document_files
                        """)) {
            rows.next();
            return new int[] {rows.getInt(1), rows.getInt(2)};
        }
    }

    private void print(List<Result> results, int pdfs, int queries) {
        out.printf(
                Locale.ROOT,
                "%n== 2. Over HTTP (portal jar, one external PostgreSQL, semantic off): %d PDFs uploaded, then GET"
                        + " /api/search with %d SciFact claims, size 10, %d s cap per load%n",
                pdfs,
                queries,
                LOAD_CAP.toSeconds());
        out.printf(
                Locale.ROOT,
                "%-24s %8s %8s %9s %8s | %-34s | %-34s%n",
                "scenario",
                "indexed",
                "failed",
                "to search",
                "docs/s",
                "4 clients: p50 / p99 ms, search/s",
                "8 clients: p50 / p99 ms, search/s");
        for (Result r : results) {
            out.printf(
                    Locale.ROOT,
                    "%-24s %8d %8d %8.1fs %8.2f | %-34s | %-34s%n",
                    r.scenario().name(),
                    r.indexed(),
                    r.failed(),
                    r.seconds(),
                    r.accepted() / r.seconds(),
                    cell(r.load(4)),
                    cell(r.load(8)));
        }
        for (Result r : results) {
            for (SearchLoad.Latency l : r.loads()) {
                if (l.statuses().keySet().stream().anyMatch(status -> status != 200)) {
                    out.printf(
                            Locale.ROOT,
                            "  %s, %d clients: statuses %s%s%n",
                            l.name(),
                            l.clients(),
                            l.statuses(),
                            l.firstFailure() == null ? "" : "; first failure: " + l.firstFailure());
                }
            }
            if (r.clusterAfter() != null) {
                out.printf(Locale.ROOT, "  after %s: %s%n", r.scenario().name(), r.clusterAfter());
            }
            if (r.refused() > 0) {
                out.printf(
                        Locale.ROOT,
                        "  %s: %d uploads refused (duplicates)%n",
                        r.scenario().name(),
                        r.refused());
            }
        }
        Result one = results.get(1);
        Result two = results.get(2);
        Result embedded = results.get(0);
        for (int clients : CLIENTS) {
            out.printf(
                    Locale.ROOT,
                    "%d clients: two nodes / one node (OpenSearch) %.2fx searches/s; one node OpenSearch / embedded"
                            + " %.2fx%n",
                    clients,
                    two.load(clients).perSecond() / one.load(clients).perSecond(),
                    one.load(clients).perSecond() / embedded.load(clients).perSecond());
        }
        out.printf(
                Locale.ROOT,
                "upload-to-searchable: two nodes / one node (OpenSearch) %.2fx documents/s; OpenSearch / embedded"
                        + " %.2fx%n",
                (two.accepted() / two.seconds()) / (one.accepted() / one.seconds()),
                (one.accepted() / one.seconds()) / (embedded.accepted() / embedded.seconds()));
    }

    private static String cell(SearchLoad.Latency l) {
        return String.format(Locale.ROOT, "%7.1f / %7.1f, %7.1f/s", l.p50(), l.p99(), l.perSecond());
    }
}
