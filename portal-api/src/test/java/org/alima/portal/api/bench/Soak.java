package org.alima.portal.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.alima.portal.api.Api;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.bench.SoakRoutes.Outcome;
import org.alima.portal.indexer.SuppressForbidden;

/**
 * A soak test of the portal as deployed; a command, not a test ({@code bench/soak.sh} builds what it needs and runs
 * it). Starts the runnable jar on its embedded PostgreSQL with a fresh data directory and its first administrator
 * from the environment, then for the given time drives a mixed load over HTTP (virtual threads, loopback):
 *
 * <ul>
 *   <li>{@value #READERS} anonymous readers: a search (a SciFact claim, in English or French), then now and then the
 *       page of a hit, its file, or suggestions for a word's first letters;
 *   <li>{@value #UPLOADERS} uploaders with the administrator's API token: the corpus's PDFs one after the other (each
 *       made unique by a comment after its end, so that none is refused as a duplicate), each followed until indexed,
 *       then published; beyond {@value #KEPT} published documents the oldest is deleted, so that the collection stays
 *       the same size and growth can only be a leak. Files under {@code edge-cases/} may be refused (4xx) or fail
 *       with a reason: expected;
 *   <li>one account holder who signs in, reads their account and signs out every {@value #SESSION_PAUSE_SECONDS} s.
 * </ul>
 *
 * <p>Every minute it forces a full collection in the portal and samples its resources ({@link SoakSamples}). It ends
 * with the errors, latency per route, the samples and a verdict line, and exits 1 unless the verdict is a pass. Not
 * thread-safe; one run per JVM.
 */
@SuppressForbidden(
        reason = "a soak command: its report is its standard output and its verdict the exit code; its clients pause"
                + " between requests as people do, and it samples on a clock of its own")
public final class Soak {

    private static final int READERS = 4;
    private static final int UPLOADERS = 2;
    private static final int KEPT = 100;
    private static final int SESSION_PAUSE_SECONDS = 20;
    private static final Duration READER_PAUSE = Duration.ofMillis(100);
    private static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
    /** As the image runs it (docker/entrypoint.sh), with the heap a 2 GiB container would give it. */
    private static final List<String> JVM_FLAGS =
            List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PDFBOX_LOGGER = Pattern.compile(
            " ERROR +o\\.a(pache)?\\.((pdfbox|fontbox)|p\\.(pdmodel|pdfparser|cos|filter|text|contentstream|pdfwriter))\\.");

