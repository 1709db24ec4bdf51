package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocxExtractionTest {

    @TempDir
    Path dir;

    final DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());

    @Test
    void readsParagraphsAndTablesInOrderAndSplitsPagesAtBreaks() throws IOException {
        Path file = dir.resolve("protocol.docx");
        try (XWPFDocument docx = new XWPFDocument()) {
            paragraph(docx, "Protocol for the management of severe acute malnutrition in children.");
            XWPFTable table = docx.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Weight");
            table.getRow(0).getCell(1).setText("F-75 volume");
            table.getRow(1).getCell(0).setText("5 kg");
            table.getRow(1).getCell(1).setText("65 ml");
            XWPFRun run = docx.createParagraph().createRun();
            run.setText("Last line of the first page.");
            run.addBreak(BreakType.PAGE);
            // Word leaves a rendered-break marker right after an explicit break: it must not open an empty page
            XWPFRun next = docx.createParagraph().createRun();
            next.getCTR().addNewLastRenderedPageBreak();
            next.setText("Deuxième page : le protocole de prise en charge nutritionnelle est décrit ici.");
            XWPFRun rendered = docx.createParagraph().createRun();
            rendered.getCTR().addNewLastRenderedPageBreak();
            rendered.setText("Third page, where Word laid out the next page when the file was last saved.");
            XWPFParagraph before = paragraph(docx, "Fourth page starts with a paragraph marked page break before.");
            before.setPageBreak(true);
            POIXMLProperties.CoreProperties core = docx.getProperties().getCoreProperties();
            core.setTitle("Severe acute malnutrition protocol");
            core.setCreator("Ann Lee; Bo Chen");
            core.setSubjectProperty("Nutrition");
            core.setKeywords("malnutrition, F-75; children");
            core.setCreated(Optional.of(java.util.Date.from(java.time.Instant.parse("2021-06-01T10:00:00Z"))));
            save(docx, file);
        }

        ExtractionResult result = extractor.extract(file);

        assertThat(result).isInstanceOfSatisfying(ExtractionResult.Extracted.class, extracted -> {
            assertThat(extracted.mediaType())
                    .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            assertThat(extracted.pages()).hasSize(4);
            assertThat(extracted.pages().get(0).text())
                    .contains("Protocol for the management")
                    .contains("Weight\tF-75 volume")
                    .contains("5 kg\t65 ml")
                    .contains("Last line of the first page.");
            assertThat(extracted.pages().get(0).text().indexOf("Protocol"))
                    .isLessThan(extracted.pages().get(0).text().indexOf("Weight"));
            assertThat(extracted.pages().get(1).text()).startsWith("Deuxième page");
            assertThat(extracted.pages().get(1).language()).isEqualTo("fr");
            assertThat(extracted.pages().get(2).text()).startsWith("Third page");
            assertThat(extracted.pages().get(3).text()).startsWith("Fourth page");
            DocumentMetadata metadata = extracted.metadata();
            assertThat(metadata.title()).isEqualTo("Severe acute malnutrition protocol");
            assertThat(metadata.authors()).containsExactly("Ann Lee", "Bo Chen");
            assertThat(metadata.subject()).isEqualTo("Nutrition");
            assertThat(metadata.keywords()).containsExactly("malnutrition", "F-75", "children");
            assertThat(metadata.created()).isEqualTo(LocalDate.of(2021, 6, 1));
            assertThat(metadata.language()).isEqualTo("en");
        });
    }

    @Test
    void treatsADocumentWithoutBreaksAsOnePage() throws IOException {
        Path file = dir.resolve("note.docx");
        try (XWPFDocument docx = new XWPFDocument()) {
            paragraph(docx, "A short note without any page break.");
            paragraph(docx, "Second paragraph.");
            save(docx, file);
        }

        ExtractionResult.Extracted result = (ExtractionResult.Extracted) extractor.extract(file);

        assertThat(result.pages()).hasSize(1);
        assertThat(result.pages().get(0).text()).isEqualTo("A short note without any page break.\nSecond paragraph.\n");
    }

    @Test
    void reportsAWordDocumentWithoutTextAsEmpty() throws IOException {
        Path file = dir.resolve("blank.docx");
        try (XWPFDocument docx = new XWPFDocument()) {
            docx.createParagraph();
            save(docx, file);
        }

        assertThat(extractor.extract(file))
                .isInstanceOfSatisfying(
                        ExtractionResult.Failed.class,
                        failed -> assertThat(failed.kind()).isEqualTo(FailureKind.EMPTY));
    }

    @Test
    void reportsADamagedWordDocumentAsMalformed() throws IOException {
        Path file = dir.resolve("protocol.docx");
        try (XWPFDocument docx = new XWPFDocument()) {
            paragraph(docx, "Some text.");
            save(docx, file);
        }
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.docx"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(extractor.extract(cut))
                .isInstanceOfSatisfying(
                        ExtractionResult.Failed.class,
                        failed -> assertThat(failed.kind()).isEqualTo(FailureKind.MALFORMED));
    }

    @Test
    void refusesAPasswordProtectedWordDocument() throws Exception {
        Path plain = dir.resolve("plain.docx");
        try (XWPFDocument docx = new XWPFDocument()) {
            paragraph(docx, "Confidential protocol.");
            save(docx, plain);
        }
        Path protectedFile = dir.resolve("protected.docx");
        try (POIFSFileSystem container = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream encrypted = encryptor.getDataStream(container)) {
                Files.copy(plain, encrypted);
            }
            try (OutputStream out = Files.newOutputStream(protectedFile)) {
                container.writeFilesystem(out);
            }
        }

        assertThat(extractor.extract(protectedFile))
                .isInstanceOfSatisfying(
                        ExtractionResult.Failed.class,
                        failed -> assertThat(failed.kind()).isEqualTo(FailureKind.ENCRYPTED));
    }

    @Test
    void refusesAtOnceADocxWhoseTextExpandsBeyondTheBoundWithoutLookingLikeAZipBomb() throws IOException {
        Path small = dir.resolve("small.docx");
        try (XWPFDocument docx = new XWPFDocument()) {
            paragraph(docx, "A short protocol.");
            save(docx, small);
        }
        // The same package with a body of 80 MB of words: it compresses about 5 to 1, an ordinary ratio.
        Path large = dir.resolve("large.docx");
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(small));
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(large))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml")) {
                    writeLongBody(out, 80L << 20);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        long started = System.nanoTime();

        ExtractionResult result = extractor.extract(large);

        assertThat(result).isInstanceOfSatisfying(ExtractionResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.TOO_LARGE);
            assertThat(failed.detail()).contains(String.valueOf(DocxExtractor.MAX_PART_BYTES));
        });
        assertThat((System.nanoTime() - started) / 1e9).as("seconds").isLessThan(20);
    }

    private static void writeLongBody(OutputStream out, long bytes) throws IOException {
        String[] words = {"malnutrition ", "enfant ", "protocole ", "dose ", "poids ", "semaine ", "zinc ", "F-75 "};
        java.util.Random random = new java.util.Random(7);
        out.write(("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                        + "<w:body><w:p><w:r><w:t>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder chunk = new StringBuilder();
        for (long written = 0; written < bytes; written += chunk.length()) {
            chunk.setLength(0);
            while (chunk.length() < 60_000) {
                chunk.append(words[random.nextInt(words.length)])
                        .append(random.nextInt(1000))
                        .append(' ');
            }
            out.write(chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static XWPFParagraph paragraph(XWPFDocument docx, String text) {
        XWPFParagraph paragraph = docx.createParagraph();
        paragraph.createRun().setText(text);
        return paragraph;
    }

    private static void save(XWPFDocument docx, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            docx.write(out);
        }
    }
}
