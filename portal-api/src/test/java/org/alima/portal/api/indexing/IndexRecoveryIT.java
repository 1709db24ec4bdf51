package org.alima.portal.api.indexing;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.encode;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.alima.portal.api.Api;
import org.alima.portal.api.Application;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.documents.TestDocuments;
import org.alima.portal.api.system.EmbeddedDatabase;
import org.alima.portal.api.system.Portal;
import org.alima.portal.indexer.index.PortalIndex;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index after what jobs alone cannot cover: a lost or outdated index directory, changes PostgreSQL committed
 * while the index was not updated, and PostgreSQL itself down. Each test runs the portal as {@code ./portal} does, on
 * a database and data directory of its own, and restarts it.
 */
class IndexRecoveryIT {

    private static final Duration REPAIR = Duration.ofSeconds(60);

    @Test
    void rebuildsADeletedIndexDirectoryFromTheDatabaseAndTheStoredFilesAtStartup(@TempDir Path data)
            throws IOException {
        Map<String, String> environment = TestDatabase.portalEnvironment(data);
        String word = uniqueWord();
        String pdf;
        String text;
        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());
            pdf = api.uploadAccepted(
                    "tutoriel.pdf",
                    Api.uniquePdf("sante-psy-tutoriel-choruspro.pdf"),
                    "{\"topics\": [\"" + word + "\"]}");
            text = api.uploadAccepted("notes.txt", ("notes " + word).getBytes(StandardCharsets.UTF_8), null);
            publish(api, pdf, text);
        }

        deleteRecursively(data.resolve("index"));

        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());
            JsonNode found = api.awaitJson(
                    "/api/search?q=" + word, page -> page.get("total").asLong() == 2, REPAIR);
            JsonNode index = api.as(TestAccounts.admin(api))
                    .awaitJson(
                            "/api/index",
                            status -> status.at("/rebuild/state").asText().equals("done"),
                            REPAIR);
            JsonNode page = read(api.get("/api/search?q=" + encode("ligne TVA correcte") + "&topic=" + word));

            assertThat(found.toString()).contains(pdf).contains(text);
            assertThat(index.at("/rebuild/reason").asText()).isEqualTo("no index was found on disk");
            assertThat(index.get("documents").asLong()).isEqualTo(2);
            assertThat(page.at("/hits/0/pages/0/page").asInt())
                    .as("pages survive the rebuild")
                    .isEqualTo(4);
            assertThat(read(api.get("/api/documents/" + pdf + "/status"))
                            .get("status")
                            .asText())
                    .isEqualTo("indexed");
        }
    }

    @Test
    void rebuildsAnIndexOfAnOlderSchemaAtStartupAndIndexesNewUploadsOnceItIsSwappedIn(@TempDir Path data)
            throws IOException {
        Map<String, String> environment = TestDatabase.portalEnvironment(data);
        String word = uniqueWord();
        String before;
        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());
            before = api.uploadAccepted("before.txt", ("before " + word).getBytes(StandardCharsets.UTF_8), null);
            publish(api, before);
        }
        // What an index written by an earlier release looks like: its commits record schema version 0.
        try (FSDirectory directory = FSDirectory.open(data.resolve("index"));
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            writer.setLiveCommitData(Map.of("portal.schema.version", "0").entrySet());
            writer.commit();
        }

        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());
            String after = api.uploadAccepted("after.txt", ("after " + word).getBytes(StandardCharsets.UTF_8), null);

            api.awaitIndexed(after);
            JsonNode index = read(api.as(TestAccounts.admin(api)).get("/api/index"));
            assertThat(index.get("needsRebuild").asBoolean()).isFalse();
            assertThat(index.at("/rebuild/reason").asText()).contains("older schema");
            assertThat(api.finds(word, before)).isTrue();
            assertThat(api.finds(word, after)).isTrue();
        }
    }

    @Test
    void repairsAtStartupWhatTheDatabaseChangedWhileTheIndexWasNotUpdated(@TempDir Path data) throws Exception {
        Map<String, String> environment = TestDatabase.portalEnvironment(data);
        String word = uniqueWord();
        String unindexQueued;
        String jobsLost;
        String commitLost;
        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());
            unindexQueued = upload(api, word);
            jobsLost = upload(api, word);
            commitLost = upload(api, word);
            publish(api, unindexQueued, jobsLost, commitLost);
        }
        try (Connection db = connect(environment)) {
            // A deletion committed with its unindex job, the process stopped before the job ran.
            execute(db, "DELETE FROM index_jobs WHERE document_id = ?::uuid", unindexQueued);
            execute(db, "DELETE FROM documents WHERE id = ?::uuid", unindexQueued);
            execute(db, "INSERT INTO index_jobs (document_id, kind) VALUES (?::uuid, 'unindex')", unindexQueued);
            // A deletion whose jobs were lost altogether (by hand, or a restored backup of the database).
            execute(db, "DELETE FROM index_jobs WHERE document_id = ?::uuid", jobsLost);
            execute(db, "DELETE FROM documents WHERE id = ?::uuid", jobsLost);
        }
        // A document PostgreSQL calls indexed that the index lost (a restored backup of the index).
        try (PortalIndex index = PortalIndex.open(data.resolve("index"))) {
            index.delete(commitLost);
        }

        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());

            String onlyTheSurvivor = commitLost;
            api.awaitJson(
                    "/api/search?fields=id&q=" + word,
                    page -> page.get("total").asLong() == 1
                            && page.at("/hits/0/id").asText().equals(onlyTheSurvivor),
                    REPAIR);
            assertThat(api.finds(word, commitLost)).isTrue();
            assertThat(api.finds(word, unindexQueued)).isFalse();
            assertThat(api.finds(word, jobsLost)).isFalse();
        }
    }

    @Test
    void answersSearchesFromTheIndexWhilePostgresqlIsDown(@TempDir Path directory) {
        int databasePort = TestDatabase.freePort();
        EmbeddedDatabase database = EmbeddedDatabase.start(directory.resolve("postgres"), databasePort);
        Map<String, String> environment = TestDatabase.portalEnvironment(directory.resolve("data"), database);
        boolean databaseRunning = true;
        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());
            String word = uniqueWord();
            String id = api.uploadAccepted(
                    "guide.txt",
                    ("guide " + word).getBytes(StandardCharsets.UTF_8),
                    "{\"title\": \"Guide " + word + "\"}");
            api.awaitIndexed(id);
            Api admin = api.as(TestAccounts.admin(api));

            database.close();
            databaseRunning = false;
            HttpResponse<String> search = api.get("/api/search?q=" + word);
            HttpResponse<String> suggest = api.get("/api/search/suggest?q=" + word.substring(0, 6));
            HttpResponse<String> stats = admin.get("/api/index");

            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThat(read(search).at("/hits/0/id").asText()).isEqualTo(id);
            assertThat(suggest.statusCode()).isEqualTo(200);
            assertThat(read(suggest).toString()).contains(id);
            assertThat(stats.statusCode()).isEqualTo(200);
            assertProblem(api.get("/api/documents/" + id), 503, "database-unavailable");
        } finally {
            if (databaseRunning) {
                database.close();
            }
        }
    }

    private static String upload(Api api, String word) {
        return api.uploadAccepted(
                "notes.txt", ("notes " + word + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * Has an admin publish the documents and waits until search shows them to everyone: the portal started again is
     * searched by other accounts than the one that uploaded them.
     */
    private static void publish(Api api, String... ids) {
        Api admin = api.as(TestAccounts.admin(api));
        for (String id : ids) {
            TestDocuments.publish(admin, id);
        }
        for (String id : ids) {
            TestDocuments.awaitSearchable(admin, id);
        }
    }

    private static Connection connect(Map<String, String> environment) throws SQLException {
        return DriverManager.getConnection(
                environment.get("PORTAL_DB_URL"),
                environment.get("PORTAL_DB_USER"),
                environment.get("PORTAL_DB_PASSWORD"));
    }

    private static void execute(Connection db, String sql, String id) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
