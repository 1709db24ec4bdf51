package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.alima.portal.api.Api;
import org.alima.portal.api.Application;
import org.alima.portal.api.PortalProcess;
import org.alima.portal.api.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second portal started on a running portal's data directory (its search index, its uploads in progress) stops at
 * once with one line saying why, and leaves the first one serving.
 */
class DataDirectoryLockIT {

    @Test
    void refusesASecondPortalInTheSameProcessAndKeepsTheFirstServing(@TempDir Path directory) {
        Map<String, String> environment = TestDatabase.portalEnvironment(directory.resolve("data"));
        try (Portal first = Portal.start(Application.class, environment)) {
            Map<String, String> second = new HashMap<>(environment);
            second.put("PORTAL_PORT", String.valueOf(TestDatabase.freePort()));

            assertThatThrownBy(() -> Portal.start(Application.class, second))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("another portal process runs on the data directory "
                            + directory.resolve("data").toAbsolutePath().normalize())
                    .hasMessageContaining("PORTAL_DATA_DIR");
            assertThat(new Api(first.url()).get("/health").statusCode()).isEqualTo(200);
        }
        // Stopped, it releases the directory: the next start on it succeeds.
        try (Portal again = Portal.start(Application.class, environment)) {
            assertThat(new Api(again.url()).get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSecondPortalProcessExitsWithOneLineAndNoStackTrace(@TempDir Path directory) throws Exception {
        Map<String, String> environment = TestDatabase.portalEnvironment(directory.resolve("data"));
        Path incoming = directory.resolve("data/files/.incoming/upload-in-progress.part");
        try (Portal first = Portal.start(Application.class, environment)) {
            // What the first portal is receiving: a second one must not take it for a leftover and remove it.
            Files.writeString(incoming, "half an upload");
            Map<String, String> second = new HashMap<>(environment);
            second.put("PORTAL_PORT", String.valueOf(TestDatabase.freePort()));
            Path log = directory.resolve("second.log");

            Process process = PortalProcess.start(second, log);

            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the second portal exits")
                    .isTrue();
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(String.join("\n", lines)).isEqualTo(1);
            assertThat(lines)
                    .filteredOn(line -> line.startsWith("portal: "))
                    .singleElement()
                    .asString()
                    .startsWith("portal: another portal process runs on the data directory");
            assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
            assertThat(incoming).exists();
            assertThat(new Api(first.url()).get("/health").statusCode()).isEqualTo(200);
        }
    }
}
