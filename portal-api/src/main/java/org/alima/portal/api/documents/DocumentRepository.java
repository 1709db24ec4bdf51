package org.alima.portal.api.documents;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.alima.portal.api.files.FileStore;
import org.alima.portal.api.files.SafeFileName;
import org.alima.portal.api.indexing.IndexQueue;
import org.alima.portal.api.system.InvalidInputException;

/**
 * Reads and writes documents and their files in PostgreSQL with plain SQL (arrays, JSONB and row locks say what they
 * do better in SQL than through a mapping); thread-safe, each public method one transaction.
 */
@Singleton
class DocumentRepository {

    private static final String SELECT = """
            SELECT d.id, d.title, d.abstract, d.authors::text AS authors, d.publication_date, d.type, d.language,
                   d.countries, d.topics, d.doi, d.license, d.status, d.withdrawn_reason, d.version, d.supersedes_id,
                   d.created_at, d.updated_at,
                   f.original_name, f.media_type, f.size_bytes, f.sha256, f.page_count, f.extraction_status,
                   f.failure_reason, f.image_only_pages, f.text_truncated
              FROM documents d
              JOIN document_files f ON f.document_id = d.id
            """;

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final IndexQueue queue;

    DocumentRepository(JdbcOperations jdbc, JsonMapper json, IndexQueue queue) {
        this.jdbc = jdbc;
        this.json = json;
        this.queue = queue;
    }

    /**
     * Records a new document, its file and the job that will process it, in one transaction; {@code store} puts the
     * file in place before the transaction commits.
     *
     * @throws DuplicateFileException when another document holds the same bytes (checked by the UNIQUE constraint,
     *     so that two simultaneous uploads cannot both win)
     */
    @Transactional
    UUID create(
            DocumentMetadata metadata,
            FileStore.IncomingFile file,
            SafeFileName name,
            Function<FileStore.IncomingFile, String> store) {
        UUID id = execute("""
                INSERT INTO documents (title, abstract, authors, publication_date, type, language, countries, topics,
                                       doi, license, status, supersedes_id, version)
                VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, 'submitted'), ?::uuid,
                        COALESCE((SELECT version + 1 FROM documents WHERE id = ?::uuid), 1))
                RETURNING id
                """, statement -> {
            int next = bindMetadata(statement, metadata);
            statement.setString(next, metadata.supersedesId());
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getObject(1, UUID.class);
        });
        String storagePath = store.apply(file);
        execute("""
                INSERT INTO document_files (document_id, sha256, size_bytes, media_type, original_name, storage_path)
                VALUES (?, ?, ?, ?, ?, ?)
                """, statement -> {
            statement.setObject(1, id);
            statement.setString(2, file.sha256());
            statement.setLong(3, file.size());
            statement.setString(4, file.mediaType().value());
            statement.setString(5, name.value());
            statement.setString(6, storagePath);
            return statement.executeUpdate();
        });
        queue.enqueueIngest(id);
        return id;
    }

    @ReadOnly
    Optional<UUID> findBySha256(String sha256) {
        return execute("SELECT document_id FROM document_files WHERE sha256 = ?", statement -> {
            statement.setString(1, sha256);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
        });
    }

    @ReadOnly
    Optional<DocumentResponse> find(UUID id) {
        return execute(SELECT + " WHERE d.id = ?", statement -> {
            statement.setObject(1, id);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        });
    }

    /** The newest documents first, then by id, so that pages are stable while documents are added. */
    @ReadOnly
    DocumentPage list(DocumentFilter filter, int page, int size) {
        String where = """
                 WHERE (?::text IS NULL OR d.type = ?)
                   AND (?::text IS NULL OR d.language = ?)
                   AND (?::text IS NULL OR d.countries @> ARRAY[?::text])
                   AND (?::int IS NULL OR (d.publication_date >= make_date(?, 1, 1)
                                           AND d.publication_date < make_date(? + 1, 1, 1)))
                """;
        long total = execute("SELECT count(*) FROM documents d" + where, statement -> {
            bindFilter(statement, filter);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getLong(1);
        });
        List<DocumentResponse> items =
                execute(SELECT + where + " ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?", statement -> {
                    int next = bindFilter(statement, filter);
                    statement.setInt(next, size);
                    statement.setLong(next + 1, (long) (page - 1) * size);
                    ResultSet rows = statement.executeQuery();
                    List<DocumentResponse> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                    return found;
                });
        return new DocumentPage(items, page, size, total, (total + size - 1) / size);
    }

