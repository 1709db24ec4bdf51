package org.alima.portal.api;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
                        "-cp",
                        System.getProperty("java.class.path"),
                        Application.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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
}
