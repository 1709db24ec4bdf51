package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
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
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.accounts.AccountDirectory;
import org.alima.portal.api.files.FileStore;
import org.alima.portal.api.files.SafeFileName;
import org.alima.portal.api.indexing.IndexQueue;
import org.alima.portal.api.indexing.OcrStatus;
import org.alima.portal.api.indexing.ProcessingFailure;
import org.alima.portal.api.search.ReviewDue;
import org.alima.portal.indexer.extract.Format;

/**
 * Reads and writes documents and their files in PostgreSQL with plain SQL (arrays, JSONB, recursive version chains
 * and row locks say what they do better in SQL than through a mapping); thread-safe. Reads open their own read-only
 * transaction; writes join the caller's ({@link DocumentWorkflow}), so that a change, its audit record and its index
 * jobs commit together.
 */
@Singleton
class DocumentRepository {

    /**
     * A document with its file, its owner's name and its place among its versions. The newer versions come from
     * {@code document_newer_published_versions} (V4), which the indexer uses too, so that the page and search agree
     * on what supersedes what.
     */
    private static final String SELECT = """
            SELECT d.id, d.title, d.abstract, d.authors::text AS authors, d.publication_date, d.type, d.language,
                   d.countries, d.topics, d.doi, d.license, d.effective_date, d.review_due_date, d.study_design,
                   d.status, d.owner_id, d.return_comment, d.withdrawn_reason, d.metadata_doubts::text AS metadata_doubts,
                   d.study_design_suggested, d.study_design_cue,
                   d.health_topics, d.populations, d.populations_other, d.settings, d.settings_other,
                   d.interventions, d.interventions_other,
                   d.version, d.supersedes_id, d.published_at, d.created_at, d.updated_at,
                   (SELECT n.newer_id FROM document_newer_published_versions(d.id) n
                     ORDER BY n.steps, n.newer_published_at DESC LIMIT 1) AS superseded_by,
                   (SELECT n.newer_id FROM document_newer_published_versions(d.id) n
                     ORDER BY n.steps DESC, n.newer_published_at DESC LIMIT 1) AS latest_version,
                   EXISTS (SELECT 1 FROM documents s WHERE s.supersedes_id = d.id) AS has_newer_version,
                   f.original_name, f.format, f.size_bytes, f.sha256, f.page_count, f.extraction_status,
                   f.failure_reason, f.failure_code, f.failure_parameters::text AS failure_parameters,
                   f.image_only_pages, f.text_truncated
              FROM documents d
              JOIN document_files f ON f.document_id = d.id
            """;

    /**
     * What a viewer may see (see {@link Document#isVisibleTo}), as SQL: the published and withdrawn, their own, or
     * everything for a curator. Parameters: the viewer's account id (null when anonymous), whether they are a curator.
     */
    private static final String VISIBLE =
            "(d.status IN ('published', 'withdrawn') OR d.owner_id = ?::uuid OR ?::boolean)";

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final AccountDirectory accounts;
    private final IndexQueue queue;

    DocumentRepository(JdbcOperations jdbc, JsonMapper json, AccountDirectory accounts, IndexQueue queue) {
        this.jdbc = jdbc;
        this.json = json;
        this.accounts = accounts;
        this.queue = queue;
    }

    /**
     * Records a new draft of {@code owner}, whose file the caller adds with {@link #addFile} in the same transaction.
     *
     * @param supersedes the document this one is a new version of (its version counts on from it), or null
     */
    @Transactional
    UUID create(DocumentMetadata metadata, @Nullable UUID supersedes, UUID owner) {
        return execute("""
                INSERT INTO documents (title, abstract, authors, publication_date, type, language, countries, topics,
                                       doi, license, effective_date, review_due_date, study_design, health_topics,
                                       populations, populations_other, settings, settings_other, interventions,
                                       interventions_other, status, owner_id, created_by, updated_by, supersedes_id,
                                       version)
                VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?,
                        COALESCE((SELECT version + 1 FROM documents WHERE id = ?), 1))
                RETURNING id
                """, statement -> {
            int next = bindMetadata(statement, metadata);
            statement.setObject(next, owner);
            statement.setString(next + 1, owner.toString());
            statement.setString(next + 2, owner.toString());
            statement.setObject(next + 3, supersedes);
            statement.setObject(next + 4, supersedes);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getObject(1, UUID.class);
        });
    }

