package org.alima.portal.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalProcess;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backup} and {@code restore} as an operator runs them: a portal in its own process on the embedded PostgreSQL,
 * filled with real PDFs and notes, backed up while uploads go on, restored into a new data directory and started
 * there; it must hold the same documents, the same bytes and answer the same searches. Then the refusals: a data
 * directory that is not empty, a backup with a changed byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreIT {

    private static final Logger LOG = LoggerFactory.getLogger(BackupRestoreIT.class);

    private static final List<String> QUERIES = List.of("cholera", "vaccination", "paludisme", "protocol", "data");

    @TempDir
    static Path root;

    private final List<Process> portals = new ArrayList<>();
    private Path backup;

    @Test
    @Order(1)
    void aBackupTakenWhileUploadsGoOnRestoresTheSameDocumentsFilesAndSearches() throws Exception {
        Map<String, String> original = environment(root.resolve("data"));
        Api admin = start(original, "original");
        Map<String, byte[]> before = new LinkedHashMap<>();
        String[] notes = {
            "Cholera treatment centre: cholera cholera cholera, oral rehydration and vaccination of contacts.",
            "Vaccination campaign protocol for measles; cholera vaccination in camps.",
            "Paludisme : prise en charge du paludisme grave chez l'enfant, protocol national.",
            "Data quality of the surveillance data in district hospitals; paludisme cases.",
            "Protocol protocol for water, sanitation and hygiene after floods."
        };
        for (int i = 0; i < notes.length; i++) {
            byte[] content = notes[i].getBytes(StandardCharsets.UTF_8);
            before.put(admin.uploadAccepted("note-" + i + ".txt", content, null), content);
        }
        for (String pdf : List.of("data-in-brief-2019-page.pdf", "fda-guidance-excerpt-2.pdf")) {
            byte[] content = Api.uniquePdf(pdf);
            before.put(admin.uploadAccepted(pdf, content, null), content);
        }
        before.keySet().forEach(admin::awaitIndexed);
        Map<String, JsonNode> documents = new HashMap<>();
        before.keySet().forEach(id -> documents.put(id, Api.read(admin.get("/api/documents/" + id))));
        Map<String, List<String>> searches = new HashMap<>();
        QUERIES.forEach(query -> searches.put(query, search(admin, query)));
        assertThat(searches.values()).allSatisfy(hits -> assertThat(hits).isNotEmpty());

        // Uploads go on during the backup, each with words no query above finds.
        Map<String, byte[]> during = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread uploader = Thread.ofVirtual().name("uploader").start(() -> {
            while (!stop.get()) {
                byte[] content = ("meanwhile " + Api.uniqueWord()).getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> response = admin.upload(new Api.Multipart().file("meanwhile.txt", content));
                if (response.statusCode() == 202) {
                    during.put(Api.read(response).get("id").asText(), content);
                }
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> during.size() >= 2);
        int acceptedBeforeBackup = during.size();
        backup = root.resolve("backup");
        long started = System.nanoTime();
        Output backedUp = run(original, "backup", "--to", backup.toString());
        LOG.info("{} ({} ms)", backedUp.out().strip(), (System.nanoTime() - started) / 1_000_000);
        int acceptedAfterBackup = during.size();
        stop.set(true);
        uploader.join(Duration.ofSeconds(30));
        assertThat(backedUp.status()).as(backedUp.toString()).isZero();
        assertThat(backedUp.out()).contains("Backed up", "embedded PostgreSQL (base backup");
        assertThat(acceptedAfterBackup).as("uploads went on during the backup").isGreaterThan(acceptedBeforeBackup);
        assertThat(backup.resolve(Checksums.FILE)).isRegularFile();
        assertThat(backup.resolve("postgres/backup_label")).isRegularFile();
        assertThat(backup.resolve("index")).doesNotExist();

        Map<String, String> restoredEnvironment = environment(root.resolve("restored"));
        started = System.nanoTime();
        Output restored = run(restoredEnvironment, "restore", "--from", backup.toString());
        LOG.info("{} ({} ms)", restored.out().strip(), (System.nanoTime() - started) / 1_000_000);
        assertThat(restored.status()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains("checksums verified");
        Api restoredAdmin = start(restoredEnvironment, "restored");

        for (Map.Entry<String, byte[]> upload : before.entrySet()) {
            String id = upload.getKey();
            assertThat(Api.read(restoredAdmin.get("/api/documents/" + id))).isEqualTo(documents.get(id));
            assertThat(sha256(restoredAdmin
                            .getBytes("/api/documents/" + id + "/file")
                            .body()))
                    .isEqualTo(sha256(upload.getValue()));
        }
        // Every document restored has its file, those uploaded during the backup included.
        JsonNode all = Api.read(restoredAdmin.get("/api/documents?size=100"));
        assertThat(all.get("totalItems").asInt()).isBetween(before.size(), before.size() + during.size());
        for (JsonNode item : all.get("items")) {
            String id = item.get("id").asText();
            byte[] sent = before.containsKey(id) ? before.get(id) : during.get(id);
            assertThat(sent).as("document %s was uploaded by this test", id).isNotNull();
            assertThat(restoredAdmin.getBytes("/api/documents/" + id + "/file").body())
                    .isEqualTo(sent);
        }
        // The index is rebuilt from the restored database and files at the first start.
        for (String query : QUERIES) {
            await("the same results for " + query + " once the index is rebuilt")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    // the same hits; copies of one PDF score alike, and the rebuilt index may list them in another
                    // order (Lucene breaks ties by its internal document number)
                    .untilAsserted(() -> assertThat(search(restoredAdmin, query))
                            .containsExactlyInAnyOrderElementsOf(searches.get(query)));
        }
    }

    @Test
    @Order(2)
    void restoreRefusesADataDirectoryThatIsNotEmpty() throws Exception {
        Path data = root.resolve("occupied");
        Files.createDirectories(data);
        Files.writeString(data.resolve("something.txt"), "kept");

        Output output = run(environment(data), "restore", "--from", backup.toString());

        assertThat(output.status()).isEqualTo(1);
        assertOneLine(output.err());
        assertThat(output.err()).contains("is not empty");
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left.toList()).containsExactly(data.resolve("something.txt"));
        }
    }

    @Test
    @Order(3)
    void restoreRefusesABackupWithAChangedByteAndWritesNothing() throws Exception {
        Path stored;
        try (Stream<Path> files = Files.walk(backup.resolve("files"))) {
            stored = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 1;
        Files.write(stored, bytes);
        Path data = root.resolve("fresh");

        Output output = run(environment(data), "restore", "--from", backup.toString());

        assertThat(output.status()).isEqualTo(1);
        assertOneLine(output.err());
        assertThat(output.err()).contains("damaged", Checksums.relative(backup, stored), "does not match its SHA-256");
        assertThat(DataDirectory.isEmpty(data)).isTrue();
    }

    @AfterAll
    void stopPortals() throws Exception {
        for (Process portal : portals) {
            portal.destroy();
            if (!portal.waitFor(60, TimeUnit.SECONDS)) {
                portal.destroyForcibly();
            }
        }
    }

    private static void assertOneLine(String err) {
        assertThat(err.strip().lines()).as(err).hasSize(1);
        assertThat(err).doesNotContain("Exception", "\tat ");
    }

    private static List<String> search(Api api, String query) {
        JsonNode hits = Api.read(api.get("/api/search?size=50&fields=id&q=" + Api.encode(query)))
                .get("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private Api start(Map<String, String> environment, String name) throws Exception {
        Path log = root.resolve(name + ".log");
        Process portal = PortalProcess.start(environment, log);
        portals.add(portal);
        Api anonymous = new Api(URI.create("http://localhost:" + environment.get("PORTAL_PORT") + "/"));
        PortalProcess.awaitReady(anonymous, portal, log);
        return anonymous.as(TestAccounts.admin(anonymous));
    }

    private static Map<String, String> environment(Path data) {
        return Map.of(
                "PORTAL_DATA_DIR", data.toString(),
                "PORTAL_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_EMBEDDED_DB_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_ADMIN_EMAIL", TestAccounts.ADMIN_EMAIL,
                "PORTAL_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
    }

    private static Output run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AdminCommands.run(args, environment, null, new PrintWriter(out), new PrintWriter(err));
        return new Output(status, out.toString(), err.toString());
    }

    private record Output(int status, String out, String err) {}

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
