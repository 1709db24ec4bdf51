package org.alima.portal.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.system.EmbeddedDatabase;

/**
 * The PostgreSQL of the integration tests, one per test JVM: the embedded server in a temporary directory, or the
 * external server named by {@code PORTAL_TEST_DB_URL} (with {@code PORTAL_TEST_DB_USER}, {@code
 * PORTAL_TEST_DB_PASSWORD}). Tests never assume the database is empty.
 */
public final class TestDatabase {

    private static Map<String, Object> properties;

    private TestDatabase() {}

    /** {@code datasources.default.*} and {@code portal.data-dir} for a test application context. */
    public static synchronized Map<String, Object> properties() {
        if (properties == null) {
            properties = start();
        }
        return properties;
    }

    private static Map<String, Object> start() {
        try {
            Path root = Files.createTempDirectory("portal-api-it");
            Map<String, Object> map = new HashMap<>();
            map.put("portal.data-dir", root.resolve("data").toString());
            String external = System.getenv("PORTAL_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                map.put("datasources.default.url", external);
                map.put("datasources.default.username", System.getenv().getOrDefault("PORTAL_TEST_DB_USER", ""));
                map.put("datasources.default.password", System.getenv().getOrDefault("PORTAL_TEST_DB_PASSWORD", ""));
                return map;
            }
            EmbeddedDatabase database = EmbeddedDatabase.start(root.resolve("postgres"), freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-postgres-stop"));
            map.putAll(database.datasourceProperties());
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the test database's directory", e);
        }
    }

    /**
     * The environment of a portal started with {@link org.alima.portal.api.system.Portal#start} on a database of its
     * own, created for it on the test JVM's PostgreSQL server (cheaper than a server of its own), and the data
     * directory given.
     */
    public static Map<String, String> portalEnvironment(Path dataDirectory) {
        Map<String, Object> shared = properties();
        String database = newDatabase();
        return Map.of(
                "PORTAL_ADMIN_EMAIL",
                TestAccounts.ADMIN_EMAIL,
                "PORTAL_ADMIN_PASSWORD",
                TestAccounts.ADMIN_PASSWORD,
                "PORTAL_DATA_DIR",
                dataDirectory.toString(),
                "PORTAL_PORT",
                String.valueOf(freePort()),
                "PORTAL_DB_URL",
                database,
                "PORTAL_DB_USER",
                (String) shared.get("datasources.default.username"),
                "PORTAL_DB_PASSWORD",
                (String) shared.get("datasources.default.password"));
    }

    /**
     * The {@code datasources.default.*} properties of a new, empty database on the test JVM's PostgreSQL server: for
     * portals (several nodes, say) that must not see what other tests left.
     */
    public static Map<String, Object> newDatabaseProperties() {
        Map<String, Object> shared = properties();
        Map<String, Object> map = new HashMap<>();
        map.put("datasources.default.url", newDatabase());
        map.put("datasources.default.username", shared.get("datasources.default.username"));
        map.put("datasources.default.password", shared.get("datasources.default.password"));
        return map;
    }

    /** Creates an empty database on the test JVM's server; its JDBC URL. */
    private static String newDatabase() {
        Map<String, Object> shared = properties();
        String url = (String) shared.get("datasources.default.url");
        String name = "portal_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection =
                        DriverManager.getConnection(url, (String) shared.get("datasources.default.username"), (String)
                                shared.get("datasources.default.password"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + url, e);
        }
        return url.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    /**
     * The environment of a portal on a PostgreSQL server of the test's own (one it can stop to see the portal cope),
     * with the data directory given.
     */
    public static Map<String, String> portalEnvironment(Path dataDirectory, EmbeddedDatabase database) {
        return Map.of(
                "PORTAL_ADMIN_EMAIL",
                TestAccounts.ADMIN_EMAIL,
                "PORTAL_ADMIN_PASSWORD",
                TestAccounts.ADMIN_PASSWORD,
                "PORTAL_DATA_DIR",
                dataDirectory.toString(),
                "PORTAL_PORT",
                String.valueOf(freePort()),
                "PORTAL_DB_URL",
                database.jdbcUrl(),
                "PORTAL_DB_USER",
                database.user(),
                "PORTAL_DB_PASSWORD",
                database.password());
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for a test server", e);
        }
    }
}