    /**
     * Records the file of a document created in this transaction, stored at {@code storagePath}.
     *
     * @throws Constraints.SameBytesStoredException when another document holds the same bytes (checked by the UNIQUE
     *     constraint, so that two simultaneous uploads cannot both win)
     */
    @Transactional
    void addFile(UUID id, FileStore.IncomingFile file, SafeFileName name, String storagePath) {
        execute("""
                INSERT INTO document_files (document_id, sha256, size_bytes, format, original_name, storage_path)
                VALUES (?, ?, ?, ?, ?, ?)
                """, statement -> {
            statement.setObject(1, id);
            statement.setString(2, file.sha256());
            statement.setLong(3, file.size());
            statement.setString(4, column(file.format()));
            statement.setString(5, name.value());
            statement.setString(6, storagePath);
            return statement.executeUpdate();
        });
    }

    /** The document that holds these bytes, with whether {@code viewer} may see it. */
    @ReadOnly
    Optional<Holder> findBySha256(String sha256, Viewer viewer) {
        return execute(
                "SELECT d.id, " + VISIBLE
                        + " FROM document_files f JOIN documents d ON d.id = f.document_id WHERE f.sha256 = ?",
                statement -> {
                    int next = bindViewer(statement, 1, viewer);
                    statement.setString(next, sha256);
                    ResultSet rows = statement.executeQuery();
                    return rows.next()
                            ? Optional.of(new Holder(rows.getObject(1, UUID.class), rows.getBoolean(2)))
                            : Optional.empty();
                });
    }

    /** The document, whoever may see it: the caller decides with {@link Document#isVisibleTo}. */
    @ReadOnly
    Optional<Document> find(UUID id) {
        return one(SELECT + " WHERE d.id = ?", id);
    }

    /** The document, when {@code viewer} may see it; 404 otherwise, exactly as for an unknown id. */
    @ReadOnly
    Document visible(UUID id, Viewer viewer) {
        return find(id).filter(d -> d.isVisibleTo(viewer)).orElseThrow(() -> Document.notFound(id));
    }

