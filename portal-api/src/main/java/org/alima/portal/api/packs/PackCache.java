package org.alima.portal.api.packs;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs built in the background and kept on disk under {@code <dataDir>/packs/<slug>/<options>/<version>.zip}.
 * Thread-safe.
 *
 * <p>A pack is built at most once at a time per version, on a small executor with a bounded queue: a portal asked
 * for many packs at once answers "busy" rather than piling up work. A build writes a temporary file and moves it into
 * place, so a reader never gets half a ZIP; once in place, the older versions of the same collection and options are
 * deleted. A failed build is remembered with its reason for {@code portal.packs.retry-after-failure}, so that polling
 * clients read the reason instead of starting the same failing build again and again.
 */
@Singleton
final class PackCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PackCache.class);

    /** Builds waiting for a builder, beyond which callers are told to come back. */
    private static final int QUEUED_BUILDS = 16;

    /** Seconds a busy portal asks a caller to wait. */
    private static final long BUSY_RETRY_SECONDS = 10;

    /** Where a pack stands, for one request. */
    sealed interface State {
        /** Built: the ZIP to send. */
        record Ready(Path zip) implements State {}

        /** Being built, or queued to be. */
        record Building() implements State {}
    }

    private final Path root;
    private final PackBuilder builder;
    private final Duration retryAfterFailure;
    private final Clock clock;
    private final ThreadPoolExecutor builders;
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    private record Failure(String reason, Instant until) {}

    @Inject
    PackCache(
            @Value("${portal.data-dir}") String dataDirectory,
            @Value("${portal.packs.builders:1}") int threads,
            @Value("${portal.packs.retry-after-failure:60s}") Duration retryAfterFailure,
            PackBuilder builder) {
        this(
                Path.of(dataDirectory).toAbsolutePath().normalize().resolve("packs"),
                threads,
                retryAfterFailure,
                builder,
                Clock.systemUTC());
    }

    PackCache(Path root, int threads, Duration retryAfterFailure, PackBuilder builder, Clock clock) {
        if (threads < 1) {
            throw new IllegalArgumentException("portal.packs.builders must be 1 or more, was " + threads);
        }
        this.root = root;
        this.builder = builder;
        this.retryAfterFailure = retryAfterFailure;
        this.clock = clock;
        this.builders = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_BUILDS), task -> {
                    Thread thread = new Thread(task, "pack-builder");
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
    }

    /**
     * The pack of {@code plan}: ready, or being built (a build is started when none is running).
     *
     * @throws PackUnavailableException when its last build failed less than the retry delay ago, or too many builds
     *     are waiting
     */
    State state(PackPlan plan) {
        Path zip = zipOf(plan);
        if (Files.isRegularFile(zip)) {
            return new State.Ready(zip);
        }
        String key = key(plan);
        Failure failure = failures.get(key);
        Instant now = clock.instant();
        if (failure != null) {
            if (now.isBefore(failure.until())) {
                throw PackUnavailableException.failed(
                        plan.slug(),
                        failure.reason(),
                        Math.max(1, Duration.between(now, failure.until()).toSeconds()));
            }
            failures.remove(key, failure);
        }
        if (running.putIfAbsent(key, Boolean.TRUE) == null) {
            try {
                builders.execute(() -> build(plan, key));
            } catch (RejectedExecutionException e) {
                running.remove(key);
                throw PackUnavailableException.busy(plan.slug(), BUSY_RETRY_SECONDS);
            }
        }
        return new State.Building();
    }

    private void build(PackPlan plan, String key) {
        Path zip = zipOf(plan);
        Instant started = clock.instant();
        try {
            Files.createDirectories(zip.getParent());
            Path partial = Files.createTempFile(zip.getParent(), ".building-", ".zip");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    builder.write(plan, started.truncatedTo(ChronoUnit.SECONDS), out);
                }
                Files.move(partial, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            removeOlderThan(zip);
            LOG.info(
                    "Built the offline pack of {} ({}, version {}): {} documents, {} bytes in {} ms",
                    plan.slug(),
                    plan.options().key(),
                    plan.version(),
                    plan.items().size(),
                    Files.size(zip),
                    Duration.between(started, clock.instant()).toMillis());
        } catch (PackBuildException e) {
            LOG.warn("Cannot build the offline pack of {}: {}", plan.slug(), e.getMessage(), e);
            failures.put(
                    key,
                    new Failure(
                            e.getMessage(), clock.instant().plus(e.retryAfter().orElse(retryAfterFailure))));
        } catch (IOException | UncheckedIOException e) {
            LOG.error("Cannot write the offline pack of {} under {}", plan.slug(), root, e);
            failures.put(
                    key,
                    new Failure(
                            "the portal cannot write it to its data directory (" + e.getMessage()
                                    + "); an administrator should check the free space",
                            clock.instant().plus(retryAfterFailure)));
        } catch (RuntimeException e) {
            LOG.error("The offline pack of {} failed unexpectedly", plan.slug(), e);
            failures.put(
                    key,
                    new Failure(
                            "an unexpected error (" + e.getClass().getSimpleName() + "); the portal's log has the"
                                    + " details",
                            clock.instant().plus(retryAfterFailure)));
        } finally {
            running.remove(key);
        }
    }

    /** Deletes the other versions beside {@code zip}: the same collection and options, built before. */
    private static void removeOlderThan(Path zip) throws IOException {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(zip.getParent(), "*.zip")) {
            for (Path sibling : siblings) {
                if (!sibling.equals(zip) && !sibling.getFileName().toString().startsWith(".")) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    private Path zipOf(PackPlan plan) {
        // The slug is [a-z0-9-] (Slug.RULE) and the other two are ours: no name here climbs out of the root.
        return root.resolve(plan.slug()).resolve(plan.options().key()).resolve(plan.version() + ".zip");
    }

    private static String key(PackPlan plan) {
        return plan.slug() + "/" + plan.options().key() + "/" + plan.version();
    }

    @PreDestroy
    @Override
    public void close() {
        builders.shutdownNow();
    }
}
