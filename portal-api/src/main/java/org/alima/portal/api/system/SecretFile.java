package org.alima.portal.api.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A random secret the portal creates once and keeps under {@code <data dir>/secrets/} (the directory mode 0700, the
 * file 0600: its owner only), so that nobody has to choose one. Created atomically: a crash leaves the old state or
 * the whole secret, never half of one. Stateless.
 */
final class SecretFile {

    private SecretFile() {}

    /** The directory the secrets of a data directory live in. */
    static Path directoryOf(Path dataDirectory) {
        return dataDirectory.resolve("secrets");
    }

    /**
     * The secret in {@code file}, created with {@code bytes} random bytes (base64url, no padding) when absent.
     *
     * @throws UncheckedIOException naming the file when it can be neither read nor created
     */
    static String readOrCreate(Path file, int bytes) {
        try {
            if (!Files.exists(file)) {
                Path directory = file.getParent();
                Files.createDirectories(directory);
                restrict(directory, "rwx------");
                byte[] random = new byte[bytes];
                new SecureRandom().nextBytes(random);
                Path temporary =
                        Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
                restrict(temporary, "rw-------");
                Files.writeString(
                        temporary,
                        Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                        StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException raced) {
                    Files.delete(temporary);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read or create the secret " + file + "; check the data directory's permissions", e);
        }
    }

    /** The file's POSIX permissions, or null on a file system without them. */
    static Set<PosixFilePermission> permissionsOf(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the data directory's own permissions protect it.
        }
    }
}
