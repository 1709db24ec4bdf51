package org.alima.portal.api.system;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.alima.portal.api.Api;
import org.alima.portal.api.Application;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portal as {@code ./portal} starts it: from environment variables, each test with PostgreSQL of its own. */
class PortalRestartIT {

    @Test
    void keepsDocumentsAndFilesAcrossARestartOnTheSameDataDirectory(@TempDir Path dataDirectory) {
        Map<String, String> environment = Map.of(
                "PORTAL_DATA_DIR", dataDirectory.toString(),
                "PORTAL_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_EMBEDDED_DB_PORT", String.valueOf(TestDatabase.freePort()));
        byte[] pdf = Api.uniquePdf("fda-guidance-excerpt-2.pdf");
        String id;
        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());
            id = api.uploadAccepted("guidance.pdf", pdf, "{\"title\": \"Before the restart\"}");
            api.awaitStatus(id, s -> s.get("jobState").asText().equals("done"), Duration.ofSeconds(30));
        }
        assertThat(dataDirectory.resolve("postgres").resolve("PG_VERSION")).exists();

        try (Portal portal = Portal.start(Application.class, environment)) {
            // An admin, who sees the draft that the contributor of the first run left.
            Api reader = new Api(portal.url());
            Api api = reader.as(TestAccounts.admin(reader));
            JsonNode document = read(api.get("/api/documents/" + id));
            assertThat(document.get("title").asText()).isEqualTo("Before the restart");
            assertThat(document.at("/file/extractionStatus").asText()).isEqualTo("indexed");
            assertThat(document.at("/file/pageCount").asInt()).isEqualTo(3);
            assertThat(api.getBytes("/api/documents/" + id + "/file").body()).isEqualTo(pdf);
        }
    }

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsDownAndServesAgainOnceItIsBack(@TempDir Path directory) {
        Path postgres = directory.resolve("postgres");
        int databasePort = TestDatabase.freePort();
        EmbeddedDatabase database = EmbeddedDatabase.start(postgres, databasePort);
        Map<String, String> environment = TestDatabase.portalEnvironment(directory.resolve("data"), database);
        try (Portal portal = Portal.start(Application.class, environment)) {
            Api api = TestAccounts.contributor(portal.url());
            String id = api.uploadAccepted("a.txt", text(), null);

            database.close();
            HttpResponse<String> write = api.upload(new Api.Multipart().file("b.txt", text()));
            HttpResponse<String> read = api.get("/api/documents/" + id);

            assertProblem(write, 503, "database-unavailable");
            assertThat(write.headers().firstValue("Retry-After")).hasValue("5");
            assertProblem(read, 503, "database-unavailable");
            assertThat(api.get("/health").statusCode()).isEqualTo(503);

            database = EmbeddedDatabase.start(postgres, databasePort);
            assertThat(awaitOk(api, "/api/documents/" + id).get("id").asText()).isEqualTo(id);
        } finally {
            database.close();
        }
    }

    private static JsonNode awaitOk(Api api, String path) {
        AtomicReference<JsonNode> answer = new AtomicReference<>();
        await("GET " + path + " answered once the database is back")
                .atMost(Duration.ofSeconds(20))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<String> response = api.get(path);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    answer.set(read(response));
                });
        return answer.get();
    }

    private static byte[] text() {
        return ("text " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    }
}
