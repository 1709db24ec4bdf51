package org.alima.portal.api.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a dead portal process may have left on its embedded PostgreSQL's data directory, before the server is
 * started on it again; called only by the process that holds the directory's owner lock, so that whatever it finds
 * belongs to no living portal. Stateless.
 *
 * <p>The server runs apart from the JVM that started it ({@code pg_ctl} detaches it): when the JVM is killed alone, as
 * an out-of-memory killer does, PostgreSQL goes on running, holding the directory and the port, and a new server
 * would refuse to start. It is stopped here with its own smart shutdown (SIGTERM: its clients died with the JVM, so it
 * finishes at once), and killed only if it does not stop in time, its crash recovery then replaying the log as after
 * a power cut. A {@code postmaster.pid} whose process is gone needs nothing (PostgreSQL replaces it); one whose number
 * now belongs to another program (numbers are reused after a reboot) is removed, or PostgreSQL would refuse to start.
 */
final class LeftoverServer {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverServer.class);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);

    private LeftoverServer() {}

    static void stopOn(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        List<String> lines;
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : pid(lines.get(0));
        if (process.isEmpty() || !process.get().isAlive()) {
            return;
        }
        ProcessHandle server = process.get();
        if (!isPostgresOn(server, directory)) {
            if (server.info().command().isEmpty()) {
                // Nothing to tell it by (another user's process, or a platform without it): PostgreSQL decides.
                return;
            }
            LOG.warn(
                    "{} names process {}, which is now another program ({}); removing that stale lock file",
                    pidFile,
                    server.pid(),
                    server.info().command().orElse("?"));
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove the stale " + pidFile, e);
            }
            return;
        }
        LOG.warn(
                "PostgreSQL (process {}) is still running on {}, left by a portal process that ended without stopping"
                        + " it (killed, or out of memory); stopping it before starting it again",
                server.pid(),
                directory);
        List<ProcessHandle> backends = server.descendants().toList();
        server.destroy();
        if (!exited(server, SHUTDOWN)) {
            LOG.warn(
                    "PostgreSQL (process {}) did not stop within {} s; killing it (its log is replayed at the start)",
                    server.pid(),
                    SHUTDOWN.toSeconds());
            server.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            exited(server, SHUTDOWN);
        }
        for (ProcessHandle backend : backends) {
            exited(backend, SHUTDOWN);
        }
        LOG.info("The leftover PostgreSQL (process {}) on {} has stopped", server.pid(), directory);
    }

    /** True when {@code process} is a PostgreSQL server started on {@code directory} ({@code postgres -D <dir>}). */
    private static boolean isPostgresOn(ProcessHandle process, Path directory) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command()
                .map(command -> Path.of(command).getFileName().toString())
                .map(name -> name.equals("postgres") || name.equals("postgres.exe"))
                .orElse(false);
        boolean onDirectory = info.arguments()
                .map(arguments -> List.of(arguments).stream()
                        .anyMatch(argument -> Path.of(argument.isEmpty() ? "." : argument)
                                .toAbsolutePath()
                                .normalize()
                                .equals(directory)))
                .orElse(false);
        return postgres && onDirectory;
    }

    private static Optional<ProcessHandle> pid(String line) {
        try {
            return ProcessHandle.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean exited(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
