package org.alima.portal.api.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the process environment says before Micronaut starts: where the data lives and which database to use.
 * Immutable.
 *
 * <p>These few settings are read here, and not from Micronaut's configuration, because they decide whether a
 * database must be started before the application context can exist.
 *
 * @param dataDirectory root of everything the portal writes: {@code postgres/} (embedded database), {@code files/}
 *     (stored files, unless {@code filesDirectory} is elsewhere; this node's uploads in progress in any case), the
 *     search index
 * @param filesDirectory where stored files live: {@code PORTAL_FILES_DIR}, a directory several nodes may share, or
 *     {@code <dataDirectory>/files}
 * @param externalDatabaseUrl JDBC URL of an external PostgreSQL, or null for the embedded one
 * @param embeddedDatabasePort localhost port of the embedded PostgreSQL
 * @param httpPort port of the HTTP server, or null for the configured default (8080)
 */
public record PortalSettings(
        Path dataDirectory,
        Path filesDirectory,
        String externalDatabaseUrl,
        String externalDatabaseUser,
        String externalDatabasePassword,
        int embeddedDatabasePort,
        Integer httpPort) {

    public static final String DATA_DIR = "PORTAL_DATA_DIR";
    public static final String FILES_DIR = "PORTAL_FILES_DIR";
    public static final String DB_URL = "PORTAL_DB_URL";
    public static final String DB_USER = "PORTAL_DB_USER";
    public static final String DB_PASSWORD = "PORTAL_DB_PASSWORD";
    public static final String EMBEDDED_DB_PORT = "PORTAL_EMBEDDED_DB_PORT";
    public static final String PORT = "PORTAL_PORT";

    /** Port of the embedded PostgreSQL unless configured: off the standard 5432 so that a local server is left alone. */
    public static final int DEFAULT_EMBEDDED_DB_PORT = 54329;

    /**
     * Reads the settings from environment variables.
     *
     * @throws IllegalArgumentException naming the variable when a port is not a number within 1..65535
     */
    public static PortalSettings fromEnvironment(Map<String, String> environment) {
        String dataDir = environment.getOrDefault(DATA_DIR, "");
        String url = environment.getOrDefault(DB_URL, "");
        String filesDir = environment.getOrDefault(FILES_DIR, "");
        Path data =
                Path.of(dataDir.isBlank() ? "./data" : dataDir).toAbsolutePath().normalize();
        return new PortalSettings(
                data,
                filesDir.isBlank()
                        ? data.resolve("files")
                        : Path.of(filesDir).toAbsolutePath().normalize(),
                url.isBlank() ? null : url,
                environment.get(DB_USER),
                environment.get(DB_PASSWORD),
                port(environment, EMBEDDED_DB_PORT, DEFAULT_EMBEDDED_DB_PORT),
                environment.containsKey(PORT) ? port(environment, PORT, 8080) : null);
    }

    public boolean usesEmbeddedDatabase() {
        return externalDatabaseUrl == null;
    }

    public Path embeddedDatabaseDirectory() {
        return dataDirectory.resolve("postgres");
    }

    /** Micronaut properties derived from these settings, except those of an embedded database. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("portal.data-dir", dataDirectory.toString());
        properties.put("portal.files-dir", filesDirectory.toString());
        if (httpPort != null) {
            properties.put("micronaut.server.port", httpPort);
        }
        if (!usesEmbeddedDatabase()) {
            properties.put("datasources.default.url", externalDatabaseUrl);
            properties.put("datasources.default.username", externalDatabaseUser == null ? "" : externalDatabaseUser);
            properties.put(
                    "datasources.default.password", externalDatabasePassword == null ? "" : externalDatabasePassword);
        }
        return properties;
    }

    private static int port(Map<String, String> environment, String name, int fallback) {
        String value = environment.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a port number within 1..65535, got '" + value + "'");
    }
}
