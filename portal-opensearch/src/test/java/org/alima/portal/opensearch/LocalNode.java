package org.alima.portal.opensearch;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One OpenSearch node in its own process, started from the unpacked integ-test distribution: loopback only, free
 * ports, single-node discovery, a fixed heap, data, logs, configuration and temporary files under its work folder.
 * OpenSearch refuses to run as root, so under root the node runs as {@code nobody} (setpriv), the distribution and
 * work folder handed to that user. It can be stopped and started again on the same ports and data, to test what the
 * portal does while the cluster is down. Not thread-safe.
 */
public final class LocalNode implements AutoCloseable {

    /** How long a node may take to answer after it is started: 15–30 s is usual, more on a loaded machine. */
    static final Duration STARTUP = Duration.ofSeconds(180);

    private static final String RUN_AS = "nobody";
    private static final String RUN_AS_GROUP = "nogroup";

    private final String name;
    private final Path home;
    private final Path dir;
    private final int heapMb;
    private final int httpPort;
    private final int transportPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private LocalNode(String name, Path home, Path dir, int heapMb) {
        this.name = name;
        this.home = home;
        this.dir = dir;
        this.heapMb = heapMb;
        this.httpPort = freePort();
        this.transportPort = freePort();
    }

    /**
     * Starts a node named {@code name} (its work folder's name) with {@code heapMb} MB of heap, and waits until it
     * answers.
     *
     * @throws IllegalStateException with the node's log when it does not start
     */
    static LocalNode start(String name, int heapMb) {
        Path home = OpenSearchNode.home().toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("bin/opensearch"))) {
            throw new IllegalStateException("no OpenSearch distribution at " + home + ": run the tests through Maven,"
                    + " whose dependency plugin unpacks org.opensearch.distribution.integ-test-zip there");
        }
        Path dir = OpenSearchNode.work().toAbsolutePath().resolve(name);
        LocalNode node = new LocalNode(name, home, dir, heapMb);
        node.prepare();
        node.start();
        return node;
    }

    /** The node's HTTP address. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Starts the node again after {@link #stop()}, on the same ports and data, and waits until it answers. */
    public void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        if (runsAsRoot()) {
            command.addAll(List.of(
                    "setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS_GROUP, "--clear-groups", "--inh-caps=-all"));
        }
        command.add(home.resolve("bin/opensearch").toString());
        command.addAll(List.of(
                "-Ecluster.name=portal-test-" + name,
                "-Enode.name=" + name,
                "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + dir.resolve("data"),
                "-Epath.logs=" + dir.resolve("logs"),
                // A test machine's disk may be fuller than OpenSearch's watermarks like; shards must still be placed.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Eaction.destructive_requires_name=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
        Map<String, String> env = builder.environment();
        env.put("OPENSEARCH_JAVA_HOME", javaHome());
        env.remove("JAVA_HOME");
        env.put("OPENSEARCH_PATH_CONF", dir.resolve("config").toString());
        env.put("OPENSEARCH_TMPDIR", dir.resolve("tmp").toString());
        env.put("OPENSEARCH_JAVA_OPTS", "-Xms" + heapMb + "m -Xmx" + heapMb + "m -XX:-HeapDumpOnOutOfMemoryError");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start OpenSearch (" + command + "): " + e + log(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "opensearch-" + name + "-stop"));
        awaitHealth();
    }

    /** Stops the node's process and waits until it is gone; its data stays. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void kill() {
        Process running = process;
        if (running != null) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
    }

    private void awaitHealth() {
        URI health = url().resolve("/_cluster/health?wait_for_status=yellow&timeout=2s");
        try {
            await().atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("exited with " + process.exitValue());
                        }
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(health)
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return response.statusCode() == 200 && !response.body().contains("\"red\"");
                    });
        } catch (ConditionTimeoutException e) {
            String state = process.isAlive() ? "still not answering" : "exited with " + process.exitValue();
            kill();
            throw new IllegalStateException(
                    "OpenSearch node " + name + " did not become healthy within " + STARTUP.toSeconds() + " s (" + state
                            + "); its log:" + log(),
                    e);
        }
    }

    /** The work folder: configuration copied from the distribution, data, logs, temporary files; handed to nobody. */
    private void prepare() {
        try {
            Files.createDirectories(dir);
            // A new node starts empty: a previous run's indices (older mappings) would otherwise come back.
            deleteRecursively(dir.resolve("data"));
            for (String sub : List.of("data", "logs", "tmp")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Path config = dir.resolve("config");
            if (!Files.isDirectory(config)) {
                copy(home.resolve("config"), config);
            }
            if (runsAsRoot()) {
                // The node reads the distribution and writes its own folder as nobody.
                run("chown", "-R", RUN_AS + ":" + RUN_AS_GROUP, home.toString(), dir.toString());
                for (Path parent = dir.getParent(); parent != null; parent = parent.getParent()) {
                    openForTraversal(parent);
                }
                for (Path parent = home.getParent(); parent != null; parent = parent.getParent()) {
                    openForTraversal(parent);
                }
            }
            try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
                bin.forEach(file -> file.toFile().setExecutable(true, false));
            }
            Files.deleteIfExists(console());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the OpenSearch node folder " + dir, e);
        }
    }

    private static void openForTraversal(Path folder) throws IOException {
        var permissions = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
        if (!permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
            permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(folder, permissions);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process chown =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(chown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (chown.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private Path console() {
        return dir.resolve("console.log");
    }

    /** The last lines of the node's console and of its own log, for a failure message. */
    private String log() {
        StringBuilder tail = new StringBuilder();
        for (Path file : List.of(console(), dir.resolve("logs/portal-test-" + name + ".log"))) {
            tail.append("\n--- ").append(file).append(" (last 60 lines)\n");
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 60), lines.size())
                        .forEach(line -> tail.append(line).append('\n'));
            } catch (IOException e) {
                tail.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return tail.toString();
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name").toLowerCase(Locale.ROOT));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for OpenSearch", e);
        }
    }

    @Override
    public String toString() {
        return "LocalNode[" + name + " at " + url() + "]";
    }
}
