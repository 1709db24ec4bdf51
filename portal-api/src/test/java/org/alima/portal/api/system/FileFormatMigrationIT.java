package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.indexer.extract.Format;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Files stored before the format column existed get their format at migration: the media type decided from their
 * bytes at upload, one for each format. Runs the real migrations on a database of its own.
 */
class FileFormatMigrationIT {

    private static final Map<String, Format> STORED_BEFORE = new LinkedHashMap<>();

    static {
        STORED_BEFORE.put("application/pdf", Format.PDF);
        STORED_BEFORE.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Format.DOCX);
        STORED_BEFORE.put("text/html", Format.HTML);
        STORED_BEFORE.put("text/markdown", Format.MARKDOWN);
        STORED_BEFORE.put("text/plain", Format.TEXT);
    }

    @Test
    void givesEveryFileStoredBeforeTheFormatItsMediaTypeNamed() throws Exception {
        String url = freshDatabase();
        Map<String, Object> shared = TestDatabase.properties();
        String user = (String) shared.get("datasources.default.username");
        String password = (String) shared.get("datasources.default.password");
        flyway(url, user, password)
                .target(String.valueOf(formatMigration() - 1))
                .load()
                .migrate();
        Map<UUID, Format> expected = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (Map.Entry<String, Format> stored : STORED_BEFORE.entrySet()) {
                UUID id = UUID.randomUUID();
                String sha = id.toString().replace("-", "").repeat(2);
                statement.execute("INSERT INTO documents (id, status) VALUES ('" + id + "', 'draft')");
                statement.execute("INSERT INTO document_files (document_id, sha256, size_bytes, media_type,"
                        + " original_name, storage_path) VALUES ('" + id + "', '" + sha + "', 10, '" + stored.getKey()
                        + "', 'file', 'files/" + sha + "')");
                expected.put(id, stored.getValue());
            }
        }

        flyway(url, user, password).load().migrate();

        Map<UUID, Format> migrated = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT document_id, format FROM document_files")) {
            while (rows.next()) {
                migrated.put(
                        rows.getObject(1, UUID.class),
                        Format.valueOf(rows.getString(2).toUpperCase(Locale.ROOT)));
            }
        }
        assertThat(migrated).isEqualTo(expected);
    }

    /** The version of the migration that adds the format, whatever number it was given when it landed. */
    private static int formatMigration() throws IOException, URISyntaxException {
        Path migrations = Path.of(FileFormatMigrationIT.class
                        .getResource("/db/migration/V1__documents_files_and_index_jobs.sql")
                        .toURI())
                .getParent();
        try (Stream<Path> files = Files.list(migrations)) {
            String name = files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith("__file_format.sql"))
                    .findFirst()
                    .orElseThrow();
            return Integer.parseInt(name.substring(1, name.indexOf("__")));
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
            String url, String user, String password) {
        return Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
    }

    private static String freshDatabase() throws SQLException {
        Map<String, Object> shared = TestDatabase.properties();
        String url = (String) shared.get("datasources.default.url");
        String name = "migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection =
                        DriverManager.getConnection(url, (String) shared.get("datasources.default.username"), (String)
                                shared.get("datasources.default.password"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }
}
