package org.alima.portal.indexer.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.FailureKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Tesseract 5 on scans made from known text ({@link Scans}). */
class ScannedPagesTest {

    private static final List<String> FRENCH = List.of(
            "SCAN",
            "Protocole de vaccination contre la rougeole",
            "Chaque enfant recoit une dose de vitamine A.",
            "La chaine du froid est verifiee chaque matin.");

    private static Tesseract tesseract;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTesseract() {
        StringBuilder why = new StringBuilder();
        tesseract = Tesseract.find("tesseract", 1L << 30, why)
                .orElseThrow(() -> new IllegalStateException(
                        "the OCR tests need Tesseract 5 with French and English data (apt-get install tesseract-ocr"
                                + " tesseract-ocr-fra tesseract-ocr-eng): " + why));
    }

    @Test
    void extractionNamesTheScannedPagesOfAMixedDocument() throws IOException {
        Path file = Scans.of(
                dir.resolve("mixed.pdf"),
                List.of(List.of("Introduction in plain text on the first page of the protocol."), FRENCH));

        ExtractionResult result = new DocumentExtractor(ExtractionLimits.defaults()).extract(file);

        assertThat(result)
                .isInstanceOfSatisfying(
                        ExtractionResult.Extracted.class,
                        extracted -> assertThat(extracted.scannedPages()).containsExactly(2));
    }

    @Test
    void readsTheWordsOfAScannedPageWithItsConfidence() throws IOException {
        Path file = Scans.of(dir.resolve("scan.pdf"), List.of(FRENCH));
        ExtractionResult extracted = new DocumentExtractor(ExtractionLimits.defaults()).extract(file);
        assertThat(extracted).isInstanceOfSatisfying(ExtractionResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.NEEDS_OCR);
            assertThat(failed.scannedPages()).containsExactly(1);
        });

        List<OcrPage> pages = read(file, List.of(1), Duration.ofSeconds(60));

        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.number()).isEqualTo(1);
            assertThat(page.failure()).isNull();
            assertThat(page.text()).contains("vaccination", "rougeole", "vitamine");
            assertThat(page.meanConfidence()).isGreaterThan(80.0);
        });
    }

    @Test
    void recordsAPageThatRunsOutOfTimeAsFailedAndGoesOn() throws IOException {
        Path file = Scans.of(dir.resolve("slow.pdf"), List.of(FRENCH));

        List<OcrPage> pages = read(file, List.of(1), Duration.ofMillis(1));

        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.text()).isEmpty();
            assertThat(page.failure()).contains("no result after");
        });
    }

    @Test
    void saysWhyWhenTesseractCannotBeRun() {
        StringBuilder why = new StringBuilder();

        assertThat(Tesseract.find("/nonexistent/tesseract", 1L << 30, why)).isEmpty();
        assertThat(why.toString()).contains("/nonexistent/tesseract cannot be run");
    }

    @Test
    void putsTheDocumentsLanguageFirst() {
        assertThat(tesseract.languagesFor("fr")).isEqualTo("fra+eng");
        assertThat(tesseract.languagesFor("en")).isEqualTo("eng+fra");
        assertThat(tesseract.languagesFor(null)).isEqualTo("eng+fra");
    }

    private List<OcrPage> read(Path file, List<Integer> numbers, Duration perPage) throws IOException {
        List<OcrPage> pages = new ArrayList<>();
        new ScannedPages(tesseract, perPage, Duration.ofMinutes(5)).read(file, numbers, "fr", pages::add);
        return pages;
    }
}
