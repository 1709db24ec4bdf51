package org.alima.portal.api.system;

import java.nio.file.Path;
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
        Path file = SecretFile.directoryOf(dataDirectory).resolve("jwt-secret");
        String stored = SecretFile.readOrCreate(file, 48);
        if (stored.length() < MIN_LENGTH) {
            throw new IllegalStateException(file + " holds a signing secret shorter than " + MIN_LENGTH + " characters;"
                    + " delete it to have a new one generated (everyone will have to sign in again), or set "
                    + VARIABLE);
        }
        return stored;
    }
}
