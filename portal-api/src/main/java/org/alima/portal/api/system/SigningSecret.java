package org.alima.portal.api.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The secret that signs access and refresh tokens: {@code PORTAL_JWT_SECRET} when set, otherwise a random one created
 * once under the data directory (readable by its owner only), so that sessions survive a restart without anyone
 * choosing a secret. Several portal processes behind one address must share PORTAL_JWT_SECRET.
 */
final class SigningSecret {

    static final String VARIABLE = "PORTAL_JWT_SECRET";

    /** HS256 wants at least 256 bits. */
    static final int MIN_LENGTH = 32;

    private SigningSecret() {}

    static String resolve(Map<String, String> environment, Path dataDirectory) {
        String given = environment.getOrDefault(VARIABLE, "").strip();
        if (!given.isEmpty()) {
            if (given.length() < MIN_LENGTH) {
                throw new IllegalArgumentException(VARIABLE + " must be at least " + MIN_LENGTH
                        + " characters (256 bits for HS256); generate one with `openssl rand -base64 48`");
            }
            return given;
        }
        Path file = dataDirectory.resolve("secrets").resolve("jwt-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Path temporary = Files.createTempFile(file.getParent(), "jwt-secret", ".tmp");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system (Windows): the data directory's own permissions protect it.
                }
                Files.writeString(temporary, secret, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException raced) {
                    Files.delete(temporary);
                }
            }
            String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (stored.length() < MIN_LENGTH) {
                throw new IllegalStateException(
                        file + " holds a signing secret shorter than " + MIN_LENGTH + " characters; delete it to have"
                                + " a new one generated (everyone will have to sign in again)");
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or create the token signing secret " + file + "; check the data directory's"
                            + " permissions, or set " + VARIABLE,
                    e);
        }
    }
}
