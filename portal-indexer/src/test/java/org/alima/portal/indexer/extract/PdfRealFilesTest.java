package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real PDFs: the committed samples always, the shared corpus when it is present. */
class PdfRealFilesTest {

    @TempDir
    Path dir;

    final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    ExtractionResult.Failed failed(Path file, FailureKind kind) {
        ExtractionResult result = extractor.extract(file);
        assertThat(result).isInstanceOf(ExtractionResult.Failed.class);
        ExtractionResult.Failed failed = (ExtractionResult.Failed) result;
        assertThat(failed.kind()).as(failed.reason()).isEqualTo(kind);
        assertThat(failed.detail()).doesNotContain("\n").doesNotContain("\tat ");
        return failed;
    }

    ExtractionResult.Extracted extracted(Path file) {
        ExtractionResult result = extractor.extract(file);
        assertThat(result).as(result.toString()).isInstanceOf(ExtractionResult.Extracted.class);
        return (ExtractionResult.Extracted) result;
    }

    @Nested
    class Encrypted {

        @Test
        void refusesFilesThatNeedAnOpeningPassword() {
            for (String name : new String[] {"aes128.pdf", "password.pdf", "open-password-unknown.pdf"}) {
                ExtractionResult.Failed failed = failed(Corpus.resource(name), FailureKind.ENCRYPTED);
                assertThat(failed.mediaType()).isEqualTo("application/pdf");
            }
        }

        @Test
        void extractsFilesThatOpenWithTheEmptyPasswordDespiteForbiddingCopy() {
            ExtractionResult.Extracted result = extracted(Corpus.resource("permissions-no-copy.pdf"));

            assertThat(result.pageCount()).isEqualTo(1);
            assertThat(result.pages().get(0).text()).isNotBlank();
            assertThat(result.metadata().title()).isEqualTo("This is a test document");
        }
    }

    @Nested
    class Damaged {

        @Test
        void recoversTextFromTruncatedAndCorruptedFilesThatPdfBoxCanRepair() {
            assertThat(extracted(Corpus.resource("T04_006_premature-EOF.pdf"))
                            .pages()
                            .get(0)
                            .text())
                    .isNotBlank();
            assertThat(extracted(Corpus.resource("zen-of-python-corrupted.pdf"))
                            .pages()
                            .get(0)
                            .text())
                    .contains("Beautiful is better than ugly");
        }

        @Test
        void reportsPdfObjectsWithoutPdfHeaderAsMalformed() {
            ExtractionResult.Failed failed =
                    failed(Corpus.resource("T01_006_header-invalid-syntax-no-pdf.pdf"), FailureKind.MALFORMED);

            assertThat(failed.detail()).contains("%PDF");
        }

        @Test
        void reportsAPdfCutShortBeyondRepairAsMalformed() throws IOException {
            byte[] whole = Files.readAllBytes(Corpus.resource("hello-world.pdf"));
            Path cut = Files.write(dir.resolve("cut.pdf"), Arrays.copyOf(whole, 20));

            ExtractionResult.Failed failed = failed(cut, FailureKind.MALFORMED);

            assertThat(failed.mediaType()).isEqualTo("application/pdf");
        }
    }

    @Nested
    class Ordinary {

        @Test
        void readsTinyAndRotatedPages() {
            assertThat(extracted(Corpus.resource("hello-world.pdf"))
                            .pages()
                            .get(0)
                            .text())
                    .contains("Hello PDF-world!");
            assertThat(extracted(Corpus.resource("rotated-page-90.pdf"))
                            .pages()
                            .get(0)
                            .text())
                    .isNotBlank();
        }

        @Test
        void readsAOnePageAbstractWithMetadata() {
            ExtractionResult.Extracted result = extracted(Corpus.resource("va-mirecc-research-abstract-1.pdf"));

            assertThat(result.pageCount()).isEqualTo(1);
            assertThat(result.metadata().language()).isEqualTo("en");
            assertThat(result.metadata().title()).startsWith("VISN 5 MIRECC Research Abstract");
            assertThat(result.pages().get(0).text()).containsIgnoringCase("schizophrenia");
        }

        @Test
        void readsATwoColumnArticleColumnByColumnWithItsDoi() {
            ExtractionResult.Extracted result = extracted(Corpus.resource("bmc-jtraumamanag-2010-dvt-prophylaxis.pdf"));

            assertThat(result.metadata().doi()).isEqualTo("10.1186/1752-2897-4-1");
            assertThat(result.metadata().authors()).contains("Indraneel Datta");
            // consecutive lines of the left column stay together: read across, the right column would cut in
            assertThat(result.pages().get(1).text()).contains("""
                            mas. This was the only study to experience insertion
                            related complications, however all filters were placed at
                            the bedside under ultrasound guidance.""");
            assertThat(result.pages())
                    .allSatisfy(page -> assertThat(page.language()).isEqualTo("en"));
        }
    }

    @Nested
    class SharedCorpus {

        @Test
        void asksForOcrOnScannedPagesWithoutTextLayer() {
            failed(Corpus.pdf("edge-cases/scanned/docling-ocr-test-image-only.pdf"), FailureKind.NEEDS_OCR);
            ExtractionResult.Failed jbig2 =
                    failed(Corpus.pdf("edge-cases/scanned/jbig2-image.pdf"), FailureKind.NEEDS_OCR);
            assertThat(jbig2.imageOnlyPages()).isEqualTo(1);
        }

        @Test
        void reportsABlankPageAsEmpty() {
            failed(Corpus.pdf("edge-cases/tiny/blank-page.pdf"), FailureKind.EMPTY);
        }

        @Test
        void refusesTextAndRandomBytesNamedPdf() {
            ExtractionResult.Failed text =
                    failed(Corpus.pdf("edge-cases/broken/not-a-pdf-72-bytes.pdf"), FailureKind.UNSUPPORTED_TYPE);
            assertThat(text.mediaType()).isEqualTo("text/plain");
            failed(Corpus.pdf("edge-cases/broken/sisyphe-corrupt.pdf"), FailureKind.UNSUPPORTED_TYPE);
        }

        @Test
        void keepsTheOtherPagesWhenOnePageContentStreamIsDamaged() {
            ExtractionResult.Extracted result =
                    extracted(Corpus.pdf("reports-long/angola-malaria-indicator-survey-2006-07.pdf"));

            assertThat(result.pageCount()).isEqualTo(113);
            assertThat(result.metadata().language()).isEqualTo("pt");
            assertThat(result.pages().get(50).text()).isNotBlank();
        }
    }
}
