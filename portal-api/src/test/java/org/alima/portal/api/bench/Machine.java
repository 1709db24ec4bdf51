package org.alima.portal.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What a benchmark ran on, read from /proc: processor, cores, memory, load average. */
final class Machine {

    private Machine() {}

    static String describe() {
        String cpu = line("/proc/cpuinfo", "model name")
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse("unknown processor");
        long totalKiB = kib("MemTotal:");
        long availableKiB = kib("MemAvailable:");
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %.1f GiB memory (%.1f GiB available), %s %s, Java %s",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                totalKiB / 1048576.0,
                availableKiB / 1048576.0,
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                Runtime.version());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long kib(String key) {
        return line("/proc/meminfo", key)
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .orElse(0L);
    }

    private static java.util.Optional<String> line(String file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
