package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What a document's description must hold before it leaves its owner (title, type, language), the values read from
 * its file that the portal doubts and how a contributor confirms or replaces them, and the countries offered by name;
 * over HTTP with the real worker, extraction and database.
 */
@MicronautTest(transactional = false)
class MetadataChecksIT extends PortalTest {

    private Api curator;

    @BeforeEach
    void signInACurator() {
        if (curator == null) {
            curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        }
    }

    @Nested
    class RequiredFields {

        @Test
        void aDraftWithoutTitleTypeOrLanguageCannotBeSubmittedAndEachMissingFieldIsNamed() {
            String id = draft("{\"language\": \"fr\"}");

            JsonNode problem =
                    assertProblem(api.json("POST", "/api/documents/" + id + "/submit", ""), 422, "metadata-incomplete");

            assertThat(fields(problem)).containsExactly("title", "type");
            assertThat(problem.at("/errors/1/message").asText()).contains("operating_procedure");
            assertThat(read(api.get("/api/documents/" + id)).get("status").asText())
                    .isEqualTo("draft");
        }

        @Test
        void aDraftWithoutTitleCannotBePublishedInOneClickAndTheAnswerSpeaksTheReadersLanguage() {
            String id = draft("{\"type\": \"report\"}");
            api.json("PATCH", "/api/documents/" + id, "{\"language\": \"fr\"}");

            HttpResponse<String> french =
                    curator.json("POST", "/api/documents/" + id + "/publish", "", "Accept-Language", "fr");
            JsonNode problem = assertProblem(french, 422, "metadata-incomplete");

            assertThat(fields(problem)).containsExactly("title");
            assertThat(problem.get("title").asText()).isEqualTo("Description incomplète");
            assertThat(french.headers().firstValue("Content-Language")).contains("fr");
            api.json("PATCH", "/api/documents/" + id, "{\"title\": \"Notes de terrain\"}");
            assertThat(read(curator.json("POST", "/api/documents/" + id + "/publish", ""))
                            .get("status")
                            .asText())
                    .isEqualTo("published");
        }

        @Test
        void aCompleteDraftIsSubmitted() {
            String id = TestDocuments.draft(
                    api,
                    "notes " + uniqueWord(),
                    "{\"title\": \"Notes de terrain\", \"type\": \"report\", \"language\": \"fr\"}");

            assertThat(TestDocuments.transition(api, id, "submit", "")
                            .get("status")
                            .asText())
                    .isEqualTo("submitted");
        }
    }

    @Nested
    class StudyDesignSuggestedFromTheText {

        @Test
        void theRulesSuggestADesignWithItsCueAndTheContributorsChoiceIsStoredApart() {
            String id = api.uploadAccepted("malaria.pdf", Api.uniquePdf("severe-malaria-children-en.pdf"), null);
            TestDocuments.awaitSettled(api, id);

            JsonNode document = read(api.get("/api/documents/" + id));
            assertThat(document.at("/designSuggestion/code").asText()).isEqualTo("guideline");
            assertThat(document.at("/designSuggestion/cue").asText()).isEqualTo("guideline");
            assertThat(document.get("design").isNull()).isTrue();

            JsonNode changed = read(api.json("PATCH", "/api/documents/" + id, "{\"design\": \"cohort\"}"));

            assertThat(changed.get("design").asText()).isEqualTo("cohort");
            JsonNode again = read(api.get("/api/documents/" + id));
            assertThat(again.get("design").asText()).isEqualTo("cohort");
            assertThat(again.at("/designSuggestion/code").asText()).isEqualTo("guideline");
        }

        @Test
        void theSuggestionIsNotShownToReadersOnceTheDocumentIsPublic() {
            String id = api.uploadAccepted(
                    "malaria.pdf",
                    Api.uniquePdf("severe-malaria-children-en.pdf"),
                    "{\"type\": \"guideline\", \"language\": \"en\"}");
            TestDocuments.awaitSettled(api, id);
            TestDocuments.publish(curator, id);

            assertThat(read(anonymous.get("/api/documents/" + id))
                            .get("designSuggestion")
                            .isNull())
                    .isTrue();
            assertThat(read(curator.get("/api/documents/" + id))
                            .at("/designSuggestion/code")
                            .asText())
                    .isEqualTo("guideline");
        }
    }

    @Nested
    class DoubtfulValuesReadFromTheFile {

