package org.alima.portal.api.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackArchiveTest {

    @Test
    void lists_every_entry_with_its_checksum_in_the_manifest() throws IOException {
        byte[] pdf = "%PDF-1.7 fake bytes".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        new PackArchive()
                .add("index.html", "<html></html>".getBytes(StandardCharsets.UTF_8))
                .add("documents/a.pdf", pdf)
                .writeTo(zip, "v1", Instant.parse("2026-12-04T13:00:00Z"));

        Map<String, byte[]> read = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                read.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(read).containsOnlyKeys("index.html", "documents/a.pdf", "manifest.json");
        assertThat(new String(read.get("manifest.json"), StandardCharsets.UTF_8))
                .contains("\"version\":\"v1\"", "\"built\":\"2026-12-04T13:00:00Z\"")
                .contains("{\"name\":\"documents/a.pdf\",\"bytes\":" + pdf.length + ",\"sha256\":\""
                        + PackArchive.sha256(pdf) + "\"}");
        assertThat(PackArchive.sha256(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void streams_a_file_added_by_path_and_lists_its_checksum(@TempDir Path folder) throws IOException {
        byte[] pdf = new byte[200_000];
        new java.util.Random(7).nextBytes(pdf);
        Path file = Files.write(folder.resolve("a.pdf"), pdf);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        new PackArchive().add("files/01-a.pdf", file).writeTo(zip, "v2", Instant.parse("2026-12-04T13:00:00Z"));

        Map<String, byte[]> read = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                read.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(read.get("files/01-a.pdf")).isEqualTo(pdf);
        assertThat(new String(read.get("manifest.json"), StandardCharsets.UTF_8))
                .contains("{\"name\":\"files/01-a.pdf\",\"bytes\":200000,\"sha256\":\"" + PackArchive.sha256(pdf)
                        + "\"}");
    }

    @Test
    void refuses_a_name_that_climbs_out_or_repeats() {
        assertThatThrownBy(() -> new PackArchive().add("../etc/passwd", new byte[0]))
                .hasMessageContaining("relative path");
        assertThatThrownBy(() -> new PackArchive().add("manifest.json", new byte[0]))
                .hasMessageContaining("manifest.json");
        assertThatThrownBy(() -> new PackArchive().add("a", new byte[0]).add("a", new byte[0]))
                .hasMessageContaining("twice");
    }
}
