package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.Test;

/**
 * The four controlled vocabularies of a document (health topic, population, setting, intervention type) and their free
 * text, through upload, PATCH and read, against the real server and database.
 */
@MicronautTest
class VocabularyMetadataIT extends PortalTest {

    private String upload(String metadata) {
        return api.uploadAccepted("note.txt", ("text " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), metadata);
    }

    @Test
    void keepsTheCodesAndFreeTextOfAnUpload() {
        String id = upload("""
                {"healthTopics": ["infectious", "nutritional_metabolic"], "populations": ["children_under_five"],
                 "populationsOther": ["Orpailleurs"], "settings": ["camp"], "interventions": ["vaccination"],
                 "interventionsOther": ["Chimioprévention du paludisme saisonnier"]}
                """);

        JsonNode document = read(api.get("/api/documents/" + id));

        assertThat(texts(document.at("/healthTopics"))).containsExactly("infectious", "nutritional_metabolic");
        assertThat(texts(document.at("/populations"))).containsExactly("children_under_five");
        assertThat(texts(document.at("/populationsOther"))).containsExactly("Orpailleurs");
        assertThat(texts(document.at("/settings"))).containsExactly("camp");
        assertThat(texts(document.at("/settingsOther"))).isEmpty();
        assertThat(texts(document.at("/interventions"))).containsExactly("vaccination");
        assertThat(texts(document.at("/interventionsOther")))
                .containsExactly("Chimioprévention du paludisme saisonnier");
    }

    @Test
    void patchChangesOnlyTheVocabulariesItGivesAndReadsThemBack() {
        String id = upload("{\"populations\": [\"refugees\"], \"settings\": [\"hospital\"]}");

        HttpResponse<String> patched = api.json(
                "PATCH",
                "/api/documents/" + id,
                "{\"settings\": [\"rural_health_centre\", \"mobile_clinic\"], \"settingsOther\": [\"Prison\"]}");

        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode document = read(api.get("/api/documents/" + id));
        assertThat(texts(document.at("/settings"))).containsExactly("rural_health_centre", "mobile_clinic");
        assertThat(texts(document.at("/settingsOther"))).containsExactly("Prison");
        assertThat(texts(document.at("/populations"))).containsExactly("refugees");
    }

    @Test
    void answers400NamingEachFieldWithAnUnknownCodeAndTheCodesItAllows() {
        String id = upload(null);

        JsonNode problem = assertProblem(
                api.json(
                        "PATCH",
                        "/api/documents/" + id,
                        "{\"healthTopics\": [\"malaria\"], \"interventions\": [\"vaccination\", \"WASH\"]}"),
                400,
                "invalid-field");

        assertThat(fields(problem)).containsExactly("healthTopics", "interventions");
        assertThat(problem.at("/errors/0/message").asText()).contains("'malaria'", "infectious, blood");
        assertThat(problem.at("/errors/1/message").asText()).contains("'WASH'", "vaccination, treatment");
        assertThat(read(api.get("/api/documents/" + id)).at("/healthTopics").size())
                .isZero();
    }

    @Test
    void refusesAnUploadWithAnUnknownCode() {
        HttpResponse<String> response = api.upload(new Api.Multipart()
                .metadata("{\"populations\": [\"children\"]}")
                .file("note.txt", ("text " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));

        JsonNode problem = assertProblem(response, 400, "invalid-field");

        assertThat(fields(problem)).containsExactly("populations");
        assertThat(problem.at("/errors/0/message").asText()).contains("children_under_five");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