    /** The documents with these ids, whoever may see them, in no particular order. */
    @ReadOnly
    List<Document> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return execute(SELECT + " WHERE d.id = ANY (?)", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids.toArray()));
            ResultSet rows = statement.executeQuery();
            List<Document> found = new ArrayList<>();
            while (rows.next()) {
                found.add(read(rows));
            }
            return found;
        });
    }

    /** The document, locked until the caller's transaction ends, so that two changes do not lose one another. */
    @Transactional
    Optional<Document> lock(UUID id) {
        return one(SELECT + " WHERE d.id = ? FOR NO KEY UPDATE OF d", id);
    }

    /**
     * The documents {@code viewer} may see that pass the filter: the newest publication (or upload, for what is not
     * published) first, then by id, so that pages are stable while documents are added.
     */
    @ReadOnly
    Listing list(DocumentFilter filter, Viewer viewer, int page, int size) {
        String where = " WHERE " + VISIBLE + """
                   AND (?::text IS NULL OR d.type = ?)
                   AND (?::text IS NULL OR d.language = ?)
                   AND (?::text IS NULL OR d.countries @> ARRAY[?::text])
                   AND (?::int IS NULL OR (d.publication_date >= make_date(?, 1, 1)
                                           AND d.publication_date < make_date(? + 1, 1, 1)))
                   AND (?::text IS NULL OR d.status = ?)
                   AND (?::text IS NULL OR f.extraction_status = ?)
                   AND (?::uuid IS NULL OR d.owner_id = ?)
                   AND (NOT ?::boolean OR (d.status = 'published' AND d.review_due_date < ?
                                           AND NOT EXISTS (SELECT 1 FROM document_newer_published_versions(d.id))))
                """;
        String from = " FROM documents d JOIN document_files f ON f.document_id = d.id";
        long total = execute("SELECT count(*)" + from + where, statement -> {
            bindFilter(statement, viewer, filter);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getLong(1);
        });
        List<Document> items = execute(
                SELECT + where + " ORDER BY COALESCE(d.published_at, d.created_at) DESC, d.id DESC LIMIT ? OFFSET ?",
                statement -> {
                    int next = bindFilter(statement, viewer, filter);
                    statement.setInt(next, size);
                    statement.setLong(next + 1, (long) (page - 1) * size);
                    ResultSet rows = statement.executeQuery();
                    List<Document> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                    return found;
                });
        return new Listing(withOwnerNames(items), total);
    }

    /** Replaces the editable metadata of a document the caller has locked. */
    @Transactional
    void updateMetadata(UUID id, DocumentMetadata metadata, Viewer actor) {
        execute("""
                UPDATE documents
                   SET title = ?, abstract = ?, authors = ?::jsonb, publication_date = ?, type = ?, language = ?,
                       countries = ?, topics = ?, doi = ?, license = ?, effective_date = ?, review_due_date = ?,
                       study_design = ?, health_topics = ?, populations = ?, populations_other = ?, settings = ?,
                       settings_other = ?, interventions = ?, interventions_other = ?, updated_by = ?,
                       updated_at = now()
                 WHERE id = ?
                """, statement -> {
            int next = bindMetadata(statement, metadata);
            statement.setString(next, actorOf(actor));
            statement.setObject(next + 1, id);
            return statement.executeUpdate();
        });
    }

    /** draft → submitted, or submitted → draft with the curator's comment (kept until publication). */
    @Transactional
    void moveTo(UUID id, DocumentStatus status, @Nullable String returnComment, Viewer actor) {
        execute("""
                UPDATE documents
                   SET status = ?, return_comment = COALESCE(?, return_comment), updated_by = ?, updated_at = now()
                 WHERE id = ?
                """, statement -> {
            statement.setString(1, status.value());
            statement.setString(2, returnComment);
            statement.setString(3, actorOf(actor));
            statement.setObject(4, id);
            return statement.executeUpdate();
        });
    }

    /** Publishes: the return comment has served its purpose. */
    @Transactional
    void publish(UUID id, Viewer actor) {
        execute("""
                UPDATE documents
                   SET status = 'published', published_at = now(), return_comment = NULL, updated_by = ?,
                       updated_at = now()
                 WHERE id = ?
                """, statement -> {
            statement.setString(1, actorOf(actor));
            statement.setObject(2, id);
            return statement.executeUpdate();
        });
    }

    @Transactional
    void withdraw(UUID id, String reason, Viewer actor) {
        execute("""
                UPDATE documents
                   SET status = 'withdrawn', withdrawn_reason = ?, updated_by = ?, updated_at = now()
                 WHERE id = ?
                """, statement -> {
            statement.setString(1, reason);
            statement.setString(2, actorOf(actor));
            statement.setObject(3, id);
            return statement.executeUpdate();
        });
    }

    /** Deletes the document with its files' rows; returns the storage paths of its files, to remove once committed. */
    @Transactional
    List<String> delete(UUID id) {
        return execute("""
                WITH files AS (SELECT storage_path FROM document_files WHERE document_id = ?),
                     gone AS (DELETE FROM documents WHERE id = ? RETURNING id)
                SELECT (SELECT array_agg(storage_path) FROM files)
                """, statement -> {
            statement.setObject(1, id);
            statement.setObject(2, id);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return strings(rows.getArray(1));
        });
    }

    @ReadOnly
    Optional<ProcessingStatus> status(UUID id) {
        // The job first: each statement sees what was committed when it began, and a job and its file change in one
        // transaction, so a job read as ended is never shown beside its file as it was before (read the other way
        // round, a job that ended in between showed "failed" beside a file still "extracting").
        Optional<IndexQueue.LatestJob> job = queue.latestJob(id);
        Optional<OcrStatus> ocr = queue.ocrOf(id);
        Optional<ProcessingStatus.FileState> file = execute("""
                SELECT f.extraction_status, f.failure_reason, f.page_count, f.character_count, f.detected_language,
                       f.image_only_pages, f.text_truncated, f.failure_code, f.failure_parameters::text
                  FROM document_files f
                 WHERE f.document_id = ?
                 ORDER BY f.created_at LIMIT 1
                """, statement -> {
            statement.setObject(1, id);
            ResultSet rows = statement.executeQuery();
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new ProcessingStatus.FileState(
                    rows.getString(1),
                    rows.getString(2),
                    (Integer) rows.getObject(3),
                    (Long) rows.getObject(4),
                    rows.getString(5),
                    (Integer) rows.getObject(6),
                    rows.getBoolean(7),
                    ProcessingFailure.of(rows.getString(8)),
                    failureParameters(rows.getString(9))));
        });
        return file.map(state -> ProcessingStatus.of(id, state, job, ocr));
    }

    private Optional<Document> one(String sql, UUID id) {
        Optional<Document> found = execute(sql, statement -> {
            statement.setObject(1, id);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        });
        return found.map(document -> withOwnerNames(List.of(document)).get(0));
    }

    /** The documents with their owners' names, which the accounts feature keeps. */
    private List<Document> withOwnerNames(List<Document> documents) {
        Map<UUID, String> names = accounts.displayNames(documents.stream()
                .map(Document::ownerId)
                .filter(Objects::nonNull)
                .toList());
        return documents.stream()
                .map(document ->
                        document.ownerId() == null ? document : document.withOwnerName(names.get(document.ownerId())))
                .toList();
    }

    /** Binds the twenty editable columns in table order, and returns the next parameter index. */
    private int bindMetadata(PreparedStatement statement, DocumentMetadata metadata) throws SQLException {
        Connection connection = statement.getConnection();
        statement.setString(1, metadata.title());
        statement.setString(2, metadata.abstractText());
        statement.setString(3, toJson(metadata.authorList()));
        statement.setObject(4, date(metadata.publicationLocalDate()), Types.DATE);
        statement.setString(5, metadata.type());
        statement.setString(6, metadata.language());
        statement.setArray(
                7, connection.createArrayOf("text", metadata.countryList().toArray()));
        statement.setArray(
                8, connection.createArrayOf("text", metadata.topicList().toArray()));
        statement.setString(9, metadata.doi());
        statement.setString(10, metadata.license());
        statement.setObject(11, date(metadata.effectiveLocalDate()), Types.DATE);
        statement.setObject(12, date(metadata.reviewDueLocalDate()), Types.DATE);
        statement.setString(13, metadata.design());
        List<List<String>> lists = List.of(
                metadata.healthTopicList(),
                metadata.populationList(),
                metadata.populationOtherList(),
                metadata.settingList(),
                metadata.settingOtherList(),
                metadata.interventionList(),
                metadata.interventionOtherList());
        int next = 14;
        for (List<String> values : lists) {
            statement.setArray(next++, connection.createArrayOf("text", values.toArray()));
        }
        return next;
    }

    private static int bindViewer(PreparedStatement statement, int first, Viewer viewer) throws SQLException {
        statement.setObject(first, viewer.accountId(), Types.OTHER);
        statement.setBoolean(first + 1, viewer.isAtLeast(Role.CURATOR));
        return first + 2;
    }

    private static int bindFilter(PreparedStatement statement, Viewer viewer, DocumentFilter filter)
            throws SQLException {
        int i = bindViewer(statement, 1, viewer);
        for (String value : new String[] {filter.type(), filter.language(), filter.country()}) {
            statement.setString(i++, value);
            statement.setString(i++, value);
        }
        for (int repeat = 0; repeat < 3; repeat++) {
            statement.setObject(i++, filter.year(), Types.INTEGER);
        }
        for (String value : new String[] {filter.status(), filter.processing()}) {
            statement.setString(i++, value);
            statement.setString(i++, value);
        }
        statement.setObject(i++, filter.owner(), Types.OTHER);
        statement.setObject(i++, filter.owner(), Types.OTHER);
        statement.setBoolean(i++, filter.reviewOverdue());
        // Overdue as ReviewDue decides, not by the database's own calendar.
        statement.setObject(i++, date(ReviewDue.today()), Types.DATE);
        return i;
    }

    private Document read(ResultSet rows) throws SQLException {
        UUID id = rows.getObject("id", UUID.class);
        DocumentMetadata metadata = new DocumentMetadata(
                rows.getString("title"),
                rows.getString("abstract"),
                fromJson(rows.getString("authors")),
                text(rows.getDate("publication_date")),
                rows.getString("type"),
                rows.getString("language"),
                strings(rows.getArray("countries")),
                strings(rows.getArray("topics")),
                rows.getString("doi"),
                rows.getString("license"),
                text(rows.getDate("effective_date")),
                text(rows.getDate("review_due_date")),
                rows.getString("study_design"),
                strings(rows.getArray("health_topics")),
                strings(rows.getArray("populations")),
                strings(rows.getArray("populations_other")),
                strings(rows.getArray("settings")),
                strings(rows.getArray("settings_other")),
                strings(rows.getArray("interventions")),
                strings(rows.getArray("interventions_other")));
        DocumentResponse.FileResponse file = new DocumentResponse.FileResponse(
                rows.getString("original_name"),
                format(rows.getString("format")).mediaType(),
                rows.getLong("size_bytes"),
                rows.getString("sha256"),
                (Integer) rows.getObject("page_count"),
                (Integer) rows.getObject("image_only_pages"),
                rows.getBoolean("text_truncated"),
                rows.getString("extraction_status"),
                rows.getString("failure_reason"),
                ProcessingFailure.of(rows.getString("failure_code")),
                failureParameters(rows.getString("failure_parameters")),
                DocumentController.BASE + "/" + id + "/file");
        UUID latest = rows.getObject("latest_version", UUID.class);
        OffsetDateTime published = rows.getObject("published_at", OffsetDateTime.class);
        return new Document(
                id,
                metadata,
                DocumentStatus.of(rows.getString("status")),
                rows.getObject("owner_id", UUID.class),
                null,
                rows.getString("return_comment"),
                rows.getString("withdrawn_reason"),
                rows.getInt("version"),
                rows.getObject("supersedes_id", UUID.class),
                rows.getObject("superseded_by", UUID.class),
                latest == null ? id : latest,
                rows.getBoolean("has_newer_version"),
                published == null ? null : published.toInstant(),
                rows.getObject("created_at", OffsetDateTime.class).toInstant(),
                rows.getObject("updated_at", OffsetDateTime.class).toInstant(),
                file,
                doubts(rows.getString("metadata_doubts")),
                DesignSuggestion.of(rows.getString("study_design_suggested"), rows.getString("study_design_cue")));
    }

    /** The format as the {@code document_files.format} column holds it: {@code pdf}, {@code markdown}… */
    static String column(Format format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    /** The format of a {@code document_files.format} value. */
    static Format format(String column) {
        return Format.valueOf(column.toUpperCase(Locale.ROOT));
    }

    private static String actorOf(Viewer actor) {
        return actor.accountId() == null ? null : actor.accountId().toString();
    }

    @Nullable
    private static Date date(@Nullable LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    @Nullable
    private static String text(@Nullable Date date) {
        return date == null ? null : date.toLocalDate().toString();
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

    /** The numbers a failure carries, as {@code document_files.failure_parameters} holds them; null for none. */
    private @Nullable Map<String, Integer> failureParameters(@Nullable String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, Argument.mapOf(String.class, Integer.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the failure parameters stored as JSON", e);
        }
    }

    private List<MetadataDoubt> doubts(String stored) {
        try {
            return json.readValue(stored, Argument.listOf(MetadataDoubt.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the metadata doubts stored as JSON", e);
        }
    }

    /**
     * Ends the doubts about {@code field}: its contributor or a curator confirmed the values read from the file.
     * Joins the caller's transaction.
     */
    void confirmDoubts(UUID id, String field) {
        execute("""
                UPDATE documents
                   SET metadata_doubts = COALESCE(
                           (SELECT jsonb_agg(doubt) FROM jsonb_array_elements(metadata_doubts) doubt
                             WHERE doubt->>'field' <> ?), '[]'::jsonb)
                 WHERE id = ?
                """, statement -> {
            statement.setString(1, field);
            statement.setObject(2, id);
            return statement.executeUpdate();
        });
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

    /** A page of documents and how many pass the filter in all. */
    record Listing(List<Document> documents, long total) {}

    /**
     * The document that holds some bytes.
     *
     * @param visible whether the viewer who asked may see it
     */
    record Holder(UUID id, boolean visible) {}
}
