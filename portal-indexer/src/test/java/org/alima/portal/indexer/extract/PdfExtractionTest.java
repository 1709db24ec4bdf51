package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfExtractionTest {

    static final List<String> ENGLISH = List.of(
            "The clinical team reviewed the treatment protocol for severe malaria",
            "in children under five years of age, with attention to fluid management",
            "and the early recognition of complications such as hypoglycaemia.");
    static final List<String> FRENCH = List.of(
            "L'équipe médicale a révisé le protocole de prise en charge du paludisme",
            "grave chez les enfants de moins de cinq ans, en prêtant attention à",
            "la réhydratation et à la reconnaissance précoce des complications.");

    @TempDir
    Path dir;

    final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    ExtractionResult.Extracted extracted(Path file) {
        ExtractionResult result = extractor.extract(file);
        assertThat(result).isInstanceOf(ExtractionResult.Extracted.class);
        return (ExtractionResult.Extracted) result;
    }

    @Nested
    class Pages {

        @Test
        void keepsEachPageTextOnItsPageNumberWithItsLanguage() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("three.pdf"), List.of(ENGLISH, FRENCH, ENGLISH));

            ExtractionResult.Extracted result = extracted(pdf);

            assertThat(result.mediaType()).isEqualTo("application/pdf");
            assertThat(result.pages()).extracting(Page::number).containsExactly(1, 2, 3);
            Page second = result.pages().get(1);
            assertThat(second.text()).contains("protocole de prise en charge du paludisme");
            assertThat(second.language()).isEqualTo("fr");
            assertThat(result.pages().get(0).text()).contains("treatment protocol for severe malaria");
            assertThat(result.pages().get(0).language()).isEqualTo("en");
            assertThat(result.pages().get(2).language()).isEqualTo("en");
            assertThat(result.metadata().language()).isEqualTo("en");
            assertThat(result.imageOnlyPages()).isZero();
            assertThat(result.truncated()).isFalse();
        }

        @Test
        void keepsFrenchAccentsComposed() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("fr.pdf"), List.of(FRENCH));

            String text = extracted(pdf).pages().get(0).text();

            assertThat(text).contains("L'équipe médicale a révisé", "réhydratation", "précoce");
            assertThat(text).isEqualTo(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC));
        }

        @Test
        void leavesTooShortPagesWithoutLanguage() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("short.pdf"), List.of(List.of("Annexe 3"), ENGLISH));

            ExtractionResult.Extracted result = extracted(pdf);

            assertThat(result.pages().get(0).language()).isNull();
            assertThat(result.pages().get(1).language()).isEqualTo("en");
        }
    }

    @Nested
    class Text {

        @Test
        void joinsWordsHyphenatedAtLineEndsButKeepsRealHyphens() throws IOException {
            Path pdf = PdfFixtures.pages(
                    dir.resolve("hyphens.pdf"),
                    List.of(List.of(
                            "The treat-",
                            "ment of well-known cases was led by Jean-",
                            "Pierre Martin in the dis-",
                            "trict hospital.")));

            String text = extracted(pdf).pages().get(0).text();

            assertThat(text)
                    .contains("The treatment of well-known cases")
                    .contains("Jean-\nPierre Martin")
                    .contains("district hospital.");
        }

        @Test
        void readsTwoColumnPagesColumnByColumn() throws IOException {
            List<String> left = List.of(
                    "Left column opens the article,", "continues its argument here,", "and closes the left side.");
            List<String> right =
                    List.of("Right column starts afterwards,", "goes on with the results,", "and ends the page.");
            Path pdf = PdfFixtures.twoColumns(dir.resolve("columns.pdf"), left, right);

            String text = extracted(pdf).pages().get(0).text();

            assertThat(text).contains(String.join("\n", left)).contains(String.join("\n", right));
            assertThat(text.indexOf(left.get(2))).isLessThan(text.indexOf(right.get(0)));
        }

        @Test
        void expandsLigatureGlyphs() throws IOException {
            Path pdf = PdfFixtures.unicodeFontPage(dir.resolve("ligatures.pdf"), List.of("the \uFB01nal \uFB02ow"));

            assertThat(extracted(pdf).pages().get(0).text()).contains("the final flow");
        }
    }

    @Nested
    class Images {

        @Test
        void countsImageOnlyPagesBesideTextPages() throws IOException {
            Path pdf = PdfFixtures.textThenImagePage(dir.resolve("mixed.pdf"), ENGLISH);

            ExtractionResult.Extracted result = extracted(pdf);

            assertThat(result.pageCount()).isEqualTo(2);
            assertThat(result.imageOnlyPages()).isEqualTo(1);
            assertThat(result.pages().get(1).text()).isBlank();
        }

        @Test
        void asksForOcrWhenEveryPageIsAnImageEvenWithPageNumbers() throws IOException {
            Path pdf = PdfFixtures.imagePages(dir.resolve("scan.pdf"), 3, "- 2 -");

            ExtractionResult result = extractor.extract(pdf);

            assertThat(result).isInstanceOfSatisfying(ExtractionResult.Failed.class, failed -> {
                assertThat(failed.kind()).isEqualTo(FailureKind.NEEDS_OCR);
                assertThat(failed.pageCount()).isEqualTo(3);
                assertThat(failed.imageOnlyPages()).isEqualTo(3);
                assertThat(failed.mediaType()).isEqualTo("application/pdf");
            });
        }

        @Test
        void reportsBlankPagesAsEmpty() throws IOException {
            Path pdf = PdfFixtures.blankPages(dir.resolve("blank.pdf"), 2);

            ExtractionResult result = extractor.extract(pdf);

            assertThat(result).isInstanceOfSatisfying(ExtractionResult.Failed.class, failed -> {
                assertThat(failed.kind()).isEqualTo(FailureKind.EMPTY);
                assertThat(failed.pageCount()).isEqualTo(2);
            });
        }
    }

    @Nested
    class Metadata {

        @Test
        void prefersXmpAndFallsBackToDocumentInformationFieldByField() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("meta.pdf"), List.of(ENGLISH));
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                PDDocumentInformation info = document.getDocumentInformation();
                info.setTitle("Microsoft Word - protocol_v3.docx");
                info.setAuthor("Ann Lee; Bo Chen");
                info.setSubject("Severe malaria in children");
                info.setKeywords("malaria, paediatrics; fluids");
                info.setCreationDate(calendar(2019, 3, 5));
                XMPMetadata xmp = XMPMetadata.createXMPMetadata();
                DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
                dc.setTitle("Management of severe malaria in children");
                XmpSerializer serializer = new XmpSerializer();
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                serializer.serialize(xmp, bytes, true);
                PDMetadata metadata = new PDMetadata(document);
                metadata.importXMPMetadata(bytes.toByteArray());
                document.getDocumentCatalog().setMetadata(metadata);
                document.save(dir.resolve("meta-out.pdf").toFile());
            } catch (javax.xml.transform.TransformerException e) {
                throw new IOException(e);
            }

            DocumentMetadata metadata = extracted(dir.resolve("meta-out.pdf")).metadata();

            assertThat(metadata.title()).isEqualTo("Management of severe malaria in children");
            assertThat(metadata.authors()).containsExactly("Ann Lee", "Bo Chen");
            assertThat(metadata.subject()).isEqualTo("Severe malaria in children");
            assertThat(metadata.keywords()).containsExactly("malaria", "paediatrics", "fluids");
            assertThat(metadata.created()).isEqualTo(LocalDate.of(2019, 3, 5));
            assertThat(metadata.language()).isEqualTo("en");
        }

        @Test
        void findsTheDoiOnTheFirstPagesTrimmedOfPunctuation() throws IOException {
            List<String> first = new ArrayList<>(ENGLISH);
            first.add("Cite as: J Trauma Manag Outcomes 2010, 4:1 (doi:10.1186/1752-2897-4-1).");
            Path pdf = PdfFixtures.pages(dir.resolve("doi.pdf"), List.of(first, ENGLISH));

            assertThat(extracted(pdf).metadata().doi()).isEqualTo("10.1186/1752-2897-4-1");
        }

        private static Calendar calendar(int year, int month, int day) {
            Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("Europe/Paris"), Locale.ROOT);
            calendar.clear();
            calendar.set(year, month - 1, day, 10, 0);
            return calendar;
        }
    }

    @Nested
    class Limits {

        @Test
        void stopsAtTheCharacterCapAndMarksTheResultTruncated() throws IOException {
            Path pdf = PdfFixtures.pages(dir.resolve("long.pdf"), List.of(ENGLISH, FRENCH, ENGLISH, FRENCH));
            DocumentExtractor capped =
                    new DocumentExtractor(new ExtractionLimits(Duration.ofSeconds(30), 250, 16L << 20, 1L << 30));

            ExtractionResult result = capped.extract(pdf);

            assertThat(result).isInstanceOfSatisfying(ExtractionResult.Extracted.class, extracted -> {
                assertThat(extracted.truncated()).isTrue();
                assertThat(extracted.characterCount()).isLessThanOrEqualTo(250);
                assertThat(extracted.pageCount()).isLessThan(4);
                assertThat(extracted.pages().get(0).text()).contains("treatment protocol");
            });
        }

        @Test
        void givesUpWithTimeoutOnALongDocumentAndReturnsPromptly() throws IOException {
            List<List<String>> pages = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                List<String> lines = new ArrayList<>();
                for (int j = 0; j < 40; j++) {
                    lines.add(ENGLISH.get(j % ENGLISH.size()) + " " + i + "." + j);
                }
                pages.add(lines);
            }
            Path pdf = PdfFixtures.pages(dir.resolve("300.pdf"), pages);
            DocumentExtractor hurried =
                    new DocumentExtractor(new ExtractionLimits(Duration.ofMillis(50), 5_000_000, 16L << 20, 1L << 30));

            long start = System.nanoTime();
            ExtractionResult result = hurried.extract(pdf);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result).isInstanceOfSatisfying(ExtractionResult.Failed.class, failed -> {
                assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(failed.detail()).contains("50 ms");
            });
            assertThat(took).isLessThan(Duration.ofSeconds(2));
        }
    }
}