    /**
     * Applies {@code change} to the document's metadata under a row lock, so that two simultaneous edits do not lose
     * one another.
     *
     * @throws DocumentStateException when the document is withdrawn
     */
    @Transactional
    Optional<DocumentResponse> update(UUID id, UnaryOperator<DocumentMetadata> change) {
        Optional<DocumentResponse> current = lock(id);
        if (current.isEmpty()) {
            return current;
        }
        if ("withdrawn".equals(current.get().metadata().status())) {
            throw DocumentStateException.withdrawn(id);
        }
        DocumentMetadata changed = change.apply(current.get().metadata());
        if (id.toString().equalsIgnoreCase(changed.supersedesId())) {
            throw InvalidInputException.of("supersedesId", "must name another document, not this one");
        }
        execute("""
                UPDATE documents
                   SET title = ?, abstract = ?, authors = ?::jsonb, publication_date = ?, type = ?, language = ?,
                       countries = ?, topics = ?, doi = ?, license = ?, status = COALESCE(?, status),
                       supersedes_id = ?::uuid,
                       version = COALESCE((SELECT s.version + 1 FROM documents s WHERE s.id = ?::uuid), 1),
                       updated_at = now()
                 WHERE id = ?
                """, statement -> {
            int next = bindMetadata(statement, changed);
            statement.setString(next, changed.supersedesId());
            statement.setObject(next + 1, id);
            return statement.executeUpdate();
        });
        if (!changed.showsInSearchAs(current.get().metadata())) {
            queue.enqueueReindex(id);
        }
        return find(id);
    }

    /** @throws DocumentStateException when the document is already withdrawn */
    @Transactional
    Optional<DocumentResponse> withdraw(UUID id, String reason) {
        Optional<DocumentResponse> current = lock(id);
        if (current.isEmpty()) {
            return current;
        }
        if ("withdrawn".equals(current.get().metadata().status())) {
            throw DocumentStateException.withdrawn(id);
        }
        execute(
                "UPDATE documents SET status = 'withdrawn', withdrawn_reason = ?, updated_at = now() WHERE id = ?",
                statement -> {
                    statement.setString(1, reason);
                    statement.setObject(2, id);
                    return statement.executeUpdate();
                });
        queue.enqueueUnindex(id);
        return find(id);
    }

    /**
     * Deletes the document with its files' rows, and replaces its jobs by one that takes it out of search; returns the
     * storage paths of its files to remove.
     */
    @Transactional
    Optional<List<String>> delete(UUID id) {
        queue.lockJobsOf(id);
        Optional<List<String>> deleted = execute("""
                WITH files AS (SELECT storage_path FROM document_files WHERE document_id = ?),
                     gone AS (DELETE FROM documents WHERE id = ? RETURNING id)
                SELECT (SELECT count(*) FROM gone), (SELECT array_agg(storage_path) FROM files)
                """, statement -> {
            statement.setObject(1, id);
            statement.setObject(2, id);
            ResultSet rows = statement.executeQuery();
            rows.next();
            if (rows.getLong(1) == 0) {
                return Optional.<List<String>>empty();
            }
            return Optional.of(strings(rows.getArray(2)));
        });
        if (deleted.isPresent()) {
            queue.replaceJobsWithUnindex(id);
        }
        return deleted;
    }

    @ReadOnly
    Optional<ProcessingStatus> status(UUID id) {
        return execute("""
                SELECT f.extraction_status, f.failure_reason, f.page_count, f.character_count, f.detected_language,
                       j.state, j.attempts, j.next_attempt_at, j.last_error, f.image_only_pages, f.text_truncated
                  FROM document_files f
                  LEFT JOIN LATERAL (SELECT * FROM index_jobs WHERE document_id = f.document_id
                                      ORDER BY id DESC LIMIT 1) j ON true
                 WHERE f.document_id = ?
                 ORDER BY f.created_at LIMIT 1
                """, statement -> {
            statement.setObject(1, id);
            ResultSet rows = statement.executeQuery();
            if (!rows.next()) {
                return Optional.empty();
            }
            String jobState = rows.getString(6);
            return Optional.of(new ProcessingStatus(
                    id.toString(),
                    rows.getString(1),
                    rows.getString(2),
                    (Integer) rows.getObject(3),
                    (Long) rows.getObject(4),
                    rows.getString(5),
                    (Integer) rows.getObject(10),
                    rows.getBoolean(11),
                    jobState,
                    rows.getInt(7),
                    "pending".equals(jobState)
                            ? rows.getObject(8, java.time.OffsetDateTime.class).toInstant()
                            : null,
                    rows.getString(9)));
        });
    }

