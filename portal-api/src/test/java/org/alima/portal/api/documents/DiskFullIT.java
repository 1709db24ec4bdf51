package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data directory on a real, small file system (a 32 MB tmpfs the test mounts: CI runs as root on machines that
 * allow it, as this one does), filled up: uploads are refused with 507 and leave nothing behind, and search goes on.
 * PostgreSQL is the test JVM's, on another disk.
 */
@MicronautTest
class DiskFullIT extends PortalTest {

    private static final int MB = 1024 * 1024;
    private static Path mount;

    private Path filler;
    private String word;
    private String kept;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("portal.data-dir", mount().toString());
        properties.put("portal.files.min-free-space", "1MB");
        // Uploads larger than the disk, which the tests' usual 1 MB limit would refuse first.
        properties.put("micronaut.server.multipart.max-file-size", "40MB");
        properties.put("micronaut.server.max-request-size", "50MB");
        return properties;
    }

    private static synchronized Path mount() {
        if (mount == null) {
            try {
                mount = Files.createTempDirectory("portal-disk-full");
                run("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", mount.toString());
            } catch (IOException e) {
                throw new AssertionError("cannot mount a tmpfs for the test", e);
            }
        }
        return mount;
    }

    @BeforeEach
    void keepOneDocument() {
        if (kept != null) {
            return;
        }
        word = Api.uniqueWord();
        kept = api.uploadAccepted("kept.txt", ("kept " + word).getBytes(StandardCharsets.UTF_8), null);
        api.awaitIndexed(kept);
    }

    @AfterEach
    void makeRoomAgain() throws IOException {
        if (filler != null) {
            Files.deleteIfExists(filler);
        }
    }

    @AfterAll
    void unmount() {
        // Lazily: the application context, closed after this, still holds the index open.
        run("umount", "-l", mount.toString());
    }

    @Test
    void refusesAnUploadLargerThanTheRoomLeftBeforeReceivingIt() {
        long documents = documentCount();
        List<Path> files = storedFiles();

        HttpResponse<String> response = api.upload(new Api.Multipart().file("big.pdf", random(20 * MB)));

        assertProblem(response, 507, "storage-full");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertNothingKept(documents, files);
        assertThat(api.finds(word, kept)).isTrue();
    }

    @Test
    void refusesAnUploadThatFillsTheDiskWhileItArrivesAndKeepsNothingOfIt() throws IOException {
        long documents = documentCount();
        List<Path> files = storedFiles();
        fillLeaving(6 * MB);

        // No Content-Length: the size is known only once the disk is full.
        HttpResponse<String> response = api.uploadChunked(new Api.Multipart().file("big.txt", text(10 * MB)));

        assertProblem(response, 507, "storage-full");
        assertNothingKept(documents, files);
        assertThat(api.finds(word, kept))
                .as("search goes on with the disk full")
                .isTrue();
    }

    @Test
    void takesUploadsAgainOnceThereIsRoom() throws IOException {
        fillLeaving(MB / 2);
        assertProblem(
                api.upload(
                        new Api.Multipart().file("small.txt", Api.uniqueWord().getBytes(StandardCharsets.UTF_8))),
                507,
                "storage-full");
        Files.delete(filler);
        filler = null;

        String id =
                api.uploadAccepted("small.txt", ("small " + Api.uniqueWord()).getBytes(StandardCharsets.UTF_8), null);
        api.awaitIndexed(id);
    }

    private void assertNothingKept(long documents, List<Path> files) {
        assertThat(documentCount()).as("no document row").isEqualTo(documents);
        assertThat(storedFiles()).as("no stored file").isEqualTo(files);
        assertThat(list(mount.resolve("files").resolve(".incoming")))
                .as("no half-received upload")
                .isEmpty();
    }

    private long documentCount() {
        Api admin = anonymous.as(TestAccounts.admin(anonymous));
        return read(admin.get("/api/documents?size=1")).get("totalItems").asLong();
    }

    private static List<Path> storedFiles() {
        try (Stream<Path> walk = Files.walk(mount.resolve("files"))) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> !path.getParent().getFileName().toString().equals(".incoming"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes a file that leaves about {@code room} bytes free on the mount. */
    private void fillLeaving(long room) throws IOException {
        filler = mount.resolve("filler");
        long size = Files.getFileStore(mount).getUsableSpace() - room;
        byte[] block = new byte[MB];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 7));
        }
        bytes[0] = '%';
        bytes[1] = 'P';
        bytes[2] = 'D';
        bytes[3] = 'F';
        bytes[4] = '-';
        return bytes;
    }

    private static byte[] text(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 80 == 79 ? '\n' : 'a' + i % 26);
        }
        return bytes;
    }

    private static void run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(
                        String.join(" ", command) + " failed (the test needs root, as CI has): " + output);
            }
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
