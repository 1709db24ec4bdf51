package org.alima.portal.api.indexing;

import static org.alima.portal.api.Api.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared corpus's scanned PDFs, uploaded as a contributor would, are found by a word at its page: those with
 * image-only pages through OCR (JPEG and JBIG2 scans, a handwritten page), those whose scanner left a text layer
 * through that layer. Read in place (they may not be committed); skipped with a message when the corpus is absent.
 */
@MicronautTest
class ScannedCorpusIT extends PortalTest {

    private static final Duration OCR = Duration.ofMinutes(4);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("portal.ocr.enabled", "true");
        return properties;
    }

    @ParameterizedTest(name = "{0}: \"{1}\" on page {2}")
    @CsvSource({
        // image only: the text comes from OCR
        "docling-ocr-test-image-only.pdf, Docling, 1, 1",
        // page 1 has its scanner's text layer, page 2 none: page 2 only goes to OCR (it holds no word)
        "army-clinical-school-handwriting-bad-ocr.pdf, Miami, 1, 1",
        // text layers left by the scanner, some of it garbled
        "book-page-horrible-ocr.pdf, viceroy, 1, 0",
        "newspaper-scan-ocr.pdf, Honolulu, 1, 0",
        "scan-with-ocr-text.pdf, Foundation, 1, 0",
    })
    void aScannedCorpusPdfIsFoundByAWordAtItsPage(String name, String word, int page, int pagesToOcr)
            throws IOException {
        String id = api.uploadAccepted(name, Files.readAllBytes(scan(name)), "{\"language\": \"en\"}");

        JsonNode status = api.awaitStatus(id, ScannedCorpusIT::settled, OCR);

        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("indexed");
        assertThat(status.at("/ocr/pagesQueued").asInt()).as(status.toString()).isEqualTo(pagesToOcr);
        assertThat(status.at("/ocr/pagesFailed").asInt()).as(status.toString()).isZero();
        JsonNode hit = hit(api.get("/api/search?size=100&q=" + encode(word)), id);
        assertThat(hit).as("a hit for %s in %s", word, name).isNotNull();
        assertThat(hit.at("/pages/0/page").asInt()).isEqualTo(page);
    }

    @ParameterizedTest
    @CsvSource("jbig2-image.pdf")
    void aJbig2ScanIsReadByOcr(String name) throws IOException {
        String id = api.uploadAccepted(name, Files.readAllBytes(scan(name)), "{\"language\": \"en\"}");

        JsonNode status = api.awaitStatus(id, ScannedCorpusIT::settled, OCR);

        assertThat(status.at("/ocr/pagesRead").asInt()).as(status.toString()).isEqualTo(1);
        assertThat(status.at("/ocr/pagesFailed").asInt()).as(status.toString()).isZero();
    }

    /** Processed, and when it had scanned pages, processed again after their OCR. */
    private static boolean settled(JsonNode status) {
        String state = status.get("status").asText();
        boolean processed = state.equals("indexed") || state.equals("failed");
        JsonNode ocr = status.path("ocr");
        return processed
                && (ocr.isMissingNode()
                        || ocr.isNull()
                        || ocr.path("state").asText().equals("done"));
    }

    private static JsonNode hit(java.net.http.HttpResponse<String> response, String id) {
        for (JsonNode hit : Api.read(response).get("hits")) {
            if (hit.get("id").asText().equals(id)) {
                return hit;
            }
        }
        return null;
    }

    /** A scanned PDF of {@code ../shared/corpus/pdfs} beside the project (the tests run one level below it). */
    private static Path scan(String name) {
        Path file = Stream.of(Path.of("..", "shared"), Path.of("..", "..", "shared"))
                .map(shared -> shared.resolve("corpus/pdfs/edge-cases/scanned").resolve(name))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElse(null);
        assumeTrue(file != null, "shared corpus not found at ../shared/corpus/pdfs; skipping " + name);
        return file.toAbsolutePath();
    }
}
