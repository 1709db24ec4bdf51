package org.alima.portal.indexer.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.alima.portal.indexer.extract.Corpus;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.FailureKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real scans of the shared corpus (read in place: they may not be committed), in the image encodings scanners
 * write: a JPEG page and a JBIG2 page, the bilevel compression of many office scanners, which PDFBox decodes only
 * with its JBIG2 plugin. Skipped with a message when the corpus is absent.
 */
class ScannedCorpusTest {

    private static Tesseract tesseract;

    @BeforeAll
    static void findTesseract() {
        StringBuilder why = new StringBuilder();
        tesseract = Tesseract.find("tesseract", 1L << 30, why)
                .orElseThrow(() -> new IllegalStateException("the OCR tests need Tesseract 5: " + why));
    }

    @Test
    void readsAnImageOnlyPage() throws IOException {
        Path file = scan("docling-ocr-test-image-only.pdf");

        assertThat(new DocumentExtractor(ExtractionLimits.defaults()).extract(file))
                .isInstanceOfSatisfying(ExtractionResult.Failed.class, failed -> {
                    assertThat(failed.kind()).isEqualTo(FailureKind.NEEDS_OCR);
                    assertThat(failed.scannedPages()).containsExactly(1);
                });
        assertThat(read(file).text()).contains("Docling bundles PDF document conversion");
    }

    @Test
    void readsAJbig2Page() throws IOException {
        OcrPage page = read(scan("jbig2-image.pdf"));

        assertThat(page.failure()).isNull();
        // Without the decoder the page renders white and Tesseract finds no word at all.
        assertThat(page.text()).containsIgnoringCase("doesn");
    }

    private static OcrPage read(Path file) throws IOException {
        List<OcrPage> pages = new ArrayList<>();
        new ScannedPages(tesseract, Duration.ofSeconds(120), Duration.ofMinutes(5))
                .read(file, List.of(1), "en", pages::add);
        assertThat(pages).hasSize(1);
        return pages.getFirst();
    }

    private static Path scan(String name) {
        Optional<Path> root = Corpus.pdfs();
        assumeTrue(root.isPresent(), "shared corpus not found at ../shared/corpus/pdfs; skipping " + name);
        Path file = root.get().resolve("edge-cases/scanned").resolve(name);
        assumeTrue(Files.isRegularFile(file), "corpus file " + file + " not found; skipping");
        return file;
    }
}
