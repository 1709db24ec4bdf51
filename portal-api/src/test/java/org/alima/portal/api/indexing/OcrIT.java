package org.alima.portal.api.indexing;

import static org.alima.portal.api.Api.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestPdfs;
import org.junit.jupiter.api.Test;

/**
 * The portal with OCR on and the real Tesseract 5: scanned pages become searchable at their page, with where their
 * text came from and how sure Tesseract was.
 */
@MicronautTest
class OcrIT extends PortalTest {

    /** Extraction, OCR of a page or two at 300 dpi, and the reindex, on a machine shared with other builds. */
    private static final Duration OCR = Duration.ofMinutes(3);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("portal.ocr.enabled", "true");
        // every document read by OCR counts as low-confidence here, so that the curators' list has something in it
        properties.put("portal.ocr.low-confidence", "100");
        return properties;
    }

    @Test
    void aScannedPageOfAMixedDocumentIsFoundByAWordOnItAtItsPage() {
        // a real word: random letters have no dictionary to help Tesseract, and a misread letter would fail the test
        String word = "Mbandaka";
        byte[] pdf = TestPdfs.scanned(List.of(
                List.of("Introduction to the vaccination protocol, typed on the first page."),
                List.of("SCAN", "Protocole de vaccination contre la rougeole", "Campagne de " + word, "Fin de page.")));
        String id =
                api.uploadAccepted("mixed-scan.pdf", pdf, "{\"title\": \"Protocole scanné\", \"language\": \"fr\"}");

        JsonNode status = api.awaitStatus(id, OcrIT::settledAfterOcr, OCR);

        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("indexed");
        assertThat(status.get("imageOnlyPages").asInt()).isZero();
        assertThat(status.at("/ocr/pagesRead").asInt()).isEqualTo(1);
        assertThat(status.at("/ocr/meanConfidence").asDouble()).isGreaterThan(80);
        JsonNode hit = hit(api.get("/api/search?size=100&q=" + encode(word)), id);
        assertThat(hit)
                .as(
                        "a hit on the scanned page's word %s; page 2: %s",
                        word, api.get("/api/documents/" + id + "/pages/2").body())
                .isNotNull();
        assertThat(hit.at("/pages/0/page").asInt()).isEqualTo(2);
    }

    @Test
    void aDocumentOfScansOnlyBecomesSearchableInsteadOfFailing() {
        String word = "Kisangani";
        byte[] pdf = TestPdfs.scanned(List.of(List.of("SCAN", "Standard operating procedure", "Outbreak in " + word)));
        String id = api.uploadAccepted("scan-only.pdf", pdf, "{\"title\": \"Scanned procedure\"}");

        JsonNode status = api.awaitStatus(id, OcrIT::settledAfterOcr, OCR);

        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("indexed");
        assertThat(status.get("pageCount").asInt()).isEqualTo(1);
        assertThat(api.finds(word, id)).isTrue();
    }

    @Test
    void curatorsSeeTheDocumentsReadWithALowConfidenceAndContributorsMayNot() {
        byte[] pdf = TestPdfs.scanned(List.of(List.of("SCAN", "Registre des consultations", Api.uniqueWord())));
        String id = api.uploadAccepted("register.pdf", pdf, "{\"title\": \"Registre scanné\"}");
        api.awaitStatus(id, OcrIT::settledAfterOcr, OCR);
        Api curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());

        JsonNode overview = Api.read(curator.get("/api/ocr"));

        assertThat(overview.get("available").asBoolean()).isTrue();
        assertThat(overview.get("lowConfidence").findValuesAsText("id")).contains(id);
        assertThat(overview.get("lowConfidence").findValuesAsText("title")).contains("Registre scanné");
        Api.assertProblem(api.get("/api/ocr"), 403, "forbidden");
    }

    /**
     * OCR done and the document processed again since: before, a document with text pages is indexed without its
     * scans, and one of scans only has failed saying that OCR is reading them (the end of OCR and the new job are
     * one transaction, so "done" with "indexed" or "failed" is the state after the second processing).
     */
    private static boolean settledAfterOcr(JsonNode status) {
        String state = status.get("status").asText();
        return status.at("/ocr/state").asText().equals("done") && (state.equals("indexed") || state.equals("failed"));
    }

    private static JsonNode hit(java.net.http.HttpResponse<String> response, String id) {
        for (JsonNode hit : Api.read(response).get("hits")) {
            if (hit.get("id").asText().equals(id)) {
                return hit;
            }
        }
        return null;
    }
}
