package org.alima.portal.api.collections;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.oai.HarvestedCollections;

/** The public collections as OAI-PMH sets; thread-safe, each method in a read-only transaction of its own. */
@Singleton
class CollectionsForHarvest implements HarvestedCollections {

    private final JdbcOperations jdbc;
    private final CollectionRepository collections;

    CollectionsForHarvest(JdbcOperations jdbc, CollectionRepository collections) {
        this.jdbc = jdbc;
        this.collections = collections;
    }

    @Override
    @ReadOnly
    public List<PublicCollection> publicCollections() {
        return collections.list(Viewer.ANONYMOUS, false).stream()
                .map(c -> new PublicCollection(
                        c.slug(),
                        c.title().en() != null ? c.title().en() : c.title().fr()))
                .toList();
    }

    @Override
    @ReadOnly
    public Optional<List<UUID>> documentsOfPublic(String slug) {
        return collections
                .find(slug)
                .filter(c -> c.visibility() == Visibility.PUBLIC)
                .map(c -> collections.itemIds(c.id()));
    }

    @Override
    @ReadOnly
    public Map<UUID, List<String>> publicSlugsOf(Collection<UUID> documents) {
        if (documents.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                SELECT i.document_id, c.slug
                  FROM collection_items i JOIN collections c ON c.id = i.collection_id
                 WHERE i.document_id = ANY (?) AND c.visibility = 'public'
                 ORDER BY c.slug
                """, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", documents.toArray()));
            ResultSet rows = statement.executeQuery();
            Map<UUID, List<String>> slugs = new HashMap<>();
            while (rows.next()) {
                slugs.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(rows.getString(2));
            }
            return slugs;
        });
    }
}
