package org.alima.portal.api.search;

import static org.alima.portal.api.Api.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.Test;

/**
 * The portal with search by meaning on ({@code portal.semantic.enabled}): an upload is searchable by its words as
 * soon as it is read, and the background vector pass then adds the page that answers a question phrased differently,
 * with that passage as the snippet.
 */
@MicronautTest
class SemanticSearchIT extends PortalTest {

    /** Loading the model and encoding on a machine shared with other builds. */
    private static final Duration VECTORS = Duration.ofMinutes(3);

    private static final String TEXT = String.join(
            "\f",
            "District health handbook. Contents and acknowledgements. " + Api.uniqueWord(),
            "Oral rehydration salts dissolved in clean water replace the fluid and salts that babies lose with watery"
                    + " stools; give small sips after each stool and keep breastfeeding.",
            "Annex: addresses of the district pharmacies.");

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("portal.semantic.enabled", "on");
        properties.put("portal.search.time-limit", "30s");
        return properties;
    }

    @Test
    void anUploadIsFoundByWordsAtOnceThenByMeaningAtThePageThatAnswers() {
        Api curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        String id = TestDocuments.published(api, curator, TEXT, "{\"type\": \"guideline\", \"language\": \"en\"}");

        assertThat(anonymous.finds("rehydration salts", id)).isTrue();

        String question = "what should a nurse give an infant who is drying out from loose bowels";
        JsonNode results = anonymous.awaitJson(
                "/api/search?size=20&q=" + encode(question), page -> byMeaningPage(page, id) != null, VECTORS);
        JsonNode page = byMeaningPage(results, id);
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("snippet").asText()).contains("Oral rehydration salts");
        assertThat(page.get("url").asText()).endsWith("#page=2");
    }

    /**
     * The page of hit {@code id} chosen by meaning, else null. (It comes first when the document ranks higher by
     * meaning than by words; here it is the only document, first in both.)
     */
    private static JsonNode byMeaningPage(JsonNode results, String id) {
        for (JsonNode hit : results.get("hits")) {
            if (hit.get("id").asText().equals(id)) {
                for (JsonNode page : hit.get("pages")) {
                    if (page.path("byMeaning").asBoolean(false)) {
                        return page;
                    }
                }
            }
        }
        return null;
    }
}
