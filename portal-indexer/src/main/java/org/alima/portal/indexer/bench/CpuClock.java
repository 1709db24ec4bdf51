package org.alima.portal.indexer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of this process and of its finished child processes, as the benchmark reports it. Thread-safe. */
final class CpuClock {

    private CpuClock() {}

    /** CPU time of this JVM, all threads, in seconds. */
    static double processSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    /**
     * CPU time of this process's finished children (cutime + cstime of /proc/self/stat), in seconds; NaN where /proc
     * is absent. Linux counts 100 ticks a second for these fields.
     */
    static double childrenSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name, field 3 is index 0: cutime is field 16, cstime field 17.
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