    private final Duration duration;
    private final Path corpus;
    private final Path work;
    private final Path portalJar;
    private final List<Path> pdfs;
    private final List<String> queries;
    private final String adminEmail;
    private final String adminPassword;
    private final SoakRoutes routes = new SoakRoutes();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<String> published = new ConcurrentLinkedDeque<>();
    private final AtomicInteger nextFile = new AtomicInteger();
    private final Map<String, LongAdder> processing = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private Soak(Duration duration, Path corpus, Path work, Path portalJar, List<Path> queryFiles) throws IOException {
        this.duration = duration;
        this.corpus = corpus;
        this.work = work;
        this.portalJar = portalJar;
        try (Stream<Path> files = Files.walk(corpus)) {
            this.pdfs =
                    files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        List<String> all = new ArrayList<>();
        for (Path file : queryFiles) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    all.add(JSON.readTree(line).get("text").asText());
                }
            }
        }
        this.queries = List.copyOf(all);
        this.adminEmail = System.getenv().getOrDefault("PORTAL_ADMIN_EMAIL", "soak-admin@example.org");
        this.adminPassword =
                System.getenv().getOrDefault("PORTAL_ADMIN_PASSWORD", "soak passphrase " + UUID.randomUUID());
    }

    /** Arguments: minutes, the PDF corpus folder, a work folder, the portal's jar, one or more queries files. */
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: Soak MINUTES CORPUS_DIR WORK_DIR PORTAL_JAR QUERIES_JSONL...");
            System.exit(2);
        }
        List<Path> queryFiles = Stream.of(args).skip(4).map(Path::of).toList();
        Soak soak = new Soak(
                Duration.ofMinutes(Long.parseLong(args[0])),
                Path.of(args[1]),
                Path.of(args[2]),
                Path.of(args[3]),
                queryFiles);
        System.exit(soak.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Soak: %d min; %d PDFs; %d queries; %d readers, %d uploaders (at most %d published kept), one session"
                        + " every %d s; %d cores; load average %s%n",
                duration.toMinutes(),
                pdfs.size(),
                queries.size(),
                READERS,
                UPLOADERS,
                KEPT,
                SESSION_PAUSE_SECONDS,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        Path data = work.resolve("data");
        Files.createDirectories(data.resolve("tmp"));
        int port = TestDatabase.freePort();
        Process portal = launch(port, data);
        // Stopped with this JVM, also when it is interrupted (Ctrl-C, a timeout), not left running with its database.
        Runtime.getRuntime().addShutdownHook(new Thread(portal::destroy, "soak-portal-stop"));
        try {
            Api anonymous = new Api(URI.create("http://localhost:" + port + "/"));
            awaitReady(anonymous, portal);
            Api admin = anonymous.as(apiToken(anonymous));
            System.out.printf(Locale.ROOT, "Portal %d started on port %d; log: %s%n", portal.pid(), port, log());

            SoakSamples samples = new SoakSamples(
                    portal.toHandle(),
                    Path.of(ProcessHandle.current().info().command().orElseThrow())
                            .resolveSibling("jcmd"),
                    data,
                    gcLog());
            System.out.println();
            System.out.println("Every minute: a full collection (jcmd GC.run), the heap it left (GC log), and /proc:");
            System.out.println(SoakSamples.header());
            long started = System.nanoTime();
            // Closing the executor waits for the clients, which stop at their next step once running is false.
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                try {
                    for (int i = 0; i < READERS; i++) {
                        clients.execute(() -> loop(() -> read(anonymous)));
                    }
                    for (int i = 0; i < UPLOADERS; i++) {
                        clients.execute(() -> loop(() -> uploadOne(admin)));
                    }
                    clients.execute(() -> loop(() -> session(anonymous)));
                    Duration elapsed = Duration.ZERO;
                    while (elapsed.compareTo(duration) < 0) {
                        Thread.sleep(Math.min(
                                SAMPLE_EVERY.toMillis(), duration.minus(elapsed).toMillis()));
                        elapsed = Duration.ofNanos(System.nanoTime() - started);
                        if (!portal.isAlive()) {
                            throw new IllegalStateException("the portal exited with " + portal.exitValue());
                        }
                        System.out.println(SoakSamples.line(
                                samples.take(elapsed, routes.requests(), routes.count(Outcome.ERROR))));
                    }
                } finally {
                    running = false;
                }
            }
            return report(samples);
        } finally {
            portal.destroy(); // SIGTERM: the portal stops its server, its workers and its PostgreSQL
            if (!portal.waitFor(60, TimeUnit.SECONDS)) {
                portal.destroyForcibly();
            }
        }
    }

    private boolean report(SoakSamples samples) throws IOException {
        System.out.println();
        routes.table().forEach(System.out::println);
        System.out.println();
        System.out.println("Uploads by outcome: " + counts(processing));
        List<String> errorLines = logLines(" ERROR ");
        List<String> logged =
                errorLines.stream().filter(line -> !fromPdfBox(line)).toList();
        System.out.printf(
                Locale.ROOT,
                "Portal log: %d ERROR lines (%d of them PDFBox's about damaged files), %d WARN lines%n",
                errorLines.size(),
                errorLines.size() - logged.size(),
                logLines(" WARN ").size());
        errorLines.stream().distinct().limit(10).forEach(line -> System.out.println("  " + line));
        routes.firstErrors().forEach(error -> System.out.println("  error: " + error));

        Duration warmUp = duration.dividedBy(5);
        SoakSamples.Trend heap =
                samples.trend("heap after full GC", "MiB", 1024, SoakSamples.Sample::heapAfterGcKiB, warmUp);
        SoakSamples.Trend fds = samples.trend("portal fds", "", 1, SoakSamples.Sample::fds, warmUp);
        SoakSamples.Trend postgresFds = samples.trend("PostgreSQL fds", "", 1, SoakSamples.Sample::postgresFds, warmUp);
        SoakSamples.Trend threads = samples.trend("threads", "", 1, SoakSamples.Sample::threads, warmUp);
        System.out.println();
        for (SoakSamples.Trend trend : List.of(heap, fds, postgresFds, threads)) {
            System.out.println(trend);
        }
        long errors = routes.count(Outcome.ERROR);
        // Tolerances: a collection's working set moves by a few MiB between samples; connections come and go.
        boolean heapGrew = heap.grew(0.10, 16);
        boolean fdsGrew = fds.grew(0.10, 10) || postgresFds.grew(0.10, 20);
        boolean threadsGrew = threads.grew(0.10, 10);
        boolean pass = errors == 0 && logged.isEmpty() && !heapGrew && !fdsGrew && !threadsGrew;
        System.out.printf(
                Locale.ROOT,
                "%nVerdict: %s: %d requests, %d errors, %d expected refusals, %d ERROR lines logged; heap after full GC"
                        + " %s (%.0f -> %.0f MiB); file descriptors %s (portal %.0f -> %.0f, PostgreSQL %.0f -> %.0f);"
                        + " threads %s (%.0f -> %.0f)%n",
                pass ? "PASS" : "FAIL",
                routes.requests(),
                errors,
                routes.count(Outcome.EXPECTED),
                logged.size(),
                heapGrew ? "GREW" : "flat",
                heap.start(),
                heap.end(),
                fdsGrew ? "GREW" : "flat",
                fds.start(),
                fds.end(),
                postgresFds.start(),
                postgresFds.end(),
                threadsGrew ? "GREW" : "flat",
                threads.start(),
                threads.end());
        return pass;
    }

    /** Runs {@code step} until the soak ends; a step that throws is recorded by {@link #call} already. */
    private void loop(Runnable step) {
        while (running) {
            step.run();
        }
    }

    private void read(Api reader) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String query = queries.get(random.nextInt(queries.size()));
        HttpResponse<String> answer = call(
                "GET /api/search",
                status -> status == 200 ? Outcome.OK : Outcome.ERROR,
                () -> reader.get("/api/search?size=10&q=" + Api.encode(query)));
        if (answer != null && answer.statusCode() == 200) {
            List<String> hits = new ArrayList<>();
            Api.read(answer).path("hits").forEach(hit -> hits.add(hit.get("id").asText()));
            if (!hits.isEmpty()) {
                String id = hits.get(random.nextInt(hits.size()));
                IntFunction<Outcome> readable = status -> status == 200
                        ? Outcome.OK
                        : status == 404 && deleted.contains(id) ? Outcome.EXPECTED : Outcome.ERROR;
                if (random.nextInt(100) < 50) {
                    call("GET /api/documents/{id}", readable, () -> reader.get("/api/documents/" + id));
                }
                if (random.nextInt(100) < 15) {
                    call(
                            "GET /api/documents/{id}/file",
                            readable,
                            () -> reader.getBytes("/api/documents/" + id + "/file"));
                }
            }
        }
        if (random.nextInt(100) < 30) {
            String prefix = Stream.of(query.split("\\P{L}+"))
                    .filter(word -> word.length() >= 4)
                    .findFirst()
                    .map(word -> word.substring(0, 4))
                    .orElse("mala");
            call(
                    "GET /api/search/suggest",
                    status -> status == 200 ? Outcome.OK : Outcome.ERROR,
                    () -> reader.get("/api/search/suggest?q=" + Api.encode(prefix)));
        }
        Api.sleep(READER_PAUSE.toMillis());
    }

    /** Uploads the next corpus file, follows it until indexed, publishes it, and keeps the collection's size. */
    private void uploadOne(Api admin) {
        Path pdf = pdfs.get(Math.floorMod(nextFile.getAndIncrement(), pdfs.size()));
        boolean edgeCase = corpus.relativize(pdf).startsWith("edge-cases");
        byte[] bytes;
        try {
            bytes = unique(Files.readAllBytes(pdf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> accepted = call(
                "POST /api/documents",
                status -> status == 202
                        ? Outcome.OK
                        : edgeCase && status >= 400 && status < 500 ? Outcome.EXPECTED : Outcome.ERROR,
                () -> admin.upload(new Api.Multipart().file(pdf.getFileName().toString(), bytes)));
        if (accepted == null || accepted.statusCode() != 202) {
            count(
                    accepted == null
                            ? "not answered"
                            : "refused " + accepted.statusCode() + (edgeCase ? " (edge case)" : ""));
            return;
        }
        String id = Api.read(accepted).get("id").asText();
        String status = awaitSettled(admin, id);
        if (status == null) {
            return; // the soak ended first, or it was recorded as an error
        }
        if (!"indexed".equals(status)) {
            count(status + (edgeCase ? " (edge case)" : ""));
            delete(admin, id);
            return;
        }
        // A title, a type and a language are required to publish: given as an uploader would when the file lacks them.
        org.alima.portal.api.documents.TestDocuments.describe(admin, id);
        HttpResponse<String> publication = call(
                "POST /api/documents/{id}/publish",
                s -> s == 200 ? Outcome.OK : Outcome.ERROR,
                () -> admin.json("POST", "/api/documents/" + id + "/publish", ""));
        if (publication == null || publication.statusCode() != 200) {
            return;
        }
        count("indexed and published");
        awaitSettled(admin, id);
        published.add(id);
        while (published.size() > KEPT) {
            String oldest = published.poll();
            if (oldest != null) {
                delete(admin, oldest);
            }
        }
    }

    /**
     * Polls the status until the document's last job has run: its file's status then; null when the soak ends first,
     * or when it takes longer than {@link #SETTLE_TIMEOUT} (recorded as an error).
     */
    private String awaitSettled(Api admin, String id) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (running) {
            HttpResponse<String> answer = call(
                    "GET /api/documents/{id}/status",
                    s -> s == 200 ? Outcome.OK : Outcome.ERROR,
                    () -> admin.get("/api/documents/" + id + "/status"));
            if (answer != null && answer.statusCode() == 200) {
                JsonNode status = Api.read(answer);
                String job = status.path("jobState").asText();
                if (job.equals("done") || job.equals("failed")) {
                    return status.path("status").asText();
                }
            }
            if (System.nanoTime() > deadline) {
                routes.record(
                        "(document settled)", -1, SETTLE_TIMEOUT.toNanos(), Outcome.ERROR, id + " not settled in time");
                return null;
            }
            Api.sleep(250);
        }
        return null;
    }

    private void delete(Api admin, String id) {
        deleted.add(id);
        call(
                "DELETE /api/documents/{id}",
                s -> s == 204 ? Outcome.OK : Outcome.ERROR,
                () -> admin.delete("/api/documents/" + id));
    }

    private void session(Api anonymous) {
        HttpResponse<String> signedIn = call(
                "POST /api/auth/login",
                s -> s == 200 ? Outcome.OK : Outcome.ERROR,
                () -> anonymous.json("POST", "/api/auth/login", credentials()));
        if (signedIn != null && signedIn.statusCode() == 200) {
            JsonNode tokens = Api.read(signedIn);
            Api account = anonymous.as(tokens.get("access_token").asText());
            call("GET /api/account", s -> s == 200 ? Outcome.OK : Outcome.ERROR, () -> account.get("/api/account"));
            String refresh = tokens.get("refresh_token").asText();
            call(
                    "POST /api/auth/logout",
                    s -> s == 204 ? Outcome.OK : Outcome.ERROR,
                    () -> anonymous.json("POST", "/api/auth/logout", "{\"refresh_token\": \"" + refresh + "\"}"));
        }
        Api.sleep(SESSION_PAUSE_SECONDS * 1000L);
    }

    /** Sends one request, records its latency, status and outcome under {@code route}; null when none came back. */
    private <T> HttpResponse<T> call(String route, IntFunction<Outcome> judge, Supplier<HttpResponse<T>> request) {
        long before = System.nanoTime();
        try {
            HttpResponse<T> response = request.get();
            Outcome outcome = judge.apply(response.statusCode());
            String detail = outcome == Outcome.ERROR ? excerpt(response.body()) : "";
            routes.record(route, response.statusCode(), System.nanoTime() - before, outcome, detail);
            return response;
        } catch (RuntimeException e) {
            routes.record(route, -1, System.nanoTime() - before, Outcome.ERROR, e.toString());
            return null;
        }
    }

    private void count(String outcome) {
        processing.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    private Process launch(int port, Path data) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        command.add("-Djava.io.tmpdir=" + data.resolve("tmp"));
        command.add("-Xlog:gc:file=" + gcLog() + ":uptime");
        command.addAll(List.of("-jar", portalJar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
        Map<String, String> environment = new HashMap<>(Map.of(
                "PORTAL_DATA_DIR", data.toString(),
                "PORTAL_PORT", String.valueOf(port),
                "PORTAL_EMBEDDED_DB_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_ADMIN_EMAIL", adminEmail,
                "PORTAL_ADMIN_PASSWORD", adminPassword));
        builder.environment().remove("PORTAL_DB_URL"); // the embedded default, whatever the caller's environment says
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void awaitReady(Api anonymous, Process portal) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!portal.isAlive()) {
                throw new IllegalStateException("the portal exited with " + portal.exitValue() + "; see " + log());
            }
            try {
                if (anonymous.get("/health").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // connection refused until the server is up
            }
            Api.sleep(200);
        }
        throw new IllegalStateException("the portal did not answer /health within 3 minutes; see " + log());
    }

    /** Signs in as the first administrator and makes a personal API token, which outlives access tokens. */
    private String apiToken(Api anonymous) {
        HttpResponse<String> signedIn = anonymous.json("POST", "/api/auth/login", credentials());
        if (signedIn.statusCode() != 200) {
            throw new IllegalStateException("sign-in as " + adminEmail + " failed: " + signedIn.body());
        }
        Api admin = anonymous.as(Api.read(signedIn).get("access_token").asText());
        HttpResponse<String> created = admin.json("POST", "/api/account/tokens", "{\"name\": \"soak\", \"days\": 1}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("no API token: " + created.body());
        }
        return Api.read(created).get("token").asText();
    }

    private String credentials() {
        return JSON.createObjectNode()
                .put("username", adminEmail)
                .put("password", adminPassword)
                .toString();
    }

    private Path log() {
        return work.resolve("portal.log");
    }

    private Path gcLog() {
        return work.resolve("gc.log");
    }

    /** The portal's log lines at a level (" ERROR "), cut to 240 characters. */
    private List<String> logLines(String level) throws IOException {
        return Files.readAllLines(log()).stream()
                .filter(line -> line.contains(level))
                .map(line -> line.length() > 240 ? line.substring(0, 240) : line)
                .toList();
    }

    /**
     * Whether an ERROR line is PDFBox's about a damaged file: the document's status tells whether the portal read it,
     * which the uploaders check. Any other ERROR line is a failure the clients may not have seen, and fails the
     * verdict. The logger's name is abbreviated by the portal's log pattern: {@code o.apache.pdfbox.pdfparser…},
     * {@code o.a.pdfbox…}, or {@code o.a.p.} with a PDFBox package after it.
     */
    private static boolean fromPdfBox(String line) {
        return PDFBOX_LOGGER.matcher(line).find();
    }

    /** The file's bytes and a PDF comment after its end, which readers ignore: never a duplicate of another upload. */
    private static byte[] unique(byte[] content) {
        byte[] tail = ("\n%soak " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[content.length + tail.length];
        System.arraycopy(content, 0, all, 0, content.length);
        System.arraycopy(tail, 0, all, content.length, tail.length);
        return all;
    }

    private static String excerpt(Object body) {
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static Map<String, Long> counts(Map<String, LongAdder> counters) {
        Map<String, Long> values = new java.util.TreeMap<>();
        counters.forEach((key, n) -> values.put(key, n.sum()));
        return values;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
