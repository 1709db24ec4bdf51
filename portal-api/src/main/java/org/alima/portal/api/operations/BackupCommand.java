package org.alima.portal.api.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alima.portal.api.system.EmbeddedDatabase;
import org.alima.portal.api.system.PortalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backup --to DIR}: a copy of the portal's data directory that {@code restore} turns back into a portal, taken
 * while the portal runs (or not). Not thread-safe; one run per instance.
 *
 * <p>What it holds: the embedded PostgreSQL as a base backup ({@link BaseBackup}), the stored files (immutable and
 * content-addressed: copied before the database and once more after it, so that every file a row of the copy names is
 * there), and the secrets (the database's password, the token signing secret); {@value #PROPERTIES} says what it is,
 * {@value Checksums#FILE} holds every file's SHA-256 and is written last. Not the search index: it is derived from the
 * database and the files, and the first start after a restore rebuilds it (as it does for any missing index).
 *
 * <p>Direct access to the data directory and the embedded server, not an HTTP endpoint of the running portal: it works
 * whether the portal runs or not, needs no token, and PostgreSQL's own backup API gives the consistency for the
 * database while files, being immutable, need none.
 */
@Command(
        name = "backup",
        description = {
            "Backs up the portal's data directory (PORTAL_DATA_DIR) into a new or empty directory, while the portal"
                    + " runs or not: the embedded PostgreSQL (a consistent base backup), the stored files and the"
                    + " secrets, with a SHA256SUMS manifest. The search index is rebuilt after a restore.",
            "With an external PostgreSQL (PORTAL_DB_URL), the database is not included: back it up with its own tools"
                    + " (pg_dump) at the same time."
        })
public final class BackupCommand implements Callable<Integer> {

    static final String PROPERTIES = "backup.properties";

    /** The data directory's parts a backup copies; {@code index/} and {@code tmp/} are not among them. */
    static final List<String> PARTS = List.of("files", "secrets");

    private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(names = "--to", required = true, description = "The directory to write the backup into: new or empty.")
    Path to;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    public BackupCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try {
            PortalSettings settings = PortalSettings.fromEnvironment(environment);
            Path target = to.toAbsolutePath().normalize();
            String summary = backUp(settings, target);
            spec.commandLine().getOut().println(summary);
            return 0;
        } catch (BackupException | IllegalArgumentException e) {
            LOG.debug("Backup failed", e);
            spec.commandLine().getErr().println("backup: " + e.getMessage());
            return 1;
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.debug("Backup failed", e);
            spec.commandLine().getErr().println("backup: " + oneLine(e) + "; the backup at " + to + " is incomplete");
            return 1;
        }
    }

    private String backUp(PortalSettings settings, Path target) throws IOException, SQLException {
        Path data = settings.dataDirectory();
        Path stored = settings.filesDirectory();
        if (!Files.isDirectory(stored) && !Files.isDirectory(data.resolve("postgres"))) {
            throw new BackupException(
                    "no portal data at " + data + "; set PORTAL_DATA_DIR to the portal's data" + " directory");
        }
        if (target.startsWith(data)) {
            throw new BackupException("the backup cannot go inside the data directory " + data + "; choose another"
                    + " place, preferably another disk");
        }
        if (!DataDirectory.isEmpty(target)) {
            throw new BackupException(target + " is not empty; back up into a new or empty directory");
        }
        Files.createDirectories(target);
        // Files first: those a row of the database copy names were stored before the row was committed.
        int files = DataDirectory.copyNew(stored, target.resolve("files"), BackupCommand::isStored);
        List<String> properties = new ArrayList<>();
        properties.add("format=1");
        properties.add("created=" + Instant.now());
        String database;
        if (settings.usesEmbeddedDatabase()) {
            database = backUpEmbedded(settings, target.resolve("postgres"), properties);
        } else {
            properties.add("database=not-included");
            database = "the database is on an external PostgreSQL (PORTAL_DB_URL) and NOT included: back it up with"
                    + " pg_dump or your provider's tools";
        }
        // Then uploads stored while the database was copied.
        files += DataDirectory.copyNew(stored, target.resolve("files"), BackupCommand::isStored);
        DataDirectory.copyNew(data.resolve("secrets"), target.resolve("secrets"), relative -> true);
        properties.add("files=" + files);
        properties.add("index=rebuilt-at-first-start");
        Files.write(target.resolve(PROPERTIES), properties, StandardCharsets.UTF_8);
        int listed = Checksums.write(target);
        return String.format(
                Locale.ROOT,
                "Backed up %s to %s: %d stored files, %s; %d files, %.1f MB, each with its SHA-256 in %s. The search"
                        + " index is not copied: it is rebuilt at the first start after a restore.",
                data,
                target,
                files,
                database,
                listed,
                DataDirectory.size(target) / 1e6,
                Checksums.FILE);
    }

    /** Stored files only, not uploads still arriving nor copies being renamed into place (see FileStore). */
    private static boolean isStored(String relative) {
        return !relative.startsWith(".incoming") && !relative.endsWith(".part");
    }

    private static String backUpEmbedded(PortalSettings settings, Path target, List<String> properties)
            throws IOException, SQLException {
        Path pgData = settings.embeddedDatabaseDirectory();
        Path passwordFile = EmbeddedDatabase.passwordFile(pgData);
        if (!Files.isRegularFile(passwordFile)) {
            throw new BackupException("no embedded PostgreSQL password at " + passwordFile + "; is " + pgData
                    + " a portal's database? Start the portal once first");
        }
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        String url = "jdbc:postgresql://localhost:" + settings.embeddedDatabasePort() + "/postgres";
        EmbeddedDatabase started = null;
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, "postgres", password);
        } catch (SQLException notRunning) {
            // No portal runs on this data directory: start its server for the backup's time.
            started = EmbeddedDatabase.start(pgData, settings.embeddedDatabasePort());
            connection = DriverManager.getConnection(started.jdbcUrl(), started.user(), started.password());
        }
        try (Connection open = connection) {
            String lsn = BaseBackup.take(open, pgData, target);
            properties.add("database=embedded-base-backup");
            properties.add("database.consistent-at=" + lsn);
            String schema = schemaVersion(open);
            properties.add("schema=" + schema);
            return "the embedded PostgreSQL (base backup, consistent at " + lsn + ", schema version " + schema + ")";
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    private static String schemaVersion(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            return version.next() ? version.getString(1) : "none";
        } catch (SQLException e) {
            return "none";
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
