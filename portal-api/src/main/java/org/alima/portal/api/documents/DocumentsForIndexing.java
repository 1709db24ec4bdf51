package org.alima.portal.api.documents;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.indexing.Audiences;
import org.alima.portal.api.indexing.IndexedDocuments;
import org.alima.portal.api.indexing.ProcessingOutcome;
import org.alima.portal.api.indexing.StoredDocument;
import org.alima.portal.indexer.extract.StudyDesignRules;
import org.alima.portal.indexer.index.IndexableDocument;

/**
 * The documents and their files as indexing reads them, and the processing columns of {@code document_files} that
 * indexing's jobs record; thread-safe, each method in the caller's transaction.
 */
@Singleton
final class DocumentsForIndexing implements IndexedDocuments {

    private static final String SEARCHABLE = "f.extraction_status = 'indexed' AND d.status <> 'withdrawn'";

    private final JdbcOperations jdbc;
    private final StoredFiles files;
    private final JsonMapper json;

    DocumentsForIndexing(JdbcOperations jdbc, StoredFiles files, JsonMapper json) {
        this.jdbc = jdbc;
        this.files = files;
        this.json = json;
    }

    @Override
    public Optional<StoredDocument> load(UUID documentId, boolean fillFromFile) {
        return query("""
                SELECT d.title, d.abstract, d.doi, d.type, d.language, d.publication_date, d.countries, d.topics,
                       d.review_due_date, d.status, d.owner_id, d.study_design, d.health_topics, d.populations,
                       d.settings, d.interventions,
                       EXISTS (SELECT 1 FROM document_newer_published_versions(d.id)) AS superseded,
                       (WITH RECURSIVE older (id, supersedes_id, depth) AS (
                            SELECT d.id, d.supersedes_id, 0
                            UNION ALL
                            SELECT o.id, o.supersedes_id, older.depth + 1
                              FROM documents o JOIN older ON o.id = older.supersedes_id
                             WHERE older.depth < 100
                        )
                        SELECT id FROM older ORDER BY depth DESC LIMIT 1) AS work,
                       (SELECT t.set_id FROM work_translations t WHERE t.work_id = document_work(d.id))
                           AS translations,
                       ARRAY(SELECT a.author ->> 'name'
                               FROM jsonb_array_elements(d.authors) WITH ORDINALITY AS a(author, position)
                              ORDER BY a.position) AS author_names
                  FROM documents d
                 WHERE d.id = ?
                """, statement -> {
            statement.setObject(1, documentId);
            ResultSet rows = statement.executeQuery();
            if (!rows.next()) {
                return Optional.<StoredDocument>empty();
            }
            Date published = rows.getDate("publication_date");
            StoredDocument.Metadata metadata = new StoredDocument.Metadata(
                    rows.getString("title"),
                    rows.getString("abstract"),
                    strings(rows.getArray("author_names")),
                    strings(rows.getArray("topics")),
                    rows.getString("doi"),
                    rows.getString("type"),
                    rows.getString("language"),
                    published == null ? null : published.toLocalDate(),
                    strings(rows.getArray("countries")));
            DocumentStatus status = DocumentStatus.of(rows.getString("status"));
            Set<String> audiences =
                    Audiences.ofDocument(status == DocumentStatus.PUBLISHED, rows.getObject("owner_id", UUID.class));
            boolean superseded = rows.getBoolean("superseded");
            Date reviewDue = rows.getDate("review_due_date");
            UUID work = rows.getObject("work", UUID.class);
            String design = rows.getString("study_design");
            IndexableDocument.Classification classification = new IndexableDocument.Classification(
                    strings(rows.getArray("health_topics")),
                    strings(rows.getArray("populations")),
                    strings(rows.getArray("settings")),
                    strings(rows.getArray("interventions")));
            UUID translations = rows.getObject("translations", UUID.class);
            return files.ofDocument(documentId)
                    .map(file -> new StoredDocument(
                            documentId,
                            file,
                            metadata,
                            status == DocumentStatus.WITHDRAWN,
                            fillFromFile,
                            audiences,
                            superseded,
                            reviewDue == null ? null : reviewDue.toLocalDate(),
                            work,
                            design,
                            classification,
                            translations));
        });
    }

