package org.alima.portal.api.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.alima.portal.indexer.extract.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A received file's format is decided once, from its bytes, by portal-indexer's sniffer; what is refused is not kept. */
class FileStoreTest {

    @TempDir
    Path directory;

    private FileStore store() {
        Path data = directory.resolve("data");
        return new FileStore(data, 1 << 20, new DiskSpace(data.toString(), 0));
    }

    @Test
    void recognisesAPdfByItsSignatureWhateverItsName() throws IOException {
        assertThat(receive("scan.png", "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Format.PDF);
    }

    @Test
    void recognisesADocxAsAZipHoldingWordDocumentXml() throws IOException {
        assertThat(receive("report.docx", zip("word/document.xml"))).isEqualTo(Format.DOCX);
    }

    @Test
    void refusesAZipWithoutAWordDocument() throws IOException {
        assertRefused("report.docx", zip("xl/workbook.xml"), "Excel workbook");
    }

    @Test
    void refusesPngBytesNamedPdf() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

        assertRefused("scan.pdf", png, "PNG image");
    }

    @Test
    void recognisesHtmlByItsOpeningAfterABomAndWhitespace() throws IOException {
        assertThat(receive("page.txt", "\uFEFF\n  <!DOCTYPE html><html></html>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Format.HTML);
    }

    @Test
    void tellsMarkdownFromPlainTextByName() throws IOException {
        byte[] text = "# Titre\n\nTexte accentué.".getBytes(StandardCharsets.UTF_8);

        assertThat(receive("notes.md", text)).isEqualTo(Format.MARKDOWN);
        assertThat(receive("notes.txt", text)).isEqualTo(Format.TEXT);
    }

    @Test
    void refusesTextThatIsNotValidUtf8() throws IOException {
        assertRefused("latin1.txt", "Résumé".getBytes(StandardCharsets.ISO_8859_1), "another encoding");
    }

    @Test
    void refusesTextWithANulByte() throws IOException {
        assertRefused("binary.txt", new byte[] {'a', 0, 'b'}, "NUL");
    }

    @Test
    void refusesAMultiByteCharacterCutAtTheEnd() throws IOException {
        assertRefused("cut.txt", new byte[] {'a', (byte) 0xC3}, "another encoding");
    }

    @Test
    void acceptsAMultiByteCharacterAcrossTheReadBuffer() throws IOException {
        byte[] text = ("a".repeat(8191) + "é").getBytes(StandardCharsets.UTF_8);

        assertThat(receive("long.txt", text)).isEqualTo(Format.TEXT);
    }

    @Test
    void hashesTheBytesAsTheyAreStored() throws IOException {
        FileStore store = store();
        FileStore.IncomingFile incoming = store.receive(
                new ByteArrayInputStream("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)), SafeFileName.of("a.pdf"));

        String stored = store.store(incoming);

        assertThat(store.sha256Of(store.resolve(stored))).isEqualTo(incoming.sha256());
    }

    private Format receive(String name, byte[] content) throws IOException {
        FileStore.IncomingFile incoming = store().receive(new ByteArrayInputStream(content), SafeFileName.of(name));
        store().discard(incoming);
        return incoming.format();
    }

    private void assertRefused(String name, byte[] content, String why) throws IOException {
        assertThatThrownBy(() -> store().receive(new ByteArrayInputStream(content), SafeFileName.of(name)))
                .isInstanceOfSatisfying(
                        UploadRejectedException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(415))
                .hasMessageContaining(why);
        try (Stream<Path> left = Files.list(directory.resolve("data/files/.incoming"))) {
            assertThat(left).as("nothing kept of a refused file").isEmpty();
        }
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
