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
import org.junit.jupiter.api.Nested;
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

    @Nested
    class InAFilesDirectoryNodesShare {

        private FileStore node(String name) {
            Path data = directory.resolve(name);
            return new FileStore(data, directory.resolve("shared"), 1 << 20, new DiskSpace(data.toString(), 0));
        }

        private FileStore.IncomingFile receive(FileStore store, String text) throws IOException {
            return store.receive(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), SafeFileName.of("notes.txt"));
        }

        @Test
        void storesThereUnderThePathTheDatabaseAlwaysRecorded() throws IOException {
            FileStore one = node("one");
            FileStore.IncomingFile incoming = receive(one, "stored once, read by all");

            String stored = one.store(incoming);

            String hash = incoming.sha256();
            assertThat(stored).isEqualTo("files/" + hash.substring(0, 2) + "/" + hash);
            assertThat(directory.resolve("shared").resolve(hash.substring(0, 2)).resolve(hash))
                    .hasContent("stored once, read by all");
            assertThat(directory.resolve("one/files").resolve(hash.substring(0, 2)))
                    .doesNotExist();
        }

        @Test
        void anotherNodeReadsWhatOneStoredAndKeepsItWhenItStoresTheSameBytes() throws IOException {
            FileStore one = node("one");
            FileStore two = node("two");
            String stored = one.store(receive(one, "the same bytes"));
            FileStore.IncomingFile again = receive(two, "the same bytes");

            assertThat(two.store(again)).isEqualTo(stored);
            assertThat(two.resolve(stored)).hasContent("the same bytes");
            assertThat(again.path()).doesNotExist();
        }

        @Test
        void aNodeStartingLeavesTheUploadsAnotherIsReceiving() throws IOException {
            FileStore.IncomingFile arriving = receive(node("one"), "still arriving");

            node("two");

            assertThat(arriving.path()).exists();
        }

        @Test
        void refusesAStoragePathThatLeavesTheFilesDirectory() {
            FileStore store = node("one");

            assertThatThrownBy(() -> store.resolve("files/../one/node-id")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.resolve("postgres/PG_VERSION")).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void reachesAFilesDirectoryOnAnotherFileSystemByACopyRenamedInPlace() throws IOException {
            Path elsewhere = Files.createTempDirectory(Path.of("/dev/shm"), "portal-files");
            try {
                assertThat(Files.getFileStore(elsewhere))
                        .as("/dev/shm is another file system than the test's directory")
                        .isNotEqualTo(Files.getFileStore(directory));
                Path data = directory.resolve("one");
                FileStore store = new FileStore(data, elsewhere, 1 << 20, new DiskSpace(data.toString(), 0));
                FileStore.IncomingFile incoming = receive(store, "copied across file systems");

                String stored = store.store(incoming);

                assertThat(store.resolve(stored)).hasContent("copied across file systems");
                assertThat(incoming.path()).doesNotExist();
                try (Stream<Path> beside = Files.list(store.resolve(stored).getParent())) {
                    assertThat(beside).as("no temporary copy left").hasSize(1);
                }
            } finally {
                try (Stream<Path> paths = Files.walk(elsewhere)) {
                    for (Path path :
                            paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }

    /**
     * A shared files directory on a disk of its own, nearly full: a real 1 MB tmpfs the test mounts (the tests run as
     * root, as {@code DiskFullIT}'s do).
     */
    @Nested
    class OnAFullDiskOfItsOwn {

        @Test
        void refusesAnUploadItCannotHoldAndLeavesNoPartOfACopyThatRanOutOfRoom() throws Exception {
            Path disk = Files.createTempDirectory("portal-shared-files");
            mount(disk);
            try {
                Files.write(disk.resolve("filler"), new byte[600 * 1024]);
                Path data = directory.resolve("one");
                DiskSpace space = new DiskSpace(data.toString(), disk.toString(), 0);
                FileStore store = new FileStore(data, disk, 1 << 20, space);
                FileStore.IncomingFile incoming = store.receive(
                        new ByteArrayInputStream("a".repeat(900 * 1024).getBytes(StandardCharsets.UTF_8)),
                        SafeFileName.of("notes.txt"));

                assertThatThrownBy(() -> space.requireRoomForUpload(incoming.size()))
                        .isInstanceOf(StorageFullException.class);
                assertThatThrownBy(() -> store.store(incoming)).isInstanceOf(StorageFullException.class);
                try (Stream<Path> left = Files.walk(disk)) {
                    assertThat(left.filter(Files::isRegularFile)).containsExactly(disk.resolve("filler"));
                }
            } finally {
                run("umount", disk.toString());
                Files.delete(disk);
            }
        }

        private static void mount(Path disk) throws IOException, InterruptedException {
            run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString());
        }

        private static void run(String... command) throws IOException, InterruptedException {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor())
                    .as(String.join(" ", command) + ": " + output)
                    .isZero();
        }
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