    @Override
    public boolean isListed(UUID documentId) {
        return exists("SELECT 1 FROM documents WHERE id = ? AND status <> 'withdrawn'", documentId);
    }

    @Override
    public boolean isSearchable(UUID documentId) {
        return exists(
                "SELECT 1 FROM documents d JOIN document_files f ON f.document_id = d.id WHERE d.id = ? AND "
                        + SEARCHABLE,
                documentId);
    }

    @Override
    public List<UUID> searchableIds() {
        return query(
                "SELECT d.id FROM documents d JOIN document_files f ON f.document_id = d.id WHERE " + SEARCHABLE
                        + " ORDER BY d.id",
                statement -> ids(statement.executeQuery()));
    }

    @Override
    public List<UUID> olderVersions(UUID documentId) {
        return query("""
                WITH RECURSIVE older (id, depth) AS (
                    SELECT supersedes_id, 1 FROM documents WHERE id = ? AND supersedes_id IS NOT NULL
                    UNION ALL
                    SELECT d.supersedes_id, o.depth + 1
                      FROM documents d JOIN older o ON d.id = o.id
                     WHERE d.supersedes_id IS NOT NULL AND o.depth < 100
                )
                SELECT DISTINCT d.id FROM older o JOIN documents d ON d.id = o.id
                 WHERE d.status <> 'withdrawn'
                 ORDER BY d.id
                """, statement -> {
            statement.setObject(1, documentId);
            return ids(statement.executeQuery());
        });
    }

    @Override
    public boolean fileFailed(UUID documentId) {
        return exists(
                "SELECT 1 FROM document_files WHERE document_id = ? AND extraction_status = 'failed'", documentId);
    }

    @Override
    public void markExtracting(UUID documentId) {
        update(
                "UPDATE document_files SET extraction_status = 'extracting', failure_reason = NULL, failure_code = NULL,"
                        + " failure_parameters = NULL, updated_at = now() WHERE document_id = ?",
                documentId);
    }

    @Override
    public void markQueued(UUID documentId) {
        update(
                "UPDATE document_files SET extraction_status = 'queued', failure_reason = NULL, failure_code = NULL,"
                        + " failure_parameters = NULL, updated_at = now()"
                        + " WHERE document_id = ?",
                documentId);
    }

    @Override
    public void markQueuedIfIndexed(UUID documentId) {
        update(
                "UPDATE document_files SET extraction_status = 'queued', updated_at = now()"
                        + " WHERE document_id = ? AND extraction_status = 'indexed'",
                documentId);
    }

    @Override
    public void recordProcessed(UUID documentId, ProcessingOutcome.Processed outcome) {
        query("""
                UPDATE document_files
                   SET extraction_status = ?, failure_reason = NULL, failure_code = NULL, failure_parameters = NULL,
                       page_count = ?, character_count = ?,
                       detected_language = ?, image_only_pages = ?, text_truncated = ?, updated_at = now()
                 WHERE document_id = ?
                """, statement -> {
            statement.setString(1, outcome.searchable() ? "indexed" : "extracted");
            statement.setObject(2, outcome.pageCount(), Types.INTEGER);
            statement.setObject(3, outcome.characterCount(), Types.BIGINT);
            statement.setString(4, outcome.detectedLanguage());
            statement.setInt(5, outcome.imageOnlyPages());
            statement.setBoolean(6, outcome.textTruncated());
            statement.setObject(7, documentId);
            return statement.executeUpdate();
        });
        // The suggestion follows the text as last read; the design a person confirmed is another column, untouched.
        query("UPDATE documents SET study_design_suggested = ?, study_design_cue = ? WHERE id = ?", statement -> {
            StudyDesignRules.Suggestion suggestion = outcome.designSuggestion();
            statement.setString(
                    1, suggestion == null ? null : suggestion.design().code());
            statement.setString(2, suggestion == null ? null : suggestion.cue());
            statement.setObject(3, documentId);
            return statement.executeUpdate();
        });
    }

