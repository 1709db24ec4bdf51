package org.alima.portal.api.documents;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.landing.PublicDocument;
import org.alima.portal.api.landing.PublishedDocuments;

/** The documents as the public pages, feeds and sitemap read them; thread-safe, read-only. */
@Singleton
class DocumentsForLanding implements PublishedDocuments {

    /** Published and not superseded by a newer published version: what a reader browsing a list wants. */
    private static final String CURRENT = """
            d.status = 'published' AND NOT EXISTS (SELECT 1 FROM document_newer_published_versions(d.id))""";

    private final JdbcOperations jdbc;
    private final DocumentRepository documents;

    private final Translations translations;

    DocumentsForLanding(JdbcOperations jdbc, DocumentRepository documents, Translations translations) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.translations = translations;
    }

    @Override
    @ReadOnly
    public List<LanguageVersion> translations(UUID id) {
        return documents.find(id).stream()
                .flatMap(document -> translations.of(document, Viewer.ANONYMOUS).stream())
                .map(other -> new LanguageVersion(UUID.fromString(other.id()), other.language(), other.title()))
                .toList();
    }

    @Override
    @ReadOnly
    public Optional<PublicDocument> find(UUID id) {
        return documents.find(id).map(document -> of(document, versions(id)));
    }

    @Override
    @ReadOnly
    public List<PublicDocument> latest(Selection selection, int limit) {
        List<UUID> ids = jdbc.prepareStatement("SELECT d.id FROM documents d WHERE " + CURRENT + """
                   AND (?::text IS NULL OR d.type = ?)
                   AND (?::text IS NULL OR d.topics @> ARRAY[?::text])
                   AND (?::text IS NULL OR d.countries @> ARRAY[?::text])
                 ORDER BY d.published_at DESC, d.id DESC
                 LIMIT ?""", statement -> {
            statement.setString(1, selection.type());
            statement.setString(2, selection.type());
            statement.setString(3, selection.topic());
            statement.setString(4, selection.topic());
            statement.setString(5, selection.country());
            statement.setString(6, selection.country());
            statement.setInt(7, limit);
            return ids(statement.executeQuery());
        });
        return published(ids);
    }

    @Override
    @ReadOnly
    public List<PublicDocument> published(List<UUID> ids) {
        Map<UUID, Document> found = new HashMap<>();
        documents.findAll(ids).stream()
                .filter(d -> d.status() == DocumentStatus.PUBLISHED)
                .forEach(d -> found.put(d.id(), d));
        return ids.stream()
                .filter(found::containsKey)
                .distinct()
                .map(id -> of(found.get(id), List.of()))
                .toList();
    }

    @Override
    @ReadOnly
    public long countPublished() {
        return jdbc.prepareStatement("SELECT count(*) FROM documents WHERE status = 'published'", statement -> {
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getLong(1);
        });
    }

    @Override
    @ReadOnly
    public List<SitemapEntry> sitemap(long offset, int limit) {
        return jdbc.prepareStatement("""
                SELECT id, updated_at FROM documents WHERE status = 'published' ORDER BY id LIMIT ? OFFSET ?""", statement -> {
            statement.setInt(1, limit);
            statement.setLong(2, offset);
            ResultSet rows = statement.executeQuery();
            List<SitemapEntry> entries = new ArrayList<>();
            while (rows.next()) {
                entries.add(new SitemapEntry(
                        rows.getObject("id", UUID.class),
                        rows.getObject("updated_at", OffsetDateTime.class).toInstant()));
            }
            return entries;
        });
    }

    @Override
    @ReadOnly
    public List<Term> topics() {
        return terms("topics");
    }

    @Override
    @ReadOnly
    public List<Term> countries() {
        return terms("countries");
    }

    /** The values of an array column over current published documents, most used first. */
    private List<Term> terms(String column) {
        return jdbc.prepareStatement(
                "SELECT t.value, count(*) AS n FROM documents d, unnest(d." + column + ") AS t(value) WHERE " + CURRENT
                        + " GROUP BY t.value ORDER BY n DESC, t.value",
                statement -> {
                    ResultSet rows = statement.executeQuery();
                    List<Term> terms = new ArrayList<>();
                    while (rows.next()) {
                        terms.add(new Term(rows.getString("value"), rows.getLong("n")));
                    }
                    return terms;
                });
    }

    /** The published and withdrawn versions of the line {@code id} belongs to, oldest first. */
    private List<PublicDocument.Version> versions(UUID id) {
        return jdbc.prepareStatement("""
                WITH RECURSIVE up AS (
                         SELECT id, supersedes_id FROM documents WHERE id = ?
                         UNION SELECT d.id, d.supersedes_id FROM documents d JOIN up ON d.id = up.supersedes_id),
                     down AS (
                         SELECT id FROM up WHERE supersedes_id IS NULL
                         UNION SELECT d.id FROM documents d JOIN down ON d.supersedes_id = down.id)
                SELECT d.id, d.version, d.status, d.published_at
                  FROM documents d JOIN down ON down.id = d.id
                 WHERE d.status IN ('published', 'withdrawn')
                 ORDER BY d.version""", statement -> {
            statement.setObject(1, id);
            ResultSet rows = statement.executeQuery();
            List<PublicDocument.Version> versions = new ArrayList<>();
            while (rows.next()) {
                OffsetDateTime published = rows.getObject("published_at", OffsetDateTime.class);
                versions.add(new PublicDocument.Version(
                        rows.getObject("id", UUID.class),
                        rows.getInt("version"),
                        rows.getString("status"),
                        published == null ? null : published.toInstant()));
            }
            versions.sort(Comparator.comparingInt(PublicDocument.Version::version));
            return versions;
        });
    }

    private static List<UUID> ids(ResultSet rows) throws java.sql.SQLException {
        List<UUID> ids = new ArrayList<>();
        while (rows.next()) {
            ids.add(rows.getObject(1, UUID.class));
        }
        return ids;
    }

    private static PublicDocument of(Document document, List<PublicDocument.Version> versions) {
        DocumentMetadata m = document.metadata();
        DocumentResponse.FileResponse file = document.file();
        String base = DocumentController.BASE + "/" + document.id();
        return new PublicDocument(
                document.id(),
                m.title(),
                m.abstractText(),
                m.authorList().stream()
                        .map(a -> new PublicDocument.Author(a.name(), a.orcid()))
                        .toList(),
                m.publicationDate(),
                m.type(),
                m.language(),
                m.countryList(),
                m.topicList(),
                m.doi(),
                m.license(),
                document.status().value(),
                document.withdrawnReason(),
                document.version(),
                document.latestVersionId(),
                document.publishedAt(),
                document.updatedAt(),
                new PublicDocument.FileInfo(
                        file.name(), file.mediaType(), file.sizeBytes(), file.pageCount(), file.url()),
                versions,
                Arrays.stream(CitationFormat.values())
                        .map(f -> new PublicDocument.CitationLink(
                                f.wireName(), f.mediaType(), base + "/citation?format=" + f.wireName()))
                        .toList(),
                Citation.INSTITUTION,
                new PublicDocument.Classification(
                        m.design(),
                        m.healthTopicList(),
                        m.populationList(),
                        m.populationOtherList(),
                        m.settingList(),
                        m.settingOtherList(),
                        m.interventionList(),
                        m.interventionOtherList()));
    }
}
