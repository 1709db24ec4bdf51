package org.alima.portal.api.system;

import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalProcess;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.TestPdfs;
import org.alima.portal.indexer.index.IndexedSource;
import org.alima.portal.indexer.index.PortalIndex;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal as {@code ./portal} runs it (its own process, the embedded PostgreSQL) killed the two ways a field server
 * dies: a power cut, SIGKILL to the JVM and every PostgreSQL process at once during a stream of uploads and indexing;
 * and the out-of-memory killer, SIGKILL to the JVM alone, leaving its PostgreSQL running. One data directory and its
 * processes go through both in order, then the index is checked with Lucene's CheckIndex.
 *
 * <p>SIGKILL keeps what the kernel already holds: it proves the portal's own order of writes (PostgreSQL first, files
 * moved into place atomically, index jobs in the upload's transaction), not the disk's. That a commit is on the disk
 * when the portal answers is PostgreSQL's {@code fsync} and {@code synchronous_commit}, which {@link
 * EmbeddedDatabaseIT} reads back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {

    private static final int UPLOADERS = 2;
    private static final int ACCEPTED_BEFORE_THE_CUT = 6;
    private static final int MOST_UPLOADS = 16;

    @TempDir
    static Path data;

    private Map<String, String> environment;
    private URI url;
    private Process portal;
    private int run;

    /** Every upload answered 202, by id, with the bytes sent. */
    private final Map<String, byte[]> accepted = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        environment = new HashMap<>(Map.of(
                "PORTAL_DATA_DIR", data.toString(),
                "PORTAL_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_EMBEDDED_DB_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_ADMIN_EMAIL", TestAccounts.ADMIN_EMAIL,
                "PORTAL_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD));
        url = URI.create("http://localhost:" + environment.get("PORTAL_PORT") + "/");
        startPortal();
    }

    @Test
    @Order(1)
    void keepsEveryUploadAnswered202ThroughAPowerCutDuringUploadsAndIndexing() throws Exception {
        Api contributor = TestAccounts.contributor(url);
        AtomicBoolean cut = new AtomicBoolean();
        Thread[] uploaders = new Thread[UPLOADERS];
        for (int u = 0; u < UPLOADERS; u++) {
            int uploader = u;
            uploaders[u] = Thread.ofVirtual().name("uploader-" + u).start(() -> {
                for (int i = 0; !cut.get() && accepted.size() < MOST_UPLOADS; i++) {
                    // Every fourth a PDF with a scanned page, slower to read (OCR), so that the cut finds work in hand.
                    byte[] content = i % 4 == 0
                            ? TestPdfs.pages(false, true)
                            : ("notes " + uploader + "-" + i + " " + Api.uniqueWord()).getBytes(StandardCharsets.UTF_8);
                    String name = i % 4 == 0 ? "scan-" + uploader + "-" + i + ".pdf" : "notes.txt";
                    try {
                        HttpResponse<String> response = contributor.upload(new Api.Multipart().file(name, content));
                        if (response.statusCode() == 202) {
                            accepted.put(read(response).get("id").asText(), content);
                        }
                    } catch (RuntimeException refusedOrReset) {
                        // The server is gone: the power is off.
                        return;
                    }
                }
            });
        }
        awaitAcceptedAndSomeIndexed(contributor);
        long indexedAtTheCut = countIndexed(contributor);
        int acceptedAtTheCut = accepted.size();

        PortalProcess.powerCut(portal, postgresDirectory());
        cut.set(true);
        for (Thread uploader : uploaders) {
            uploader.join(Duration.ofSeconds(30));
        }
        startPortal();

        Api admin = admin();
        for (Map.Entry<String, byte[]> upload : accepted.entrySet()) {
            JsonNode status = admin.awaitStatus(
                    upload.getKey(),
                    s -> Set.of("indexed", "failed").contains(s.get("status").asText()),
                    Duration.ofSeconds(90));
            if (isPdf(upload.getValue())) {
                if (status.get("status").asText().equals("failed")) {
                    assertThat(status.get("failureReason").asText())
                            .as(status.toString())
                            .isNotBlank();
                }
            } else {
                assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("indexed");
            }
            assertThat(admin.getBytes("/api/documents/" + upload.getKey() + "/file")
                            .body())
                    .as("the stored bytes of %s", upload.getKey())
                    .isEqualTo(upload.getValue());
        }
        assertThat(indexedAtTheCut).as("cut during indexing, not after it").isLessThan(acceptedAtTheCut);
    }

    @Test
    @Order(2)
    void stopsThePostgresqlThatAKilledJvmLeftRunningAndStartsAgain() throws Exception {
        Api contributor = TestAccounts.contributor(url);
        byte[] content = Api.uniqueWord().getBytes(StandardCharsets.UTF_8);
        String last = contributor.uploadAccepted("last.txt", content, null);
        accepted.put(last, content);
        contributor.awaitIndexed(last);
        long postmaster = PortalProcess.postmaster(postgresDirectory())
                .orElseThrow(() -> new AssertionError("no PostgreSQL runs on " + postgresDirectory()))
                .pid();

        PortalProcess.killJvm(portal);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                .as("PostgreSQL outlives the JVM killed alone")
                .hasValue(true);
        Path log = startPortal();

        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive))
                .as("the leftover server was stopped")
                .isEmpty();
        assertThat(Files.readString(log))
                .contains("PostgreSQL (process " + postmaster + ") is still running on " + postgresDirectory()
                        + ", left by a portal process that ended without stopping it");
        Api admin = admin();
        assertThat(read(admin.get("/api/documents/" + last))
                        .at("/file/extractionStatus")
                        .asText())
                .isEqualTo("indexed");
    }

    @Test
    @Order(3)
    void leavesAnIndexThatPassesCheckIndexAndHoldsExactlyWhatPostgresqlCallsSearchable() throws Exception {
        Api admin = admin();
        // the jobs the restart found still due finish first: a document indexed after the list below was read would
        // be in the index and not in the list. OCR first, since a scan's OCR ends by queueing its indexing again (an
        // upload cut before its 202 is in no list of this test, yet the portal reads it).
        JsonNode all = admin.awaitJson("/api/documents?size=100", p -> true, Duration.ofSeconds(5));
        for (JsonNode item : all.get("items")) {
            admin.awaitStatus(
                    item.get("id").asText(),
                    s -> s.path("ocr").isNull()
                            || s.path("ocr").isMissingNode()
                            || s.at("/ocr/state").asText().equals("done"),
                    Duration.ofMinutes(2));
        }
        for (String processing : List.of("queued", "extracting")) {
            admin.awaitJson(
                    "/api/documents?size=1&processing=" + processing,
                    p -> p.get("totalItems").asInt() == 0,
                    Duration.ofMinutes(2));
        }
        Set<String> searchable = new HashSet<>();
        JsonNode page = admin.awaitJson(
                "/api/documents?processing=indexed&size=100",
                p -> p.get("totalItems").asInt() > 0,
                Duration.ofSeconds(5));
        page.get("items").forEach(item -> searchable.add(item.get("id").asText()));
        assertThat(page.get("totalItems").asInt()).isEqualTo(searchable.size());
        assertThat(searchable)
                .containsAll(accepted.keySet().stream()
                        .filter(id -> read(admin.get("/api/documents/" + id + "/status"))
                                .get("status")
                                .asText()
                                .equals("indexed"))
                        .collect(Collectors.toSet()));

        portal.destroy();
        assertThat(portal.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        try (FSDirectory directory = FSDirectory.open(data.resolve("index"));
                CheckIndex check = new CheckIndex(directory)) {
            assertThat(check.checkIndex().clean).isTrue();
        }
        try (PortalIndex index = PortalIndex.open(data.resolve("index"))) {
            assertThat(index.sources().stream().map(IndexedSource::id).collect(Collectors.toSet()))
                    .isEqualTo(searchable);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (portal != null && portal.isAlive()) {
            portal.destroy();
            if (!portal.waitFor(60, TimeUnit.SECONDS)) {
                PortalProcess.powerCut(portal, postgresDirectory());
            }
        }
        PortalProcess.postmaster(postgresDirectory()).ifPresent(ProcessHandle::destroy);
    }

    private Path startPortal() throws Exception {
        Path log = data.resolveSibling(data.getFileName() + "-portal-" + ++run + ".log");
        portal = PortalProcess.start(environment, log);
        PortalProcess.awaitReady(new Api(url), portal, log);
        return log;
    }

    private void awaitAcceptedAndSomeIndexed(Api contributor) {
        await(ACCEPTED_BEFORE_THE_CUT + " uploads accepted and one indexed")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> accepted.size() >= ACCEPTED_BEFORE_THE_CUT && countIndexed(contributor) > 0);
    }

    private static long countIndexed(Api api) {
        return read(api.get("/api/documents?processing=indexed&size=1"))
                .get("totalItems")
                .asLong();
    }

    private Api admin() {
        Api reader = new Api(url);
        return reader.as(TestAccounts.admin(reader));
    }

    private Path postgresDirectory() {
        return data.resolve("postgres");
    }

    private static boolean isPdf(byte[] content) {
        return content.length > 4 && content[0] == '%' && content[1] == 'P';
    }
}
