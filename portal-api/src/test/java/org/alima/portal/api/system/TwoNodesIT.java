package org.alima.portal.api.system;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.alima.portal.api.Api;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionDirectory;
import org.alima.portal.api.documents.TestDocuments;
import org.alima.portal.opensearch.OpenSearchNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two portal nodes, as a load balancer would spread requests over them: two servers (application contexts of their
 * own, with the production configuration) started together on one empty PostgreSQL database, sharing a files
 * directory, each with a data directory of its own. Whatever node answers, a reader gets the same portal.
 *
 * <p>The search engine is one real OpenSearch node ({@link OpenSearchNode}) that both portal nodes use, as several
 * nodes must (an embedded index cannot be shared): a document uploaded through one node and published through the
 * other is found through both ({@link #assertFoundThroughBoth}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OpenSearchNode.class)
class TwoNodesIT {

    @TempDir
    static Path directory;

    private Node one;
    private Node two;

    private URI cluster;

    /** The search engine both nodes use: the test run's OpenSearch node, under an index prefix of this test's own. */
    private Map<String, Object> search() {
        return Map.of("portal.search.url", cluster.toString(), "portal.search.index-prefix", "two-nodes");
    }

    /** One portal process: its context and server. */
    private record Node(ApplicationContext context, EmbeddedServer server, Path dataDirectory) {

        Api api() {
            return new Api(server.getURI());
        }

        void stop() {
            server.stop();
            context.close();
        }
    }

    @BeforeAll
    void startBothAtOnce(OpenSearchNode.Running node) {
        cluster = node.url();
        Map<String, Object> database = TestDatabase.newDatabaseProperties();
        // Started together: both run the migrations (one waits for Flyway's lock), both find no administrator and
        // try to create the first one, both look for the shared signing secret.
        CompletableFuture<Node> first = CompletableFuture.supplyAsync(() -> start("one", database));
        CompletableFuture<Node> second = CompletableFuture.supplyAsync(() -> start("two", database));
        one = first.join();
        two = second.join();
    }

    private Node start(String name, Map<String, Object> database) {
        Path data = directory.resolve(name);
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("portal.data-dir", data.toString());
        properties.put("portal.files-dir", directory.resolve("shared-files").toString());
        properties.put("micronaut.server.port", -1);
        properties.put("portal.accounts.first-admin.email", TestAccounts.ADMIN_EMAIL);
        properties.put("portal.accounts.first-admin.password", TestAccounts.ADMIN_PASSWORD);
        properties.put("portal.semantic.enabled", "off");
        properties.put("portal.ocr.enabled", "false");
        properties.put("portal.indexing.poll-interval", "100ms");
        properties.put("portal.collections.reload-interval", "200ms");
        properties.put("logger.levels.root", "WARN");
        properties.putAll(search());
        // The production configuration (no application-test.yml): no signing secret configured, the nodes share the
        // one the first of them stores in PostgreSQL.
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(properties)
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return new Node(context, server, data);
    }

    @AfterAll
    void stopBoth() {
        for (Node node : new Node[] {one, two}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SigningIn {

        @Test
        void aTokenIssuedByOneNodeIsGoodOnTheOther() {
            HttpResponse<String> signedIn = signIn(one.api(), TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
            String access = read(signedIn).path("access_token").asText();

            HttpResponse<String> me = two.api().as(access).get("/api/account");

            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(read(me).path("email").asText()).isEqualTo(TestAccounts.ADMIN_EMAIL);
        }

        @Test
        void aRefreshTokenIssuedByOneNodeIsRenewedByTheOtherOnce() {
            HttpResponse<String> signedIn = signIn(one.api(), TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
            String refresh = read(signedIn).path("refresh_token").asText();

            HttpResponse<String> renewed = refresh(two.api(), refresh);
            HttpResponse<String> replayed = refresh(one.api(), refresh);

            assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
            assertThat(read(renewed).path("access_token").asText()).isNotBlank();
            assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(400);
        }

        @Test
        void failuresAreCountedWhicheverNodeTheyReach() {
            TestAccounts.Account account = TestAccounts.create(one.api(), "contributor");
            for (int i = 0; i < 5; i++) {
                Api node = i % 2 == 0 ? one.api() : two.api();
                HttpResponse<String> wrong = signIn(node, account.email(), "not the password " + i);
                assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
            }

            // Three failures reached one node and two the other: the sixth attempt is refused by both, even with the
            // right password.
            assertProblem(signIn(one.api(), account.email(), TestAccounts.PASSWORD), 429, "too-many-attempts");
            assertProblem(signIn(two.api(), account.email(), TestAccounts.PASSWORD), 429, "too-many-attempts");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Documents {

        @Test
        void uploadedThroughOneNodePublishedThroughTheOtherServedByBoth() throws IOException {
            String word = Api.uniqueWord();
            byte[] text = ("Two nodes, one portal: " + word + " is the word of this test.\n")
                    .getBytes(StandardCharsets.UTF_8);
            Api contributor = TestAccounts.contributor(one.api().base());
            Api curator = two.api().as(TestAccounts.create(two.api(), "curator").token());

            String id = contributor.uploadAccepted("two-nodes.txt", text, "{\"title\": \"Uploaded to node one\"}");
            TestDocuments.publish(curator, id);

            for (Node node : List.of(one, two)) {
                Api reader = node.api();
                JsonNode document = read(reader.get("/api/documents/" + id));
                assertThat(document.path("status").asText())
                        .as(document.toString())
                        .isEqualTo("published");
                HttpResponse<byte[]> file = reader.getBytes("/api/documents/" + id + "/file");
                assertThat(file.statusCode()).isEqualTo(200);
                assertThat(file.body()).isEqualTo(text);
            }
            assertStoredInTheSharedDirectoryOnly();
            assertFoundThroughBoth(word, id);
        }

        /** The file is in the shared files directory; a node's data directory holds no stored file of its own. */
        private void assertStoredInTheSharedDirectoryOnly() throws IOException {
            Path shared = directory.resolve("shared-files");
            try (Stream<Path> stored = Files.walk(shared)) {
                assertThat(stored.filter(Files::isRegularFile)).isNotEmpty();
            }
            for (Node node : List.of(one, two)) {
                try (Stream<Path> own = Files.walk(node.dataDirectory().resolve("files"))) {
                    assertThat(own.filter(Files::isRegularFile)
                                    .filter(path -> !path.toString().contains(".incoming")))
                            .isEmpty();
                }
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Collections {

        /**
         * What search on the other node hides: its directory of collections, which search asks without the database,
         * follows the change within its reload interval.
         */
        @Test
        void aCollectionMadePrivateOnOneNodeIsHiddenFromTheOthersReaders() {
            Api curator = one.api().as(TestAccounts.create(one.api(), "curator").token());
            String slug = "two-nodes-" + UUID.randomUUID().toString().substring(0, 8);
            CollectionDirectory seenByTwo = two.context().getBean(CollectionDirectory.class);
            HttpResponse<String> created = curator.json(
                    "POST",
                    "/api/collections",
                    String.format(
                            Locale.ROOT,
                            "{\"slug\": \"%s\", \"title\": {\"en\": \"Two nodes\"}, \"visibility\": \"public\"}",
                            slug));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            await("node two knowing the new public collection")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> seenByTwo.isVisibleTo(slug, Viewer.ANONYMOUS));

            HttpResponse<String> closed = curator.json(
                    "PUT",
                    "/api/collections/" + slug,
                    "{\"title\": {\"en\": \"Two nodes\"}, \"visibility\": \"private\"}");
            assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);

            await("node two hiding the collection made private on node one")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !seenByTwo.isVisibleTo(slug, Viewer.ANONYMOUS));
        }
    }

    /**
     * Ready for a shared search cluster: a published document is found through either node, whichever indexed it.
     * Not reachable with the embedded index, which each node keeps to itself.
     */
    private void assertFoundThroughBoth(String word, String id) {
        for (Node node : List.of(one, two)) {
            await("found through " + node.server().getURI())
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> node.api().finds(word, id));
        }
    }

    private static HttpResponse<String> signIn(Api node, String email, String password) {
        return node.anonymous()
                .json(
                        "POST",
                        "/api/auth/login",
                        String.format(Locale.ROOT, "{\"username\": \"%s\", \"password\": \"%s\"}", email, password));
    }

    private static HttpResponse<String> refresh(Api node, String refreshToken) {
        return node.anonymous()
                .json(
                        "POST",
                        "/api/auth/token",
                        "{\"grant_type\": \"refresh_token\", \"refresh_token\": \"" + refreshToken + "\"}");
    }
}
