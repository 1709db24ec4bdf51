package org.alima.portal.api.packs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an offline pack's ZIP: its entries in the order they were added, then {@code manifest.json} listing each
 * entry's name, size and SHA-256, the pack's version (its cache key) and build date. Files added by path are streamed
 * from disk when the ZIP is written, hashed on the way, so a pack of many PDFs is never held in memory. Not
 * thread-safe.
 */
final class PackArchive {

    private static final int BUFFER = 64 * 1024;

    /** Each entry's content: bytes in memory, or a {@link Path} read when the ZIP is written. */
    private final Map<String, Object> entries = new LinkedHashMap<>();

    /** Adds an entry; a name given twice is refused, since the manifest could then list only one of them. */
    PackArchive add(String name, byte[] content) {
        return put(name, content);
    }

    /** Adds the file at {@code file} under {@code name}, read when the ZIP is written. */
    PackArchive add(String name, Path file) {
        return put(name, file);
    }

    private PackArchive put(String name, Object content) {
        if (name.isBlank() || name.startsWith("/") || name.contains("..") || name.equals("manifest.json")) {
            throw new IllegalArgumentException(
                    "pack entry name must be a relative path other than manifest.json, was '" + name + "'");
        }
        if (entries.putIfAbsent(name, content) != null) {
            throw new IllegalArgumentException("pack entry '" + name + "' was added twice");
        }
        return this;
    }

    /** @throws IOException when writing fails, or a file added by path cannot be read (the cause names it) */
    void writeTo(OutputStream out, String version, Instant built) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            StringBuilder manifest = new StringBuilder("{\"version\":");
            Json.string(manifest, version);
            manifest.append(",\"built\":");
            Json.string(manifest, built.toString());
            manifest.append(",\"files\":[");
            boolean first = true;
            for (Map.Entry<String, Object> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                MessageDigest digest = sha256();
                long size;
                if (entry.getValue() instanceof byte[] bytes) {
                    zip.write(bytes);
                    digest.update(bytes);
                    size = bytes.length;
                } else {
                    size = copy((Path) entry.getValue(), zip, digest);
                }
                zip.closeEntry();
                manifest.append(first ? "" : ",").append("{\"name\":");
                Json.string(manifest, entry.getKey());
                manifest.append(",\"bytes\":").append(size).append(",\"sha256\":\"");
                manifest.append(HexFormat.of().formatHex(digest.digest())).append("\"}");
                first = false;
            }
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static long copy(Path file, OutputStream zip, MessageDigest digest) throws IOException {
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                zip.write(buffer, 0, read);
                digest.update(buffer, 0, read);
                size += read;
            }
        }
        return size;
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