    /**
     * Each field takes the value given only while it is still empty: a person who filled it since the job read the
     * document keeps their value. Which value a file gives each field is {@link StoredDocument.Metadata#filledFrom}'s
     * to decide, not this statement's. The title and authors filled are judged by {@link MetadataDoubt#of}: the doubtful
     * ones are recorded for the contributor to confirm or replace.
     */
    @Override
    public void fillEmptyFields(UUID documentId, StoredDocument.Metadata filled) {
        List<Author> authors =
                filled.authors().stream().map(name -> new Author(name, null)).toList();
        query("""
                WITH given AS (SELECT ?::text AS title, ?::jsonb AS authors, ?::text[] AS topics, ?::text AS language,
                                      ?::text AS doi, ?::jsonb AS doubts)
                UPDATE documents d
                   SET title = COALESCE(d.title, given.title),
                       authors = CASE WHEN d.authors = '[]'::jsonb THEN given.authors ELSE d.authors END,
                       topics = CASE WHEN d.topics = '{}' THEN given.topics ELSE d.topics END,
                       language = COALESCE(d.language, given.language),
                       doi = COALESCE(d.doi, given.doi),
                       -- Judged before they are offered: a doubt about a value that did not land ends by itself.
                       metadata_doubts = given.doubts,
                       updated_at = now()
                  FROM given
                 WHERE d.id = ?
                   -- Touch the row (and its updated_at) only when there is something to fill.
                   AND (d.title IS NULL AND given.title IS NOT NULL
                        OR d.authors = '[]'::jsonb AND given.authors <> '[]'::jsonb
                        OR d.topics = '{}' AND cardinality(given.topics) > 0
                        OR d.language IS NULL AND given.language IS NOT NULL
                        OR d.doi IS NULL AND given.doi IS NOT NULL)
                """, statement -> {
            statement.setString(1, filled.title());
            statement.setString(2, toJson(authors));
            statement.setArray(
                    3,
                    statement
                            .getConnection()
                            .createArrayOf("text", filled.topics().toArray()));
            statement.setString(4, filled.language());
            statement.setString(5, filled.doi());
            statement.setString(6, toJson(MetadataDoubt.of(filled.title(), filled.authors())));
            statement.setObject(7, documentId);
            return statement.executeUpdate();
        });
    }

    @Override
    public void recordFailed(UUID documentId, ProcessingOutcome.Failed failure) {
        query("""
                UPDATE document_files
                   SET extraction_status = 'failed', failure_reason = ?, failure_code = ?,
                       failure_parameters = ?::jsonb,
                       page_count = COALESCE(?, page_count), image_only_pages = COALESCE(?, image_only_pages),
                       updated_at = now()
                 WHERE document_id = ?
                """, statement -> {
            statement.setString(1, failure.reason());
            statement.setString(2, failure.failure().code());
            statement.setString(3, failure.parameters().isEmpty() ? null : toJson(failure.parameters()));
            statement.setObject(4, failure.pageCount(), Types.INTEGER);
            statement.setObject(5, failure.imageOnlyPages(), Types.INTEGER);
            statement.setObject(6, documentId);
            return statement.executeUpdate();
        });
    }

    @Override
    public void markUnindexed(UUID documentId) {
        update(
                "UPDATE document_files f SET extraction_status = 'extracted', updated_at = now()"
                        + "  FROM documents d WHERE d.id = f.document_id AND f.document_id = ?"
                        + "   AND f.extraction_status = 'indexed' AND d.status = 'withdrawn'",
                documentId);
    }

    private boolean exists(String sql, UUID documentId) {
        return query(sql, statement -> {
            statement.setObject(1, documentId);
            return statement.executeQuery().next();
        });
    }

    private void update(String sql, UUID documentId) {
        query(sql, statement -> {
            statement.setObject(1, documentId);
            return statement.executeUpdate();
        });
    }

    private String toJson(Object values) {
        try {
            return json.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + values + " as JSON", e);
        }
    }

    private static List<UUID> ids(ResultSet rows) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        while (rows.next()) {
            ids.add(rows.getObject(1, UUID.class));
        }
        return ids;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private <R> R query(String sql, Statement<R> body) {
        return jdbc.prepareStatement(sql, body::run);
    }

    @FunctionalInterface
    private interface Statement<R> {
        R run(PreparedStatement statement) throws SQLException;
    }
}
