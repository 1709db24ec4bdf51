package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point: format detection from bytes, refusals, limits, and the stream and thread-safety contracts. */
class DocumentExtractorTest {

    @TempDir
    Path dir;

    final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    ExtractionResult.Failed failed(ExtractionResult result, FailureKind kind) {
        assertThat(result).as(result.toString()).isInstanceOf(ExtractionResult.Failed.class);
        ExtractionResult.Failed failed = (ExtractionResult.Failed) result;
        assertThat(failed.kind()).as(failed.reason()).isEqualTo(kind);
        return failed;
    }

    @Nested
    class FormatFromBytes {

        @Test
        void readsAPdfWhateverItsName() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("report.txt"), List.of(PdfExtractionTest.ENGLISH));

            ExtractionResult result = extractor.extract(pdf);

            assertThat(result)
                    .isInstanceOfSatisfying(
                            ExtractionResult.Extracted.class,
                            e -> assertThat(e.mediaType()).isEqualTo("application/pdf"));
        }

        @Test
        void refusesPngBytesNamedPdf() throws IOException {
            Path png = dir.resolve("scan.pdf");
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png.toFile());

            ExtractionResult.Failed failed = failed(extractor.extract(png), FailureKind.UNSUPPORTED_TYPE);

            assertThat(failed.mediaType()).isEqualTo("image/png");
        }

        @Test
        void refusesTextNamedPdfRatherThanIndexingItAsText() throws IOException {
            Path text = Files.writeString(dir.resolve("article.pdf"), "This is not a PDF: it is a note.\n");

            ExtractionResult.Failed failed = failed(extractor.extract(text), FailureKind.UNSUPPORTED_TYPE);

            assertThat(failed.mediaType()).isEqualTo("text/plain");
            assertThat(failed.detail()).contains("article.pdf");
        }

        @Test
        void refusesZipArchivesThatAreNotWordDocuments() throws IOException {
            Path zip = dir.resolve("data.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry("readme.txt"));
                out.write("hello".getBytes(StandardCharsets.UTF_8));
            }

            failed(extractor.extract(zip), FailureKind.UNSUPPORTED_TYPE);
        }

        @Test
        void refusesUnknownBinaryData() throws IOException {
            byte[] bytes = new byte[4096];
            new java.util.Random(7).nextBytes(bytes);
            Path binary = Files.write(dir.resolve("blob.bin"), bytes);

            failed(extractor.extract(binary), FailureKind.UNSUPPORTED_TYPE);
        }
    }

    @Nested
    class PlainText {

        @Test
        void splitsPagesAtFormFeeds() throws IOException {
            Path text = Files.writeString(
                    dir.resolve("report.txt"),
                    "First page about malaria treatment.\fSecond page sur le paludisme.\fThird page.\f");

            ExtractionResult.Extracted result = (ExtractionResult.Extracted) extractor.extract(text);

            assertThat(result.mediaType()).isEqualTo("text/plain");
            assertThat(result.pages())
                    .extracting(Page::text)
                    .containsExactly(
                            "First page about malaria treatment.", "Second page sur le paludisme.", "Third page.");
        }

        @Test
        void cutsLongTextIntoPagesAtParagraphBoundaries() throws IOException {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                text.append("Paragraph ")
                        .append(i)
                        .append(" ")
                        .append("word ".repeat(25))
                        .append("\n\n");
            }
            Path file = Files.writeString(dir.resolve("long.txt"), text);

            ExtractionResult.Extracted result = (ExtractionResult.Extracted) extractor.extract(file);

            assertThat(result.pageCount()).isGreaterThan(2);
            for (Page page : result.pages()) {
                assertThat(page.text().length()).isLessThanOrEqualTo(PlainTextExtractor.PAGE_CHARS);
                assertThat(page.text()).startsWith("Paragraph ");
            }
            assertThat(String.join("", result.pages().stream().map(Page::text).toList()))
                    .isEqualTo(text.toString());
        }

        @Test
        void readsWindows1252WhenTheBytesAreNotUtf8() throws IOException {
            String french = "Le médecin a prescrit un traitement à l'enfant hospitalisé en pédiatrie.";
            byte[] latin = french.getBytes(java.nio.charset.Charset.forName("windows-1252"));
            Path file = Files.write(dir.resolve("ancien.txt"), latin);

            ExtractionResult.Extracted result = (ExtractionResult.Extracted) extractor.extract(file);

            assertThat(result.pages().get(0).text()).isEqualTo(french);
            assertThat(result.pages().get(0).language()).isEqualTo("fr");
        }

        @Test
        void dropsControlCharactersAndAByteOrderMark() throws IOException {
            Path file = Files.write(
                    dir.resolve("bom.txt"),
                    "\uFEFFclean\u0001 text\u0000\r\nline two\n".getBytes(StandardCharsets.UTF_8));

            ExtractionResult.Extracted result = (ExtractionResult.Extracted) extractor.extract(file);

            assertThat(result.pages().get(0).text()).isEqualTo("clean text\nline two\n");
        }

        @Test
        void treatsMarkdownNamesAsMarkdownOnlyWhenTheBytesAreText() throws IOException {
            Path md = Files.writeString(dir.resolve("notes.md"), "# Title\n\nSome *text*.\n");

            assertThat(((ExtractionResult.Extracted) extractor.extract(md)).mediaType())
                    .isEqualTo("text/markdown");
        }
    }

    /** A file stored under a name that is not its own (the portal's content-addressed store), format decided before. */
    @Nested
    class FormatDecidedBefore {

        @Test
        void readsAFileAsTheFormatGivenWithoutLookingAtItsName() throws IOException {
            Path stored = Files.writeString(dir.resolve("3f9a0c"), "# Title\n\nIntro.\n\n## Part two\n\nMore.\n");

            ExtractionResult.Extracted asMarkdown =
                    (ExtractionResult.Extracted) extractor.extract(stored, Format.MARKDOWN);
            ExtractionResult.Extracted asText = (ExtractionResult.Extracted) extractor.extract(stored, Format.TEXT);

            assertThat(asMarkdown.mediaType()).isEqualTo("text/markdown");
            assertThat(asMarkdown.pages()).hasSize(2);
            assertThat(asText.mediaType()).isEqualTo("text/plain");
            assertThat(asText.pages()).hasSize(1);
        }

        @Test
        void agreesWithTheSnifferOnAPdfItDecidedAtUpload() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("report.pdf"), List.of(PdfExtractionTest.ENGLISH));
            FormatSniffer.Verdict verdict = FormatSniffer.sniff(pdf, "report.pdf");

            assertThat(verdict).isEqualTo(new FormatSniffer.Verdict.Supported(Format.PDF));
            assertThat(extractor.extract(pdf, Format.PDF))
                    .isInstanceOfSatisfying(
                            ExtractionResult.Extracted.class,
                            e -> assertThat(e.pages())
                                    .isEqualTo(((ExtractionResult.Extracted) extractor.extract(pdf)).pages()));
        }
    }

    @Nested
    class Limits {

        @Test
        void reportsAZeroByteFileAsEmpty() throws IOException {
            Path empty = Files.createFile(dir.resolve("empty.pdf"));

            failed(extractor.extract(empty), FailureKind.EMPTY);
        }

        @Test
        void refusesFilesOverTheSizeLimitWithoutParsing() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("big.pdf"), List.of(PdfExtractionTest.ENGLISH));
            DocumentExtractor small =
                    new DocumentExtractor(new ExtractionLimits(Duration.ofSeconds(10), 1000, 1 << 20, 100));

            ExtractionResult.Failed failed = failed(small.extract(pdf), FailureKind.TOO_LARGE);

            assertThat(failed.detail()).contains("100 bytes");
        }

        @Test
        void givesUpWithTimeoutUnderATinyTimeLimit() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("any.pdf"), List.of(PdfExtractionTest.ENGLISH));
            DocumentExtractor hurried =
                    new DocumentExtractor(new ExtractionLimits(Duration.ofMillis(1), 1000, 1 << 20, 1 << 20));

            long start = System.nanoTime();
            ExtractionResult result = hurried.extract(pdf);

            failed(result, FailureKind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }

        @Test
        void throwsForAFileThatCannotBeReadAtAll() {
            assertThatThrownBy(() -> extractor.extract(dir.resolve("missing.pdf")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("missing.pdf");
        }
    }

    @Nested
    class Streams {

        @Test
        void extractsAnUploadAndDeletesItsTemporaryCopy() throws IOException {
            byte[] pdf = Files.readAllBytes(Corpus.resource("hello-world.pdf"));
            long spoolsBefore = countSpools();

            ExtractionResult result = extractor.extract(new ByteArrayInputStream(pdf), "hello.pdf");

            assertThat(result)
                    .isInstanceOfSatisfying(
                            ExtractionResult.Extracted.class,
                            e -> assertThat(e.pages().get(0).text()).contains("Hello PDF-world!"));
            assertThat(countSpools()).isEqualTo(spoolsBefore);
        }

        @Test
        void refusesAnUploadOverTheSizeLimit() {
            DocumentExtractor small =
                    new DocumentExtractor(new ExtractionLimits(Duration.ofSeconds(10), 1000, 1 << 20, 10));

            failed(small.extract(new ByteArrayInputStream(new byte[100]), "x.txt"), FailureKind.TOO_LARGE);
        }

        private long countSpools() throws IOException {
            try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                return files.filter(p -> p.getFileName().toString().startsWith("portal-extract-"))
                        .count();
            }
        }
    }

    @Test
    void givesTheSameResultsWhenSharedByManyThreads() throws Exception {
        List<Path> files = List.of(
                PdfFixtures.pages(dir.resolve("a.pdf"), List.of(PdfExtractionTest.ENGLISH, PdfExtractionTest.FRENCH)),
                Corpus.resource("va-mirecc-research-abstract-1.pdf"),
                Files.writeString(dir.resolve("b.txt"), "Un texte court en français pour le test de langue."),
                Corpus.resource("aes128.pdf"));
        List<ExtractionResult> expected = files.stream().map(extractor::extract).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExtractionResult>> results = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (Path file : files) {
                    results.add(pool.submit(() -> extractor.extract(file)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % files.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
