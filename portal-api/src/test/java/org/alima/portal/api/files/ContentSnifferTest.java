package org.alima.portal.api.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentSnifferTest {

    @TempDir
    Path directory;

    @Test
    void recognisesAPdfByItsSignatureWhateverItsName() throws IOException {
        assertThat(sniff("scan.png", "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII)))
                .contains(StoredMediaType.PDF);
    }

    @Test
    void recognisesADocxAsAZipHoldingWordDocumentXml() throws IOException {
        assertThat(sniff("report.docx", zip("word/document.xml"))).contains(StoredMediaType.DOCX);
    }

    @Test
    void refusesAZipWithoutAWordDocument() throws IOException {
        assertThat(sniff("report.docx", zip("xl/workbook.xml"))).isEmpty();
    }

    @Test
    void refusesPngBytesNamedPdf() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

        assertThat(sniff("scan.pdf", png)).isEmpty();
    }

    @Test
    void recognisesHtmlByItsOpeningAfterABomAndWhitespace() throws IOException {
        assertThat(sniff("page.txt", "\uFEFF\n  <!DOCTYPE html><html></html>".getBytes(StandardCharsets.UTF_8)))
                .contains(StoredMediaType.HTML);
    }

    @Test
    void tellsMarkdownFromPlainTextByName() throws IOException {
        byte[] text = "# Titre\n\nTexte accentué.".getBytes(StandardCharsets.UTF_8);

        assertThat(sniff("notes.md", text)).contains(StoredMediaType.MARKDOWN);
        assertThat(sniff("notes.txt", text)).contains(StoredMediaType.TEXT);
    }

    @Test
    void refusesTextThatIsNotValidUtf8() throws IOException {
        assertThat(sniff("latin1.txt", "Résumé".getBytes(StandardCharsets.ISO_8859_1)))
                .isEmpty();
    }

    @Test
    void refusesTextWithANulByte() throws IOException {
        assertThat(sniff("binary.txt", new byte[] {'a', 0, 'b'})).isEmpty();
    }

    @Test
    void acceptsAMultiByteCharacterSplitAcrossChunks() throws IOException {
        byte[] text = "aé".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(directory.resolve("split.txt"), text);
        ContentSniffer sniffer = new ContentSniffer();

        sniffer.update(text, 0, 2);
        sniffer.update(text, 2, 1);

        assertThat(sniffer.finish(file, SafeFileName.of("split.txt"))).contains(StoredMediaType.TEXT);
    }

    @Test
    void refusesAMultiByteCharacterCutAtTheEnd() throws IOException {
        byte[] text = {'a', (byte) 0xC3};

        assertThat(sniff("cut.txt", text)).isEmpty();
    }

    private Optional<StoredMediaType> sniff(String name, byte[] content) throws IOException {
        Path file = Files.write(directory.resolve("file"), content);
        ContentSniffer sniffer = new ContentSniffer();
        sniffer.update(content, 0, content.length);
        return sniffer.finish(file, SafeFileName.of(name));
    }

    private byte[] zip(String entry) throws IOException {
        Path file = directory.resolve("archive.zip");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return Files.readAllBytes(file);
    }
}
