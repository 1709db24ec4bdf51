package org.alima.portal.api.documents;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.collections.CollectedDocuments;
import org.alima.portal.api.collections.ItemResponse;
import org.alima.portal.api.search.ReviewDue;

/** The documents as collections read them; thread-safe, each method in the caller's transaction. */
@Singleton
final class DocumentsForCollections implements CollectedDocuments {

    /**
     * Whether a collection's page lists document {@code d} to the viewer: curators every document, readers published
     * ones, and an account also the documents it uploaded. Two parameters: sees everything, the viewer's account id.
     */
    private static final String LISTED = "(?::boolean OR d.status = 'published' OR d.owner_id = ?::uuid)";

    private final JdbcOperations jdbc;
    private final DocumentRepository documents;
    private final JsonMapper json;

    DocumentsForCollections(JdbcOperations jdbc, DocumentRepository documents, JsonMapper json) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.json = json;
    }

    @Override
    public boolean isVisible(UUID document, Viewer viewer) {
        return documents.find(document).filter(d -> d.isVisibleTo(viewer)).isPresent();
    }

    @Override
    public Map<UUID, ItemResponse.DocumentSummary> listed(Collection<UUID> ids, Viewer viewer) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                SELECT d.id, d.title, d.authors, d.type, d.language, d.publication_date, d.status, d.review_due_date,
                       EXISTS (SELECT 1 FROM document_newer_published_versions(d.id)) AS superseded
                  FROM documents d
                 WHERE d.id = ANY (?) AND\s""" + LISTED, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", new LinkedHashSet<>(ids).toArray()));
            statement.setBoolean(2, viewer.isAtLeast(Role.CURATOR));
            statement.setString(
                    3, viewer.isAnonymous() ? null : viewer.accountId().toString());
            ResultSet rows = statement.executeQuery();
            Map<UUID, ItemResponse.DocumentSummary> found = new HashMap<>();
            while (rows.next()) {
                UUID id = rows.getObject("id", UUID.class);
                Date published = rows.getDate("publication_date");
                Date reviewDue = rows.getDate("review_due_date");
                String status = rows.getString("status");
                LocalDate overdue = ReviewDue.overdueSince(
                        reviewDue == null ? null : reviewDue.toLocalDate(),
                        !"withdrawn".equals(status) && !rows.getBoolean("superseded"));
                found.put(
                        id,
                        new ItemResponse.DocumentSummary(
                                id.toString(),
                                rows.getString("title"),
                                authors(rows.getString("authors")),
                                rows.getString("type"),
                                rows.getString("language"),
                                published == null
                                        ? null
                                        : published.toLocalDate().toString(),
                                status,
                                overdue == null ? null : overdue.toString()));
            }
            return found;
        });
    }

    private List<ItemResponse.Author> authors(String stored) {
        try {
            return json.readValue(stored, Argument.listOf(ItemResponse.Author.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the authors stored as JSON", e);
        }
    }
}
