package org.alima.portal.api.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL server run by this process on a persistent data directory: the portal's default when no external
 * database is configured. Started once, closed once; not meant to be shared between threads while it starts or stops.
 *
 * <p>The data directory is never cleaned, so stopping and starting again on the same directory finds everything as
 * it was. The server listens on localhost only, with the {@code postgres} superuser and trust authentication.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (created when missing, initialised when empty) listening on
     * {@code port} of localhost.
     *
     * @throws EmbeddedDatabaseException when the directory cannot be created or the server does not start, e.g.
     *     because the port is taken or another process already runs a server on the same directory
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 1..65535, got " + port);
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedDatabase(postgres, directory);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseException(
                    "Could not start the embedded PostgreSQL on " + directory + " at port " + port
                            + ". Is another portal running on this data directory, or the port taken? Set"
                            + " PORTAL_EMBEDDED_DB_PORT to another port, or PORTAL_DB_URL to use an external server.",
                    e);
        }
    }

    /** The {@code datasources.default.*} properties that point Micronaut at this server. */
    public Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server with a fast shutdown; committed data stays in the data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL on " + dataDirectory, e);
        }
    }

    /** The embedded server could not be started. */
    public static final class EmbeddedDatabaseException extends RuntimeException {
        EmbeddedDatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