    private Optional<DocumentResponse> lock(UUID id) {
        return execute(SELECT + " WHERE d.id = ? FOR NO KEY UPDATE OF d", statement -> {
            statement.setObject(1, id);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        });
    }

    /** Binds the eleven editable columns in table order, and returns the next parameter index. */
    private int bindMetadata(PreparedStatement statement, DocumentMetadata metadata) throws SQLException {
        Connection connection = statement.getConnection();
        statement.setString(1, metadata.title());
        statement.setString(2, metadata.abstractText());
        statement.setString(3, toJson(metadata.authorList()));
        statement.setDate(4, metadata.publicationDate() == null ? null : Date.valueOf(metadata.publicationLocalDate()));
        statement.setString(5, metadata.type());
        statement.setString(6, metadata.language());
        statement.setArray(
                7, connection.createArrayOf("text", metadata.countryList().toArray()));
        statement.setArray(
                8, connection.createArrayOf("text", metadata.topicList().toArray()));
        statement.setString(9, metadata.doi());
        statement.setString(10, metadata.license());
        statement.setString(11, metadata.status());
        statement.setString(12, metadata.supersedesId());
        return 13;
    }

    private static int bindFilter(PreparedStatement statement, DocumentFilter filter) throws SQLException {
        statement.setString(1, filter.type());
        statement.setString(2, filter.type());
        statement.setString(3, filter.language());
        statement.setString(4, filter.language());
        statement.setString(5, filter.country());
        statement.setString(6, filter.country());
        statement.setObject(7, filter.year(), java.sql.Types.INTEGER);
        statement.setObject(8, filter.year(), java.sql.Types.INTEGER);
        statement.setObject(9, filter.year(), java.sql.Types.INTEGER);
        return 10;
    }

    private DocumentResponse read(ResultSet rows) throws SQLException {
        String id = rows.getObject("id", UUID.class).toString();
        Date published = rows.getDate("publication_date");
        UUID supersedes = rows.getObject("supersedes_id", UUID.class);
        DocumentMetadata metadata = new DocumentMetadata(
                rows.getString("title"),
                rows.getString("abstract"),
                fromJson(rows.getString("authors")),
                published == null ? null : published.toLocalDate().toString(),
                rows.getString("type"),
                rows.getString("language"),
                strings(rows.getArray("countries")),
                strings(rows.getArray("topics")),
                rows.getString("doi"),
                rows.getString("license"),
                rows.getString("status"),
                supersedes == null ? null : supersedes.toString());
        DocumentResponse.FileResponse file = new DocumentResponse.FileResponse(
                rows.getString("original_name"),
                rows.getString("media_type"),
                rows.getLong("size_bytes"),
                rows.getString("sha256"),
                (Integer) rows.getObject("page_count"),
                (Integer) rows.getObject("image_only_pages"),
                rows.getBoolean("text_truncated"),
                rows.getString("extraction_status"),
                rows.getString("failure_reason"),
                DocumentController.BASE + "/" + id + "/file");
        return new DocumentResponse(
                id,
                metadata,
                rows.getString("withdrawn_reason"),
                rows.getInt("version"),
                rows.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                rows.getObject("updated_at", java.time.OffsetDateTime.class).toInstant(),
                file);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private String toJson(List<Author> authors) {
        try {
            return json.writeValueAsString(authors);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write authors as JSON", e);
        }
    }

    private List<Author> fromJson(String authors) {
        try {
            return json.readValue(authors, Argument.listOf(Author.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the authors stored as JSON", e);
        }
    }

    private <R> R execute(String sql, Statement<R> body) {
        try {
            return jdbc.prepareStatement(sql, body::run);
        } catch (RuntimeException e) {
            throw Constraints.translate(e);
        }
    }

    @FunctionalInterface
    private interface Statement<R> {
        R run(PreparedStatement statement) throws SQLException;
    }
}
