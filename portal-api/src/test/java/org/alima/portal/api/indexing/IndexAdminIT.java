package org.alima.portal.api.indexing;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.indexer.index.IndexSchema;
import org.junit.jupiter.api.Test;

/** The operator's view of the search index, with an operator token configured. */
@MicronautTest
@Property(name = "portal.admin.token", value = IndexAdminIT.TOKEN)
class IndexAdminIT extends PortalTest {

    static final String TOKEN = "test-operator-token-0123456789";

    @Test
    void reportsTheIndexStatisticsToAnyone() {
        api.awaitIndexed(
                api.uploadAccepted("notes.txt", ("notes " + Api.uniqueWord()).getBytes(StandardCharsets.UTF_8), null));

        JsonNode index = read(api.as(TestAccounts.admin(api)).get("/api/index"));

        assertThat(index.get("documents").asLong()).isPositive();
        assertThat(index.get("pages").asLong())
                .isGreaterThanOrEqualTo(index.get("documents").asLong());
        assertThat(index.get("sizeOnDiskBytes").asLong()).isPositive();
        assertThat(index.get("schemaVersion").asInt()).isEqualTo(IndexSchema.VERSION);
        assertThat(index.get("needsRebuild").asBoolean()).isFalse();
        assertThat(index.get("lastCommit").asText()).isNotBlank();
        assertThat(index.toString()).doesNotContain("/tmp").doesNotContain("portal-api-it");
    }

    @Test
    void refusesARebuildWithoutTheTokenOrWithAnotherOne() {
        assertProblem(api.json("POST", "/api/index/rebuild", ""), 403, "admin-token-invalid");
        assertProblem(
                api.json("POST", "/api/index/rebuild", "", "X-Portal-Admin-Token", TOKEN + "x"),
                403,
                "admin-token-invalid");
    }

    @Test
    void rebuildsInTheBackgroundAndKeepsEveryDocumentSearchable() {
        String word = Api.uniqueWord();
        String id = api.uploadAccepted("notes.txt", ("notes " + word).getBytes(StandardCharsets.UTF_8), null);
        api.awaitIndexed(id);

        HttpResponse<String> started = api.json("POST", "/api/index/rebuild", "", "X-Portal-Admin-Token", TOKEN);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValue("/api/index");
        assertThat(read(started).get("reason").asText()).isEqualTo("asked for by an operator");
        JsonNode done = api.as(TestAccounts.admin(api))
                .awaitJson(
                        "/api/index",
                        index -> index.at("/rebuild/state").asText().equals("done"),
                        Duration.ofSeconds(60));
        assertThat(done.at("/rebuild/documents").asLong()).isPositive();
        assertThat(done.at("/rebuild/finishedAt").asText()).isNotBlank();
        assertThat(api.finds(word, id)).isTrue();
    }
}
