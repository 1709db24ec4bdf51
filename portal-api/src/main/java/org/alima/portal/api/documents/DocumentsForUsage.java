package org.alima.portal.api.documents;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.usage.UsedDocuments;

/** The documents as usage counting reads them; thread-safe, read-only. */
@Singleton
class DocumentsForUsage implements UsedDocuments {

    private final JdbcOperations jdbc;
    private final DocumentRepository documents;

    DocumentsForUsage(JdbcOperations jdbc, DocumentRepository documents) {
        this.jdbc = jdbc;
        this.documents = documents;
    }

    @Override
    @ReadOnly
    public Set<UUID> published(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return jdbc.prepareStatement("SELECT id FROM documents WHERE id = ANY (?) AND status = 'published'", s -> {
            s.setArray(1, s.getConnection().createArrayOf("uuid", new LinkedHashSet<>(ids).toArray()));
            ResultSet rows = s.executeQuery();
            Set<UUID> found = new HashSet<>();
            while (rows.next()) {
                found.add(rows.getObject(1, UUID.class));
            }
            return found;
        });
    }

    @Override
    @ReadOnly
    public boolean isVisible(UUID id, Viewer viewer) {
        return documents.find(id).filter(d -> d.isVisibleTo(viewer)).isPresent();
    }

    @Override
    @ReadOnly
    public Map<UUID, String> titles(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                SELECT d.id, coalesce(d.title, f.original_name, d.id::text) AS title
                  FROM documents d LEFT JOIN document_files f ON f.document_id = d.id
                 WHERE d.id = ANY (?)""", s -> {
            s.setArray(1, s.getConnection().createArrayOf("uuid", new LinkedHashSet<>(ids).toArray()));
            ResultSet rows = s.executeQuery();
            Map<UUID, String> titles = new HashMap<>();
            while (rows.next()) {
                titles.put(rows.getObject("id", UUID.class), rows.getString("title"));
            }
            return titles;
        });
    }
}
