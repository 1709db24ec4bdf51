package org.alima.portal.api.search;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.indexer.engine.SearchEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The portal while its search engine cannot be reached: the real embedded index behind a switch ({@link
 * SwitchedEngine}) that makes every call fail as an unreachable cluster does.
 */
@MicronautTest
@Property(name = "test.search-engine.switched", value = "true")
class SearchEngineUnavailableIT extends PortalTest {

    @Inject
    SearchEngine engine;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private SwitchedEngine switched() {
        assertThat(engine).isInstanceOf(SwitchedEngine.class);
        return (SwitchedEngine) engine;
    }

    @AfterEach
    void switchBackOn() {
        switched().switchOn();
    }

    @Test
    void answers503WithTheEnginesRetryAfterOnEveryRouteThatSearches() {
        String word = Api.uniqueWord();
        String id = api.uploadAccepted("notes.txt", ("notes " + word).getBytes(StandardCharsets.UTF_8), null);
        api.awaitIndexed(id);

        switched().switchOff();

        for (String path : new String[] {
            "/api/search?q=" + word,
            "/api/search/suggest?q=" + word.substring(0, 5),
            "/api/documents/" + id + "/related",
            "/api/documents/" + id + "/pages/1",
            "/api/search/pack?q=" + word,
            "/feeds/search?q=" + word
        }) {
            HttpResponse<String> response = api.get(path);
            JsonNode problem = assertProblem(response, 503, "search-unavailable");
            assertThat(response.headers().firstValue("Retry-After"))
                    .as(path)
                    .contains(Long.toString(SwitchedEngine.RETRY_AFTER.toSeconds()));
            assertThat(problem.get("detail").asText()).as(path).contains("retry in");
        }
        HttpResponse<String> french = api.get("/api/search?q=" + word, "Accept-Language", "fr");
        assertThat(assertProblem(french, 503, "search-unavailable")
                        .get("detail")
                        .asText())
                .contains("réessayez");

        switched().switchOn();
        assertThat(api.finds(word, id)).isTrue();
    }

    @Test
    void acceptsUploadsWhileTheEngineIsDownAndIndexesThemOnceItIsBack() {
        switched().switchOff();
        String word = Api.uniqueWord();

        String id = api.uploadAccepted("notes.txt", ("notes " + word).getBytes(StandardCharsets.UTF_8), null);

        // Several polls of the worker: the job waits, untried, the document neither failed nor searchable.
        await("the job waiting for the engine")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> job(id).state().equals("pending") && job(id).attempts() == 0);
        assertThat(status(id)).isNotIn("failed", "indexed");

        switched().switchOn();

        api.awaitIndexed(id);
        assertThat(api.finds(word, id)).isTrue();
        assertThat(job(id).attempts()).isEqualTo(1);
    }

    @Test
    void putsAJobBackUntriedWhenTheEngineRefusesItsWriteAndIndexesItOnceTheEngineIsBack() {
        switched().refuseWrites();
        String word = Api.uniqueWord();

        String id = api.uploadAccepted("notes.txt", ("notes " + word).getBytes(StandardCharsets.UTF_8), null);

        await("the worker finding the engine unavailable")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> job(id).lastError() != null && job(id).state().equals("pending"));
        Job waiting = job(id);
        assertThat(waiting.lastError()).contains("search engine is unavailable");
        assertThat(waiting.attempts()).as("the failed try is not counted").isZero();
        assertThat(status(id)).isNotIn("failed", "indexed");

        switched().switchOn();

        api.awaitIndexed(id);
        assertThat(api.finds(word, id)).isTrue();
        assertThat(job(id).attempts()).as("only the try that indexed it counts").isEqualTo(1);
    }

    private String status(String id) {
        return read(api.get("/api/documents/" + id + "/status")).get("status").asText();
    }

    private record Job(String state, int attempts, String lastError) {}

    /** The document's latest indexing job. */
    private Job job(String documentId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT state, attempts, last_error FROM index_jobs WHERE document_id = ?::uuid ORDER BY id DESC"
                        + " LIMIT 1",
                statement -> {
                    statement.setString(1, documentId);
                    ResultSet rows = statement.executeQuery();
                    rows.next();
                    return new Job(rows.getString(1), rows.getInt(2), rows.getString(3));
                }));
    }
}
