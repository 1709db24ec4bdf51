package org.alima.portal.api.system;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The portal's services without its HTTP server, for a command that writes through them (the import): the same
 * application context on the same database and data directory, whether the portal runs or not. Not thread-safe;
 * {@link #close()} it once.
 *
 * <p>Beside a running portal, it must not touch what that portal owns: its indexing workers stay off (the running
 * portal's pick up the queued jobs; a stopped portal's at its next start), it opens a throwaway search index of its
 * own rather than the portal's (whose lock the portal holds), and it leaves the portal's unfinished uploads in {@code
 * files/.incoming} alone (having started the embedded PostgreSQL itself, it removes those of a run that was killed). With the embedded PostgreSQL, it uses the server of the running portal when there is one,
 * and starts it for its own time otherwise.
 */
public final class PortalServices implements AutoCloseable {

    private final @Nullable EmbeddedDatabase started;
    private final ApplicationContext context;
    private final Path scratchIndex;
    private final boolean portalRunning;

    private PortalServices(
            @Nullable EmbeddedDatabase started, ApplicationContext context, Path scratchIndex, boolean portalRunning) {
        this.started = started;
        this.context = context;
        this.scratchIndex = scratchIndex;
        this.portalRunning = portalRunning;
    }

    /**
     * Starts the services as the environment variables say (see {@link PortalSettings}).
     *
     * @throws EmbeddedDatabase.EmbeddedDatabaseException when the embedded PostgreSQL cannot start
     * @throws IllegalArgumentException when a variable is wrong
     */
    public static PortalServices start(Map<String, String> environment) {
        PortalSettings settings = PortalSettings.fromEnvironment(environment);
        Map<String, Object> properties = new HashMap<>(settings.properties());
        properties.putAll(SigningSecret.properties(environment));
        properties.put("portal.indexing.enabled", "false");
        properties.put("logger.levels.root", "WARN");
        EmbeddedDatabase started = null;
        boolean running = false;
        if (settings.usesEmbeddedDatabase()) {
            Map<String, Object> found = EmbeddedDatabase.heldByAnotherProcess(settings.embeddedDatabaseDirectory())
                    ? runningEmbedded(settings)
                    : null;
            if (found != null) {
                properties.putAll(found);
                running = true;
            } else {
                started = EmbeddedDatabase.start(settings.embeddedDatabaseDirectory(), settings.embeddedDatabasePort());
                properties.putAll(started.datasourceProperties());
            }
        }
        // What uploads left in files/.incoming is removed only when no portal can be running: having started the
        // embedded database, this process owns the data directory (a portal on an external database may be running).
        properties.put("portal.files.remove-leftovers", String.valueOf(started != null));
        Path scratch;
        try {
            scratch = Files.createTempDirectory("portal-services");
        } catch (IOException e) {
            if (started != null) {
                started.close();
            }
            throw new UncheckedIOException("Cannot create a temporary directory; check java.io.tmpdir", e);
        }
        // Inside a directory of its own: the index keeps a lock file beside its directory, removed with it.
        properties.put("portal.index-dir", scratch.resolve("index").toString());
        ApplicationContext context = null;
        try {
            // The production configuration in every process, a test JVM included (no environment deduced from the
            // classpath).
            context = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .properties(properties)
                    .start();
            return new PortalServices(started, context, scratch, running);
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            if (started != null) {
                started.close();
            }
            deleteTree(scratch);
            throw e;
        }
    }

    /** The datasource of the embedded PostgreSQL a running portal serves on this data directory, or null. */
    private static @Nullable Map<String, Object> runningEmbedded(PortalSettings settings) {
        Path passwordFile = EmbeddedDatabase.passwordFile(settings.embeddedDatabaseDirectory());
        if (!Files.isRegularFile(passwordFile)) {
            return null;
        }
        try {
            String password =
                    Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            String url = "jdbc:postgresql://localhost:" + settings.embeddedDatabasePort() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
                return Map.of(
                        "datasources.default.url", url,
                        "datasources.default.username", "postgres",
                        "datasources.default.password", password);
            }
        } catch (IOException | SQLException notRunning) {
            return null;
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Whether a running portal serves the embedded database these services use. */
    public boolean besideRunningPortal() {
        return portalRunning;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            if (started != null) {
                started.close();
            }
            deleteTree(scratchIndex);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory: the system's cleaning removes what is left
        }
    }
}
