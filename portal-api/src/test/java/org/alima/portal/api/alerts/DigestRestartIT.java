package org.alima.portal.api.alerts;

import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.Application;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.documents.TestDocuments;
import org.alima.portal.api.system.Portal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digests' schedule and what they sent live in the database: a portal started again on it sends what is due, and
 * never again what it sent before the restart. The portal's own worker sends them (polling every 200 ms), to a real
 * SMTP server.
 */
class DigestRestartIT {

    @Test
    void aRestartedPortalSendsWhatIsDueAndNothingTwice(@TempDir Path directory) throws Exception {
        try (Mailbox mailbox = new Mailbox()) {
            Map<String, String> environment = new HashMap<>(TestDatabase.portalEnvironment(directory.resolve("data")));
            environment.putAll(mailbox.environment());
            environment.put("PORTAL_ALERTS_POLL_INTERVAL", "200ms");
            String word = Api.uniqueWord();
            TestAccounts.Account owner;
            String savedId;
            String first;
            try (Portal portal = Portal.start(Application.class, environment)) {
                Api anonymous = new Api(portal.url());
                Api admin = anonymous.as(TestAccounts.admin(anonymous));
                owner = TestAccounts.create(anonymous, "contributor");
                HttpResponse<String> saved = anonymous
                        .as(owner.token())
                        .json(
                                "POST",
                                "/api/account/saved-searches",
                                "{\"name\": \"Restart\", \"q\": \"" + word + "\", \"frequency\": \"daily\","
                                        + " \"language\": \"en\"}");
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
                savedId = read(saved).get("id").asText();
                first = TestDocuments.published(admin, admin, "Before the restart " + word, metadata("Before", word));
                makeDue(environment, savedId);
                awaitMails(mailbox, owner.email(), 1);
                assertThat(mailbox.to(owner.email()).get(0).body()).contains("/documents/" + first);
                assertThat(mailbox.to(owner.email()).get(0).subject()).contains("1 new publication", "Restart");
            }

            try (Portal portal = Portal.start(Application.class, environment)) {
                Api anonymous = new Api(portal.url());
                Api admin = anonymous.as(TestAccounts.admin(anonymous));
                String second =
                        TestDocuments.published(admin, admin, "After the restart " + word, metadata("After", word));
                makeDue(environment, savedId);
                awaitMails(mailbox, owner.email(), 2);
                assertThat(mailbox.to(owner.email()).get(1).body())
                        .contains("/documents/" + second)
                        .doesNotContain("/documents/" + first);
                // Due again: nothing new to tell, so nothing is sent.
                makeDue(environment, savedId);
                await("the due search run").atMost(Duration.ofSeconds(10)).until(() -> !isDue(environment, savedId));
                assertThat(mailbox.to(owner.email())).hasSize(2);
            }
        }
    }

    private static String metadata(String title, String word) {
        return String.format(Locale.ROOT, """
                {"title": "%s %s", "type": "report", "language": "en", "abstract": "About %s.",
                 "authors": [{"name": "Diallo, Aminata"}], "publicationDate": "2024-03-31",
                 "countries": ["ML"], "topics": ["malnutrition"], "license": "CC-BY-4.0"}
                """, title, word, word);
    }

    private static void awaitMails(Mailbox mailbox, String address, int count) {
        await("digest number " + count + " received")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> mailbox.to(address).size() >= count);
        assertThat(mailbox.to(address)).hasSize(count);
    }

    /** Moves the search's next digest to now, as if its day had come. */
    private static void makeDue(Map<String, String> environment, String savedId) throws SQLException {
        try (Connection connection = connect(environment);
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE saved_searches SET next_run_at = now() WHERE id = ?::uuid")) {
            statement.setString(1, savedId);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static boolean isDue(Map<String, String> environment, String savedId) throws SQLException {
        try (Connection connection = connect(environment);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT next_run_at <= now() FROM saved_searches WHERE id = ?::uuid")) {
            statement.setString(1, savedId);
            var rows = statement.executeQuery();
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static Connection connect(Map<String, String> environment) throws SQLException {
        return DriverManager.getConnection(
                environment.get("PORTAL_DB_URL"),
                environment.get("PORTAL_DB_USER"),
                environment.get("PORTAL_DB_PASSWORD"));
    }
}
