package org.alima.portal.api.search;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The four humanitarian vocabularies as search filters, facets and typed-query fields, over HTTP with the real worker,
 * index and database: only what the caller may see is found and counted, and an unknown code is refused naming the
 * allowed ones, in the search and in a saved search.
 */
@MicronautTest(transactional = false)
class VocabularySearchIT extends PortalTest {

    private Api curator;

    @BeforeEach
    void signInACurator() {
        if (curator == null) {
            curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        }
    }

    @Test
    void filtersAndFacetsCountOnlyWhatTheCallerMaySee() {
        String word = uniqueWord();
        String camp = TestDocuments.published(
                api,
                curator,
                "Measles campaign " + word,
                "{\"healthTopics\": [\"infectious\"], \"populations\": [\"children_under_five\", \"refugees\"],"
                        + " \"settings\": [\"camp\"], \"interventions\": [\"vaccination\"]}");
        String hospital = TestDocuments.published(
                api,
                curator,
                "Ward notes " + word,
                "{\"healthTopics\": [\"infectious\", \"respiratory\"], \"settings\": [\"hospital\"],"
                        + " \"interventions\": [\"treatment\"]}");
        String draft = TestDocuments.draft(
                api,
                "Draft notes " + word,
                "{\"healthTopics\": [\"mental\"], \"populations\": [\"refugees\"], \"settings\": [\"camp\"]}");
        TestDocuments.awaitSearchable(api, draft);

        JsonNode all = read(anonymous.get("/api/search?q=" + word));
        assertThat(ids(all)).containsExactlyInAnyOrder(camp, hospital);
        assertThat(counts(all, "health")).isEqualTo(Map.of("infectious", 2L, "respiratory", 1L));
        assertThat(counts(all, "population")).isEqualTo(Map.of("children_under_five", 1L, "refugees", 1L));
        assertThat(counts(all, "setting")).isEqualTo(Map.of("camp", 1L, "hospital", 1L));
        assertThat(counts(all, "intervention")).isEqualTo(Map.of("vaccination", 1L, "treatment", 1L));

        assertThat(ids(read(anonymous.get("/api/search?q=" + word + "&setting=camp"))))
                .containsExactly(camp);
        assertThat(ids(read(anonymous.get("/api/search?q=" + word + "&health=respiratory&health=mental"))))
                .containsExactly(hospital);
        assertThat(ids(read(anonymous.get("/api/search?q=" + word + "&setting=camp&intervention=treatment"))))
                .isEmpty();

        JsonNode owners = read(api.get("/api/search?q=" + word + "&population=refugees"));
        assertThat(ids(owners)).containsExactlyInAnyOrder(camp, draft);
        assertThat(counts(owners, "health")).isEqualTo(Map.of("infectious", 1L, "mental", 1L));
    }

    @Test
    void theTypedQueryKnowsEveryVocabularyAndTheDesign() {
        String word = uniqueWord();
        String found = TestDocuments.published(
                api,
                curator,
                "Cholera response " + word,
                "{\"design\": \"cohort\", \"healthTopics\": [\"digestive\"], \"populations\": [\"displaced_people\"],"
                        + " \"settings\": [\"community\"], \"interventions\": [\"wash\"]}");
        String other = TestDocuments.published(api, curator, "Other response " + word, null);

        for (String field : List.of(
                "design:cohort",
                "health:digestive",
                "population:displaced_people",
                "setting:community",
                "intervention:wash")) {
            JsonNode page = read(anonymous.get("/api/search?q=" + Api.encode(word + " " + field)));
            assertThat(ids(page)).as(field).containsExactly(found);
        }
        assertThat(ids(read(anonymous.get("/api/search?q=" + Api.encode(word + " -setting:community")))))
                .containsExactly(other);
    }

    @Test
    void anUnknownCodeIsRefusedNamingTheFilterAndItsCodes() {
        JsonNode problem = assertProblem(anonymous.get("/api/search?population=children"), 400, "invalid-field");

        assertThat(fields(problem)).containsExactly("population");
        assertThat(problem.at("/errors/0/message").asText()).contains("'children'", "children_under_five");
        assertThat(fields(assertProblem(anonymous.get("/api/search?intervention=Vaccination"), 400, "invalid-field")))
                .containsExactly("intervention");
    }

    @Test
    void aSavedSearchCarriesTheVocabulariesAndRefusesAnUnknownCode() {
        JsonNode problem = assertProblem(
                api.json(
                        "POST",
                        "/api/account/saved-searches",
                        "{\"name\": \"camps\", \"filters\": {\"setting\": [\"camp\", \"tent\"]}}"),
                400,
                "invalid-field");
        assertThat(fields(problem)).containsExactly("filters.setting");
        assertThat(problem.at("/errors/0/message").asText()).contains("'tent'", "rural_health_centre");

        JsonNode saved = read(api.json(
                "POST",
                "/api/account/saved-searches",
                "{\"name\": \"camps\", \"filters\": {\"setting\": [\"camp\"], \"design\": [\"cohort\"]}}"));
        assertThat(saved.at("/filters/setting/0").asText()).isEqualTo("camp");
        assertThat(saved.at("/filters/design/0").asText()).isEqualTo("cohort");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private static Map<String, Long> counts(JsonNode page, String dimension) {
        Map<String, Long> counts = new LinkedHashMap<>();
        page.at("/facets/" + dimension)
                .forEach(value -> counts.put(
                        value.get("value").asText(), value.get("count").asLong()));
        return counts;
    }
}
