package org.alima.portal.api;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A portal in a process of its own, for tests that kill it or that need an environment of their own: this test JVM's
 * classpath and Lucene's flags with the portal's main class, as {@code ./portal} runs it.
 */
public final class PortalProcess {

    private PortalProcess() {}

    /** Starts the portal with {@code environment} added to this JVM's, its output written to {@code log}. */
    public static Process start(Map<String, String> environment, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "--add-modules",
                        "jdk.incubator.vector",
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx512m",
                        // Test portals live a minute: the quick compiler alone and one GC thread start them sooner on
                        // a loaded machine, and change nothing of what they write or in which order.
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Application.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Words only unless a test asks for search by meaning: BackupRestoreIT and CrashIT compare exact hits, which
        // the
        // background vector pass would reorder while they compare (the browser tests run the default, hybrid).
        builder.environment().put("PORTAL_SEMANTIC", "off");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Waits up to 90 s until the portal answers ready.
     *
     * @throws AssertionError with the process's log when it exits
     * @throws org.awaitility.core.ConditionTimeoutException when it is not ready in time
     */
    public static void awaitReady(Api api, Process portal, Path log) {
        await("the portal process ready (90 s at most)")
                .atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!portal.isAlive()) {
                        throw new AssertionError(
                                "the portal process exited with " + portal.exitValue() + ":\n" + Files.readString(log));
                    }
                    try {
                        return api.get("/health/readiness").statusCode() == 200;
                    } catch (RuntimeException notListeningYet) {
                        // connection refused until the server is up
                        return false;
                    }
                });
    }

    /**
     * A power cut: SIGKILL, at once, to the portal's JVM and to the PostgreSQL server it started on {@code
     * postgresDirectory} with all of that server's processes (which run apart from the JVM: {@code pg_ctl} detaches
     * them). Nothing gets to flush, close or shut down.
     */
    public static void powerCut(Process portal, Path postgresDirectory) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        Optional<ProcessHandle> postmaster = postmaster(postgresDirectory);
        postmaster.ifPresent(server -> {
            all.add(server);
            all.addAll(server.descendants().toList());
        });
        all.add(portal.toHandle());
        all.addAll(portal.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            awaitExit(process);
        }
    }

    /** What the out-of-memory killer does: SIGKILL to the JVM alone; its PostgreSQL goes on running. */
    public static void killJvm(Process portal) throws InterruptedException {
        portal.destroyForcibly();
        if (!portal.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the portal process survived SIGKILL for 30 s");
        }
    }

    /** The PostgreSQL server running on {@code postgresDirectory}, by its {@code postmaster.pid}. */
    public static Optional<ProcessHandle> postmaster(Path postgresDirectory) {
        Path pidFile = postgresDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void awaitExit(ProcessHandle process) {
        await("process " + process.pid() + " gone after SIGKILL")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !process.isAlive());
    }
}
