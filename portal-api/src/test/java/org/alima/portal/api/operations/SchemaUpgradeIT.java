package org.alima.portal.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.Application;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.system.Portal;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade from the first release's schema (migrations V1..V6) to the current one with data in it: a database is
 * migrated to V6, filled as that release wrote its tables ({@code upgrade/v6-data.sql}: accounts, documents and their
 * files and versions, collections, tokens, jobs, audit events), migrated to the latest version, and must hold every
 * row as it was; then the current portal starts on it and serves that data (and rebuilds its index from it).
 */
class SchemaUpgradeIT {

    /** The release whose databases are upgraded: its last migration. */
    private static final String PREVIOUS_RELEASE = "6";

    private static final List<String> TABLES = List.of(
            "accounts",
            "documents",
            "document_files",
            "index_jobs",
            "collections",
            "collection_curators",
            "collection_items",
            "api_tokens",
            "refresh_tokens",
            "audit_events");

    @Test
    void migratesAV6DatabaseWithDataToTheCurrentSchemaAndThePortalServesIt(@TempDir Path data) throws Exception {
        Map<String, String> environment = TestDatabase.portalEnvironment(data);
        String url = environment.get("PORTAL_DB_URL");
        String user = environment.get("PORTAL_DB_USER");
        String password = environment.get("PORTAL_DB_PASSWORD");
        byte[] file =
                "Choléra : réhydratation orale, solution de réhydratation orale (SRO), perfusion de Ringer lactate."
                        .getBytes(StandardCharsets.UTF_8);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        Path stored = data.resolve("files").resolve(sha256.substring(0, 2)).resolve(sha256);
        Files.createDirectories(stored.getParent());
        Files.write(stored, file);

        flyway(url, user, password)
                .target(MigrationVersion.fromVersion(PREVIOUS_RELEASE))
                .load()
                .migrate();
        Map<String, List<String>> columns;
        Map<String, List<String>> before;
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(fixture()
                    .replace("files/SHA2/SHA256_OF_THE_FILE", "files/" + sha256.substring(0, 2) + "/" + sha256)
                    .replace("SHA256_OF_THE_FILE", sha256)
                    .replace("SIZE_OF_THE_FILE", String.valueOf(file.length)));
            columns = columns(connection);
            // V8 replaced the file's media type by its format: compared on its own below, the rest column by column.
            columns.get("document_files").remove("media_type");
            before = rows(connection, columns);
        }
        assertThat(before.get("documents")).hasSize(3);

        var result = flyway(url, user, password).load().migrate();
        assertThat(result.success).isTrue();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            Map<String, List<String>> after = rows(connection, columns);
            // Each table's V6 columns, row by row, exactly as before.
            for (String table : TABLES) {
                assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
            }
            assertThat(values(connection, "document_files", List.of("id", "format")))
                    .containsExactly(
                            "(20000000-0000-4000-8000-000000000002,text)",
                            "(20000000-0000-4000-8000-000000000003,pdf)");
        }

        try (Portal portal = Portal.start(Application.class, environment)) {
            Api anonymous = new Api(portal.url());
            Api admin = anonymous.as(TestAccounts.admin(anonymous));
            JsonNode document = Api.read(admin.get("/api/documents/10000000-0000-4000-8000-000000000002"));
            assertThat(document.get("title").asText()).isEqualTo("Prise en charge du choléra");
            assertThat(document.get("status").asText()).isEqualTo("published");
            assertThat(document.at("/file/sha256").asText()).isEqualTo(sha256);
            assertThat(anonymous
                            .getBytes("/api/documents/10000000-0000-4000-8000-000000000002/file")
                            .body())
                    .isEqualTo(file);
            JsonNode scan = Api.read(admin.get("/api/documents/10000000-0000-4000-8000-000000000003"));
            assertThat(scan.at("/file/failureReason").asText()).startsWith("the pages are scanned images");
            assertThat(scan.at("/file/failureCode").asText())
                    .as("the code read back from the words")
                    .isEqualTo("ocr-not-installed");
            JsonNode collection = Api.read(anonymous.get("/api/collections/cholera-v6"));
            assertThat(collection.toString())
                    .contains("La version en vigueur.", "10000000-0000-4000-8000-000000000002");
            JsonNode accounts = Api.read(admin.get("/api/admin/accounts?size=100"));
            assertThat(accounts.toString()).contains("curator@v6.test", "contributor@v6.test", "gone@v6.test");
            JsonNode audit = Api.read(admin.get("/api/admin/audit?target=10000000-0000-4000-8000-000000000001"));
            assertThat(audit.toString()).contains("document.withdraw", "replaced by version 2");
            // The index, absent, is rebuilt from the upgraded database and the stored file.
            await("the upgraded published document found by search")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> anonymous.finds("rehydratation", "10000000-0000-4000-8000-000000000002"));
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
            String url, String user, String password) {
        return Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
    }

    /** Each table's rows as text, ordered, over the {@code columns} given (later migrations may add some). */
    private static Map<String, List<String>> rows(Connection connection, Map<String, List<String>> columns)
            throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, values(connection, table, columns.get(table)));
        }
        return rows;
    }

    /** Each table's columns now. */
    private static Map<String, List<String>> columns(Connection connection) throws SQLException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<String> columns = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet names = statement.executeQuery(
                            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                                    + " AND table_name = '" + table + "' ORDER BY ordinal_position")) {
                while (names.next()) {
                    columns.add(names.getString(1));
                }
            }
            assertThat(columns).as("columns of " + table).isNotEmpty();
            all.put(table, columns);
        }
        return all;
    }

    private static List<String> values(Connection connection, String table, List<String> columns) throws SQLException {
        List<String> values = new ArrayList<>();
        String list = String.join(", ", columns);
        try (Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery("SELECT ROW(" + list + ")::text FROM " + table + " ORDER BY 1")) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }

    private static String fixture() throws IOException {
        try (InputStream in = SchemaUpgradeIT.class.getResourceAsStream("/upgrade/v6-data.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
