package org.alima.portal.api.indexing;

import static org.alima.portal.api.Api.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A committed scan (page 4 of a French tutorial, rendered at 150 dpi in grey, no text layer) read by the real
 * Tesseract 5: the document, its hit, its page and its landing page say that its text came from OCR, with Tesseract's
 * mean confidence; a document with a text layer says nothing of the kind.
 */
@MicronautTest
class OcrReadingIT extends PortalTest {

    /** A word of the scanned page that Tesseract reads well and that no other document of these tests carries. */
    private static final String WORD = "conventionnement";

    /** Extraction, OCR of one page at 300 dpi, and the reindex, on a machine shared with other builds. */
    private static final Duration OCR = Duration.ofMinutes(3);

    private static String scanned;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("portal.ocr.enabled", "true");
        return properties;
    }

    @BeforeEach
    void uploadAndPublishTheScanOnce() {
        if (scanned != null) {
            return;
        }
        String id = api.uploadAccepted(
                "chorus-pro-page-4.pdf",
                Api.uniquePdf("sante-psy-choruspro-page-4-scanned.pdf"),
                "{\"title\": \"Tutoriel Chorus Pro (scan)\", \"type\": \"report\", \"language\": \"fr\"}");
        JsonNode status = api.awaitStatus(id, OcrReadingIT::settledAfterOcr, OCR);
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("indexed");
        Api curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        TestDocuments.publish(curator, id);
        TestDocuments.awaitSearchable(curator, id);
        scanned = id;
    }

    @Test
    void theDocumentSaysHowManyPagesOcrReadAndTesseractsMeanConfidence() {
        JsonNode document = Api.read(anonymous.get("/api/documents/" + scanned));

        assertThat(document.get("ocr").size())
                .as("pages and meanConfidence only: %s", document)
                .isEqualTo(2);
        assertThat(document.at("/ocr/pages").asInt()).isEqualTo(1);
        assertThat(document.at("/ocr/meanConfidence").asDouble()).isBetween(60.0, 100.0);
    }

    @Test
    void aDocumentWithATextLayerHasNoOcr() {
        String id = TestDocuments.draft(api, "Notes de terrain " + Api.uniqueWord(), "{\"title\": \"Notes\"}");
        TestDocuments.awaitSearchable(api, id);

        JsonNode document = Api.read(api.get("/api/documents/" + id));

        assertThat(document.has("ocr")).as(document.toString()).isTrue();
        assertThat(document.get("ocr").isNull()).as(document.toString()).isTrue();
    }

    @Test
    void aHitOnTheScannedPageIsMarkedOcrAtItsPage() {
        JsonNode hit = hit(Api.read(anonymous.get("/api/search?size=100&q=" + encode(WORD))), scanned);

        assertThat(hit).as("a hit on the scanned page's word %s", WORD).isNotNull();
        assertThat(hit.at("/pages/0/page").asInt()).isEqualTo(1);
        assertThat(hit.at("/pages/0/ocr").asBoolean()).as(hit.toString()).isTrue();
    }

    @Test
    void aHitOnAPageOfTheFilesOwnTextIsNotMarkedOcr() {
        String word = Api.uniqueWord();
        String id = TestDocuments.draft(api, "Registre " + word, "{\"title\": \"Registre\"}");
        TestDocuments.awaitSearchable(api, id);

        JsonNode hit = hit(Api.read(api.get("/api/search?q=" + encode(word))), id);

        assertThat(hit).isNotNull();
        assertThat(hit.at("/pages/0").has("ocr")).as(hit.toString()).isFalse();
    }

    @Test
    void thePageSaysItsTextCameFromOcrWithItsConfidence() {
        JsonNode document = Api.read(anonymous.get("/api/documents/" + scanned));
        JsonNode page = Api.read(anonymous.get("/api/documents/" + scanned + "/pages/1"));

        assertThat(page.at("/ocr/pages").asInt()).as(page.toString()).isEqualTo(1);
        assertThat(page.at("/ocr/meanConfidence").asDouble())
                .isEqualTo(document.at("/ocr/meanConfidence").asDouble());
        assertThat(page.get("text").asText()).contains(WORD);
    }

    @Test
    void thePageViewSaysItsTextCameFromOcrInTheReadersLanguage() {
        long percent = Math.round(Api.read(anonymous.get("/api/documents/" + scanned))
                .at("/ocr/meanConfidence")
                .asDouble());

        HttpResponse<String> english = anonymous.get("/documents/" + scanned + "/pages/1", "Accept-Language", "en");
        HttpResponse<String> french = anonymous.get("/documents/" + scanned + "/pages/1", "Accept-Language", "fr");

        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body())
                .contains("id=\"ocr\"")
                .contains("read by OCR from a scanned image (mean confidence " + percent + "\u00a0%)");
        assertThat(french.body())
                .contains("lu par OCR sur une image numérisée (confiance moyenne " + percent + "\u00a0%)");
    }

    @Test
    void theLandingPageSaysHowManyPagesOcrReadInTheReadersLanguage() {
        long percent = Math.round(Api.read(anonymous.get("/api/documents/" + scanned))
                .at("/ocr/meanConfidence")
                .asDouble());

        HttpResponse<String> french = anonymous.get("/documents/" + scanned, "Accept-Language", "fr");
        HttpResponse<String> english = anonymous.get("/documents/" + scanned, "Accept-Language", "en");

        assertThat(french.statusCode()).as(french.body()).isEqualTo(200);
        assertThat(french.body()).contains("Texte de 1 page lu par OCR (confiance moyenne " + percent + "\u00a0%)");
        assertThat(english.body()).contains("Text of 1 page read by OCR (mean confidence " + percent + "\u00a0%)");
    }

    /** OCR done and the document processed again since (see {@link OcrIT}). */
    private static boolean settledAfterOcr(JsonNode status) {
        String state = status.get("status").asText();
        return status.at("/ocr/state").asText().equals("done") && (state.equals("indexed") || state.equals("failed"));
    }

    private static JsonNode hit(JsonNode results, String id) {
        for (JsonNode hit : results.get("hits")) {
            if (hit.get("id").asText().equals(id)) {
                return hit;
            }
        }
        return null;
    }
}
