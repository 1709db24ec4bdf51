package org.alima.portal.api.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.alima.portal.api.documents.DocumentCount;
import org.alima.portal.api.system.EmbeddedDatabase;
import org.alima.portal.api.system.PortalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code restore --from DIR}: turns a {@link BackupCommand backup} back into a portal's data directory, which must be
 * new or empty. Every file is checked against {@value Checksums#FILE} before anything is written; then the files are
 * copied, and the embedded PostgreSQL is started once on the copy, which replays its log to the backup's point, and
 * read to count what was restored. The search index is rebuilt by the portal's first start. Not thread-safe; one run
 * per instance.
 */
@Command(
        name = "restore",
        description = {
            "Restores a backup made by 'backup' into the data directory (PORTAL_DATA_DIR), which must be new or empty."
                    + " The backup's SHA-256 checksums are verified first; the search index is rebuilt when the"
                    + " portal starts.",
            "With an external PostgreSQL (PORTAL_DB_URL), restore its database with its own tools first."
        })
public final class RestoreCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreCommand.class);

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(names = "--from", required = true, description = "The backup's directory.")
    Path from;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    public RestoreCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PortalSettings settings;
        try {
            settings = PortalSettings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("restore: " + e.getMessage());
            return 1;
        }
        Path backup = from.toAbsolutePath().normalize();
        Path data = settings.dataDirectory();
        boolean written = false;
        try {
            if (!Files.isDirectory(backup)) {
                throw new BackupException("no backup at " + backup + "; give the directory that 'backup --to' wrote");
            }
            int checked = Checksums.verify(backup);
            Map<String, String> properties = properties(backup);
            if (!DataDirectory.isEmpty(data)) {
                throw new BackupException("the data directory " + data + " is not empty; restore only into a new or"
                        + " empty directory (set PORTAL_DATA_DIR), so that nothing is overwritten");
            }
            boolean embeddedBackup = "embedded-base-backup".equals(properties.get("database"));
            if (embeddedBackup && !settings.usesEmbeddedDatabase()) {
                throw new BackupException("the backup holds an embedded PostgreSQL but PORTAL_DB_URL names an external"
                        + " one; unset PORTAL_DB_URL to restore it as the embedded database");
            }
            written = true;
            Files.createDirectories(data);
            for (String part : BackupCommand.PARTS) {
                // Stored files by content address: into a shared files directory, only those it lacks are added.
                Path into = part.equals("files") ? settings.filesDirectory() : data.resolve(part);
                DataDirectory.copyNew(backup.resolve(part), into, relative -> true);
            }
            restrict(data.resolve("secrets"));
            String database;
            if (embeddedBackup) {
                Path pgData = settings.embeddedDatabaseDirectory();
                DataDirectory.copyNew(backup.resolve("postgres"), pgData, relative -> true);
                // PostgreSQL refuses a data directory that others may read.
                Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
                database = "the embedded PostgreSQL, recovered to the backup's point with " + countDocuments(settings)
                        + " documents";
            } else {
                database = "no database (the backup's was an external PostgreSQL: restore it with its own tools)";
            }
            spec.commandLine()
                    .getOut()
                    .println("Restored " + backup + " (" + checked + " files, checksums verified) into " + data + ": "
                            + database + ", the stored files and the secrets. Start the portal: it rebuilds the"
                            + " search index from them.");
            return 0;
        } catch (BackupException e) {
            LOG.debug("Restore failed", e);
            return failed(e.getMessage(), data, written);
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.debug("Restore failed", e);
            return failed(BackupCommand.oneLine(e), data, written);
        }
    }

    private int failed(String message, Path data, boolean written) {
        if (written) {
            try {
                DataDirectory.empty(data);
            } catch (IOException e) {
                LOG.warn("Could not empty {} after a failed restore", data, e);
            }
        }
        spec.commandLine()
                .getErr()
                .println("restore: " + message + (written ? "; " + data + " was emptied again" : ""));
        return 1;
    }

    private static Map<String, String> properties(Path backup) throws IOException {
        Path file = backup.resolve(BackupCommand.PROPERTIES);
        Map<String, String> properties = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                properties.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        if (!"1".equals(properties.get("format"))) {
            throw new BackupException(backup + " was written by another version of the portal (format "
                    + properties.get("format") + "); restore it with that version");
        }
        return properties;
    }

    /** Starts the restored server once (it replays its log up to the backup's point) and counts its documents. */
    private static long countDocuments(PortalSettings settings) throws SQLException {
        try (EmbeddedDatabase database =
                        EmbeddedDatabase.start(settings.embeddedDatabaseDirectory(), settings.embeddedDatabasePort());
                Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            return DocumentCount.in(connection);
        }
    }

    private static void restrict(Path secrets) throws IOException {
        if (!Files.isDirectory(secrets)) {
            return;
        }
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(secrets)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }
}
