package org.alima.portal.api.operations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A backup's manifest of checksums, {@value #FILE}: one line per file, {@code <sha-256>  <path relative to the
 * backup>}, the format of coreutils' {@code sha256sum}, so that an operator can check a backup with {@code sha256sum
 * -c SHA256SUMS} too. Written last: a backup without it is incomplete. Stateless.
 */
final class Checksums {

    static final String FILE = "SHA256SUMS";

    private Checksums() {}

    /** Hashes every file under {@code backup} (but the manifest) and writes the manifest; returns the files' count. */
    static int write(Path backup) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(backup)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = relative(backup, file);
                if (!relative.equals(FILE)) {
                    lines.add(sha256(file) + "  " + relative);
                }
            }
        }
        Path temporary = backup.resolve(FILE + ".tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, backup.resolve(FILE));
        return lines.size();
    }

    /**
     * Checks every file the manifest lists against its checksum.
     *
     * @return the files checked
     * @throws BackupException naming the first file missing or changed, or the manifest's absence
     */
    static int verify(Path backup) throws IOException {
        Path manifest = backup.resolve(FILE);
        if (!Files.isRegularFile(manifest)) {
            throw new BackupException(backup + " is not a complete portal backup: it has no " + FILE
                    + " (a backup writes it last); choose another backup");
        }
        int checked = 0;
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            int split = line.indexOf("  ");
            if (split != 64) {
                throw new BackupException("the backup at " + backup + " is damaged: " + FILE
                        + " has a malformed line; nothing was restored");
            }
            String relative = line.substring(split + 2);
            Path file = backup.resolve(relative).normalize();
            if (!file.startsWith(backup) || !Files.isRegularFile(file)) {
                throw new BackupException("the backup at " + backup + " is damaged: " + relative
                        + " is missing; nothing was restored, use another backup");
            }
            if (!sha256(file).equals(line.substring(0, split))) {
                throw new BackupException("the backup at " + backup + " is damaged: " + relative
                        + " does not match its SHA-256 in " + FILE + "; nothing was restored, use another backup");
            }
            checked++;
        }
        return checked;
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
