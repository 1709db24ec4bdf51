package org.alima.portal.api.system;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This portal node's name among the nodes sharing a database: random, created once in its data directory ({@code
 * node-id}) and kept across restarts, so that work a node records as its own (an import it runs) is found again by
 * that node after a restart and never taken for its own by another. Immutable.
 */
@Singleton
public final class NodeName {

    private final String value;

    NodeName(@Value("${portal.data-dir}") String dataDirectory) {
        this.value =
                readOrCreate(Path.of(dataDirectory).toAbsolutePath().normalize().resolve("node-id"));
    }

    /** Sixteen lower-case hex digits. */
    public String value() {
        return value;
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[8];
                new SecureRandom().nextBytes(random);
                Path temporary = Files.createTempFile(file.getParent(), "node-id", ".tmp");
                Files.writeString(temporary, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException raced) {
                    Files.delete(temporary);
                }
            }
            String name = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!name.matches("[0-9a-f]{16}")) {
                throw new IllegalStateException(
                        file + " does not hold a node name (16 hex digits); delete it to have a" + " new one made");
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file + "; make PORTAL_DATA_DIR writable", e);
        }
    }
}
