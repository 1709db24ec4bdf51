package org.alima.portal.api.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The portal process's resources over the soak, sampled from outside as an operator would: the heap left by a full
 * collection ({@code jcmd GC.run}; the figure after it from the portal's GC log, {@code -Xlog:gc}, since under load the
 * heap fills again within a second), and from {@code /proc} its file descriptors, threads and resident memory, its
 * embedded PostgreSQL's processes and their file descriptors; and the data directory's size. Not
 * thread-safe: one sampling thread.
 */
final class SoakSamples {

    /** One sample; sizes in KiB. */
    record Sample(
            Duration at,
            long heapAfterGcKiB,
            long rssKiB,
            long threads,
            long fds,
            long postgresProcesses,
            long postgresFds,
            long filesKiB,
            long indexKiB,
            long databaseKiB,
            long tmpEntries,
            long requests,
            long errors) {}

    /**
     * {@code -Xlog:gc}'s line for a full collection asked by jcmd ({@code Diagnostic Command}) or System.gc():
     * {@code GC(62) Pause Full (Diagnostic Command) 84M->41M(140M) 347.348ms}.
     */
    private static final Pattern FULL_GC =
            Pattern.compile("Pause Full \\((Diagnostic Command|System\\.gc\\(\\))\\) \\d+[KMG]->(\\d+)([KMG])");

    private final ProcessHandle portal;
    private final Path jcmd;
    private final Path data;
    private final Path gcLog;
    private final List<Sample> samples = new ArrayList<>();

    /** {@code gcLog}: the file the portal's JVM writes {@code -Xlog:gc} to. */
    SoakSamples(ProcessHandle portal, Path jcmd, Path data, Path gcLog) {
        this.portal = portal;
        this.jcmd = jcmd;
        this.data = data;
        this.gcLog = gcLog;
    }

    Sample take(Duration at, long requests, long errors) throws IOException, InterruptedException {
        long before = fullCollections().size();
        jcmd("GC.run");
        List<Long> after = fullCollections();
        if (after.size() <= before) {
            throw new IllegalStateException("jcmd GC.run ran no full collection that " + gcLog + " shows");
        }
        List<ProcessHandle> postgres = postgres();
        long postgresFds = 0;
        for (ProcessHandle p : postgres) {
            postgresFds += fds(p.pid());
        }
        Sample sample = new Sample(
                at,
                after.getLast(),
                status("VmRSS:"),
                status("Threads:"),
                fds(portal.pid()),
                postgres.size(),
                postgresFds,
                kib(data.resolve("files")),
                kib(data.resolve("index")),
                kib(data.resolve("postgres")),
                entries(data.resolve("tmp")),
                requests,
                errors);
        samples.add(sample);
        return sample;
    }

    static String header() {
        return String.format(
                Locale.ROOT,
                "%6s %10s %8s %7s %5s %9s %9s %8s %8s %8s %5s %9s %6s",
                "minute",
                "heap MiB",
                "RSS MiB",
                "threads",
                "fds",
                "pg procs",
                "pg fds",
                "files MB",
                "index MB",
                "db MB",
                "tmp",
                "requests",
                "errors");
    }

    static String line(Sample s) {
        return String.format(
                Locale.ROOT,
                "%6.1f %10.1f %8d %7d %5d %9d %9d %8.1f %8.1f %8.1f %5d %9d %6d",
                s.at().toSeconds() / 60.0,
                s.heapAfterGcKiB() / 1024.0,
                s.rssKiB() / 1024,
                s.threads(),
                s.fds(),
                s.postgresProcesses(),
                s.postgresFds(),
                s.filesKiB() / 1024.0,
                s.indexKiB() / 1024.0,
                s.databaseKiB() / 1024.0,
                s.tmpEntries(),
                s.requests(),
                s.errors());
    }

    /**
     * How a figure moved between the start and the end of the soak, the first {@code warmUp} of samples left out (the
     * caches and the collection fill up then): the median of the first five samples after it against the median of
     * the last five, and the least-squares slope over all of them.
     */
    record Trend(String name, String unit, double start, double end, double slopePerHour) {
        boolean grew(double tolerance, double slack) {
            return end > start * (1 + tolerance) + slack;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s %.1f -> %.1f %s (%+.1f %%; trend %+.1f %s per hour)",
                    name,
                    start,
                    end,
                    unit,
                    start == 0 ? 0 : 100 * (end - start) / start,
                    slopePerHour,
                    unit);
        }
    }

    Trend trend(String name, String unit, double scale, ToLongFunction<Sample> figure, Duration warmUp) {
        List<Sample> steady =
                samples.stream().filter(s -> s.at().compareTo(warmUp) > 0).toList();
        if (steady.size() < 2) {
            steady = samples;
        }
        int window = Math.min(5, steady.size());
        double start = median(steady.subList(0, window), figure) / scale;
        double end = median(steady.subList(steady.size() - window, steady.size()), figure) / scale;
        return new Trend(name, unit, start, end, slopePerHour(steady, figure) / scale);
    }

    private static double median(List<Sample> window, ToLongFunction<Sample> figure) {
        long[] values = window.stream().mapToLong(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
    }

    private static double slopePerHour(List<Sample> series, ToLongFunction<Sample> figure) {
        double[] hours = series.stream()
                .mapToDouble(s -> s.at().toMillis() / 3_600_000.0)
                .toArray();
        double[] values = series.stream().mapToDouble(figure::applyAsLong).toArray();
        double meanX = Arrays.stream(hours).average().orElse(0);
        double meanY = Arrays.stream(values).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < hours.length; i++) {
            covariance += (hours[i] - meanX) * (values[i] - meanY);
            variance += (hours[i] - meanX) * (hours[i] - meanX);
        }
        return variance == 0 ? 0 : covariance / variance;
    }

    /**
     * The embedded PostgreSQL's server and its backends. pg_ctl starts the server detached from the portal, so it is
     * found by the process id it writes in {@code postmaster.pid}, not among the portal's children.
     */
    private List<ProcessHandle> postgres() throws IOException {
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return List.of();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        return ProcessHandle.of(pid)
                .map(server ->
                        Stream.concat(Stream.of(server), server.descendants()).toList())
                .orElse(List.of());
    }

    /** The heap left by each full collection jcmd asked for so far, in KiB, oldest first. */
    private List<Long> fullCollections() throws IOException {
        List<Long> kib = new ArrayList<>();
        for (String line : Files.readAllLines(gcLog)) {
            Matcher full = FULL_GC.matcher(line);
            if (full.find()) {
                long value = Long.parseLong(full.group(2));
                kib.add(
                        switch (full.group(3)) {
                            case "K" -> value;
                            case "M" -> value * 1024;
                            default -> value * 1024 * 1024;
                        });
            }
        }
        return kib;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(portal.pid()), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(portal.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Open file descriptors of a process; 0 when it ended meanwhile. */
    private static long fds(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        } catch (IOException ended) {
            return 0;
        }
    }

    /** Total size under a directory; files that vanish while it is walked are not counted. */
    private static long kib(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.mapToLong(file -> {
                                try {
                                    return Files.isRegularFile(file) ? Files.size(file) : 0;
                                } catch (IOException vanished) {
                                    return 0;
                                }
                            })
                            .sum()
                    / 1024;
        } catch (java.io.UncheckedIOException vanished) {
            return kib(directory); // a folder deleted while walked: walk again
        }
    }

    private static long entries(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
