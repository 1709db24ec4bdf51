package org.alima.portal.api.packs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * entry's name, size and SHA-256, the pack's version (its cache key) and build date. Not thread-safe.
 */
final class PackArchive {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    /** Adds an entry; a name given twice is refused, since the manifest could then list only one of them. */
    PackArchive add(String name, byte[] content) {
        if (name.isBlank() || name.startsWith("/") || name.contains("..") || name.equals("manifest.json")) {
            throw new IllegalArgumentException(
                    "pack entry name must be a relative path other than manifest.json, was '" + name + "'");
        }
        if (entries.putIfAbsent(name, content) != null) {
            throw new IllegalArgumentException("pack entry '" + name + "' was added twice");
        }
        return this;
    }

    void writeTo(OutputStream out, String version, Instant built) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            StringBuilder manifest = new StringBuilder("{\"version\":");
            Json.string(manifest, version);
            manifest.append(",\"built\":");
            Json.string(manifest, built.toString());
            manifest.append(",\"files\":[");
            boolean first = true;
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
                manifest.append(first ? "" : ",").append("{\"name\":");
                Json.string(manifest, entry.getKey());
                manifest.append(",\"bytes\":").append(entry.getValue().length).append(",\"sha256\":\"");
                manifest.append(sha256(entry.getValue())).append("\"}");
                first = false;
            }
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
