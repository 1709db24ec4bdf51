package org.alima.portal.api.search;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The confirmed study design as a search filter and facet, over HTTP with the real worker, index and database: a
 * design confirmed after publication reaches search, and an unknown code is refused naming the allowed ones.
 */
@MicronautTest(transactional = false)
class StudyDesignSearchIT extends PortalTest {

    private Api curator;

    @BeforeEach
    void signInACurator() {
        if (curator == null) {
            curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        }
    }

    @Test
    void aDesignConfirmedAfterPublicationFiltersTheSearchAndIsCounted() {
        String word = uniqueWord();
        String confirmed = TestDocuments.published(api, curator, "Household notes " + word, null);
        String other = TestDocuments.published(api, curator, "Clinic notes " + word, null);

        HttpResponse<String> patched =
                curator.json("PATCH", "/api/documents/" + confirmed, "{\"design\": \"case_control\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        TestDocuments.awaitSearchable(curator, confirmed);

        JsonNode filtered = read(anonymous.get("/api/search?q=" + word + "&design=case_control"));
        assertThat(ids(filtered)).containsExactly(confirmed);
        JsonNode all = read(anonymous.get("/api/search?q=" + word));
        assertThat(ids(all)).containsExactlyInAnyOrder(confirmed, other);
        assertThat(all.at("/facets/design/0/value").asText()).isEqualTo("case_control");
        assertThat(all.at("/facets/design/0/count").asLong()).isEqualTo(1L);
        assertThat(all.at("/facets/design").size()).isEqualTo(1);

        JsonNode either =
                read(anonymous.get("/api/search?q=" + word + "&design=case_control&design=cohort&facets=false"));
        assertThat(ids(either)).containsExactly(confirmed);
    }

    @Test
    void anUnknownDesignIsRefusedNamingTheAllowedCodes() {
        JsonNode problem = assertProblem(anonymous.get("/api/search?design=rct"), 400, "invalid-field");

        assertThat(fields(problem)).containsExactly("design");
        assertThat(problem.at("/errors/0/message").asText()).contains("rct").contains("randomised_trial");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }
}
