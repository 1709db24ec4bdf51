package org.alima.portal.api.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.alima.portal.api.Api;
import org.alima.portal.api.Application;
import org.alima.portal.api.PortalProcess;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.TestPdfs;
import org.alima.portal.api.system.Portal;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal process killed (SIGKILL: no shutdown hook, no close, no last commit) while it indexes: a real crash of
 * a real process, the database outliving it as a separate server does.
 */
class IndexCrashIT {

    private static final int DOCUMENTS = 16;

    @Test
    void indexesEveryAcceptedUploadAfterAKillDuringIndexingAndLeavesAnIndexThatPassesCheckIndex(@TempDir Path data)
            throws Exception {
        Map<String, String> environment = TestDatabase.portalEnvironment(data);
        String word = Api.uniqueWord();
        List<String> accepted = new ArrayList<>();
        Path log = data.resolve("killed-portal.log");
        Process portal = PortalProcess.start(environment, log);
        try {
            URI url = URI.create("http://localhost:" + environment.get("PORTAL_PORT") + "/");
            PortalProcess.awaitReady(new Api(url), portal, log);
            Api api = TestAccounts.contributor(url);
            for (int i = 0; i < DOCUMENTS; i++) {
                accepted.add(api.uploadAccepted(
                        i % 4 == 0 ? "scan" + i + ".pdf" : "notes" + i + ".txt",
                        i % 4 == 0 ? mixedPdf() : ("notes " + word + " " + i).getBytes(StandardCharsets.UTF_8),
                        "{\"topics\": [\"" + word + "\"]}"));
            }
            awaitFirstIndexed(environment);
        } finally {
            portal.destroyForcibly();
            assertThat(portal.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        int indexedAtKill = indexedCount(environment);
        assertThat(indexedAtKill).as("killed during indexing, not after it").isBetween(1, DOCUMENTS - 1);

        try (Portal restarted = Portal.start(Application.class, environment)) {
            // An admin sees every document, drafts of the contributor of the first run included.
            Api reader = new Api(restarted.url());
            Api api = reader.as(TestAccounts.admin(reader));
            accepted.forEach(api::awaitIndexed);
            HttpResponse<String> search = api.get("/api/search?size=100&fields=id&topic=" + word);
            assertThat(Api.read(search).get("total").asInt()).isEqualTo(DOCUMENTS);
        }
        try (FSDirectory directory = FSDirectory.open(data.resolve("index"));
                CheckIndex check = new CheckIndex(directory)) {
            assertThat(check.checkIndex().clean).isTrue();
        }
    }

    /** A page of text and a scan: extraction takes a little longer, so that the kill finds work in progress. */
    private static byte[] mixedPdf() {
        return TestPdfs.pages(false, true, false, true);
    }

    private static void awaitFirstIndexed(Map<String, String> environment) {
        await("a first document indexed")
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> indexedCount(environment) > 0);
    }

    private static int indexedCount(Map<String, String> environment) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        environment.get("PORTAL_DB_URL"),
                        environment.get("PORTAL_DB_USER"),
                        environment.get("PORTAL_DB_PASSWORD"));
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM document_files WHERE extraction_status = 'indexed'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