        @Test
        void aGenericTitleReadFromTheFileIsFlaggedUntilTheContributorConfirmsIt() {
            String id = api.uploadAccepted("guidance.pdf", Api.uniquePdf("fda-guidance-excerpt-2.pdf"), null);
            TestDocuments.awaitSettled(api, id);

            JsonNode document = read(api.get("/api/documents/" + id));
            assertThat(document.get("title").asText()).isEqualTo("Untitled");
            assertThat(doubts(document)).containsExactly("title=Untitled: generic-word");
            assertThat(doubts(read(curator.get("/api/documents/" + id)))).hasSize(1);

            JsonNode confirmed = read(api.delete("/api/documents/" + id + "/doubts/title"));

            assertThat(doubts(confirmed)).isEmpty();
            assertThat(confirmed.get("title").asText()).isEqualTo("Untitled");
            assertThat(doubts(read(api.get("/api/documents/" + id)))).isEmpty();
        }

        @Test
        void anAuthorThatLooksLikeAUserNameIsFlaggedUntilReplaced() {
            String id = api.uploadAccepted("tutoriel.pdf", Api.uniquePdf("sante-psy-tutoriel-choruspro.pdf"), null);
            TestDocuments.awaitSettled(api, id);

            JsonNode document = read(api.get("/api/documents/" + id));
            assertThat(doubts(document)).containsExactly("authors=linac: user-name");
            assertThat(document.get("title").asText()).isEqualTo("Santé Psy Étudiant");

            JsonNode replaced = read(
                    api.json("PATCH", "/api/documents/" + id, "{\"authors\": [{\"name\": \"Santé Psy Étudiant\"}]}"));

            assertThat(doubts(replaced)).isEmpty();
        }

        @Test
        void doubtsAreNotShownToReadersOnceTheDocumentIsPublic() {
            String id = api.uploadAccepted(
                    "tutoriel.pdf",
                    Api.uniquePdf("sante-psy-tutoriel-choruspro.pdf"),
                    "{\"type\": \"guideline\", \"language\": \"fr\"}");
            TestDocuments.awaitSettled(api, id);
            TestDocuments.publish(curator, id);

            assertThat(doubts(read(anonymous.get("/api/documents/" + id)))).isEmpty();
            assertThat(doubts(read(curator.get("/api/documents/" + id)))).hasSize(1);
        }

        @Test
        void onlyTitleAndAuthorsCanBeConfirmed() {
            String id = draft(null);

            assertProblem(api.delete("/api/documents/" + id + "/doubts/topics"), 400, "invalid-field");
        }
    }

    @Nested
    class Countries {

        @Test
        void areOfferedByNameInTheReadersLanguageWithTheirIsoCodes() {
            HttpResponse<String> french = anonymous.get("/api/countries", "Accept-Language", "fr-FR,fr;q=0.9");
            JsonNode english = read(anonymous.get("/api/countries", "Accept-Language", "en"));

            assertThat(french.headers().firstValue("Content-Language")).contains("fr");
            JsonNode inFrench = read(french);
            assertThat(nameOf(inFrench, "DE")).isEqualTo("Allemagne");
            assertThat(nameOf(english, "DE")).isEqualTo("Germany");
            assertThat(nameOf(inFrench, "CI")).isEqualTo("Côte d’Ivoire");
            assertThat(inFrench.size()).isGreaterThan(240).isEqualTo(english.size());
            // Sorted as French sorts: accents do not send "Égypte" after "Zimbabwe".
            List<String> names = new ArrayList<>();
            inFrench.forEach(country -> names.add(country.get("name").asText()));
            assertThat(names.indexOf("Égypte")).isLessThan(names.indexOf("Espagne"));
        }
    }

    /** A text file uploaded as a draft with {@code metadata}, which the test helpers would complete. */
    private String draft(String metadata) {
        return api.uploadAccepted("notes.txt", ("notes " + uniqueWord()).getBytes(StandardCharsets.UTF_8), metadata);
    }

    private static List<String> doubts(JsonNode document) {
        List<String> doubts = new ArrayList<>();
        document.get("doubts")
                .forEach(d -> doubts.add(d.get("field").asText() + "="
                        + d.get("value").asText() + ": " + d.get("reason").asText()));
        return doubts;
    }

    private static String nameOf(JsonNode countries, String code) {
        for (JsonNode country : countries) {
            if (country.get("code").asText().equals(code)) {
                return country.get("name").asText();
            }
        }
        return null;
    }
}
