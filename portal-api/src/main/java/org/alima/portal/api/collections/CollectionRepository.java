package org.alima.portal.api.collections;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.accounts.AccountDirectory;

/**
 * Reads and writes collections, their curators and their items in PostgreSQL; thread-safe. Every method but {@link
 * #all} runs in the caller's transaction, so that a change, its audit record and its reindex jobs commit together.
 */
@Singleton
class CollectionRepository {

    private static final String COLUMNS = """
            id, slug, title_fr, title_en, description_fr, description_en, visibility, featured, created_at, updated_at
            """;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final JdbcOperations jdbc;
    private final CollectedDocuments documents;
    private final AccountDirectory accounts;

    CollectionRepository(JdbcOperations jdbc, CollectedDocuments documents, AccountDirectory accounts) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.accounts = accounts;
    }

    /** The collections {@code viewer} may know of, by slug; only featured ones when asked. */
    List<StoredCollection> list(Viewer viewer, boolean featuredOnly) {
        return jdbc.prepareStatement(
                "SELECT " + COLUMNS + " FROM collections WHERE (? OR visibility = 'public') AND (NOT ? OR featured)"
                        + " ORDER BY slug",
                statement -> {
                    statement.setBoolean(1, viewer.isAtLeast(Role.CURATOR));
                    statement.setBoolean(2, featuredOnly);
                    return collections(statement.executeQuery());
                });
    }

    /** Every collection's slug, visibility and revision, for the {@link CollectionDirectory}; its own transaction. */
    @ReadOnly
    List<StoredCollection> all() {
        return jdbc.prepareStatement(
                "SELECT " + COLUMNS + " FROM collections", statement -> collections(statement.executeQuery()));
    }

    Optional<StoredCollection> find(String slug) {
        return one("SELECT " + COLUMNS + " FROM collections WHERE slug = ?", slug);
    }

    /** The collection, locked until the transaction ends: changes to one collection happen one after the other. */
    Optional<StoredCollection> lock(String slug) {
        return one("SELECT " + COLUMNS + " FROM collections WHERE slug = ? FOR UPDATE", slug);
    }

    /**
     * Creates a collection.
     *
     * @throws SlugTakenException when another collection has the slug
     */
    StoredCollection insert(
            String slug, Localized title, Localized description, Visibility visibility, boolean featured) {
        try {
            return jdbc.prepareStatement(
                    "INSERT INTO collections (slug, title_fr, title_en, description_fr,"
                            + " description_en, visibility, featured) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING "
                            + COLUMNS,
                    statement -> {
                        statement.setString(1, slug);
                        int next = bindTexts(statement, 2, title, description);
                        statement.setString(next, visibility.value());
                        statement.setBoolean(next + 1, featured);
                        return collections(statement.executeQuery()).getFirst();
                    });
        } catch (RuntimeException e) {
            if (hasState(e, UNIQUE_VIOLATION)) {
                throw new SlugTakenException(slug, e);
            }
            throw e;
        }
    }

    StoredCollection update(UUID id, Localized title, Localized description, Visibility visibility, boolean featured) {
        return jdbc.prepareStatement(
                "UPDATE collections SET title_fr = ?, title_en = ?, description_fr = ?,"
                        + " description_en = ?, visibility = ?, featured = ?, updated_at = clock_timestamp() WHERE id = ?"
                        + " RETURNING " + COLUMNS,
                statement -> {
                    int next = bindTexts(statement, 1, title, description);
                    statement.setString(next, visibility.value());
                    statement.setBoolean(next + 1, featured);
                    statement.setObject(next + 2, id);
                    return collections(statement.executeQuery()).getFirst();
                });
    }

    /** Marks the collection changed now (its items changed), and returns it so. */
    StoredCollection touch(UUID id) {
        return jdbc.prepareStatement(
                "UPDATE collections SET updated_at = clock_timestamp() WHERE id = ? RETURNING " + COLUMNS,
                statement -> {
                    statement.setObject(1, id);
                    return collections(statement.executeQuery()).getFirst();
                });
    }

    /** Deletes the collection with its curators and items, and returns when, as its directory revision. */
    Instant delete(UUID id) {
        return jdbc.prepareStatement("DELETE FROM collections WHERE id = ? RETURNING clock_timestamp()", statement -> {
            statement.setObject(1, id);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        });
    }

    /** The curators of each collection given, by display name. */
    Map<UUID, List<CollectionResponse.Curator>> curators(Collection<UUID> collections) {
        Map<UUID, List<UUID>> curatorIds = byCollection(
                "SELECT collection_id, account_id FROM collection_curators WHERE collection_id = ANY (?)", collections);
        Map<UUID, String> names = accounts.displayNames(
                curatorIds.values().stream().flatMap(List::stream).toList());
        Comparator<CollectionResponse.Curator> byName = Comparator.comparing((CollectionResponse.Curator curator) ->
                        curator.displayName().toLowerCase(Locale.ROOT))
                .thenComparing(CollectionResponse.Curator::id);
        Map<UUID, List<CollectionResponse.Curator>> found = new HashMap<>();
        curatorIds.forEach((collection, ids) -> found.put(
                collection,
                ids.stream()
                        .filter(names::containsKey)
                        .map(id -> new CollectionResponse.Curator(id.toString(), names.get(id)))
                        .sorted(byName)
                        .toList()));
        return found;
    }

    boolean isCurator(UUID collection, UUID account) {
        return jdbc.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM collection_curators WHERE collection_id = ? AND account_id = ?)",
                statement -> {
                    statement.setObject(1, collection);
                    statement.setObject(2, account);
                    ResultSet rows = statement.executeQuery();
                    rows.next();
                    return rows.getBoolean(1);
                });
    }

    /** Those of {@code accounts} that are not enabled accounts of curators or administrators. */
    List<UUID> notCurators(Collection<UUID> accounts) {
        return this.accounts.notCurators(accounts);
    }

    void replaceCurators(UUID collection, Set<UUID> accounts) {
        jdbc.prepareStatement("DELETE FROM collection_curators WHERE collection_id = ?", statement -> {
            statement.setObject(1, collection);
            return statement.executeUpdate();
        });
        jdbc.prepareStatement(
                "INSERT INTO collection_curators (collection_id, account_id) SELECT ?, unnest(?)", statement -> {
                    statement.setObject(1, collection);
                    statement.setArray(2, uuids(statement, accounts));
                    return statement.executeUpdate();
                });
    }

    /** How many items of each collection given {@code viewer} may see; a collection without any is left out. */
    Map<UUID, Integer> itemCounts(Collection<UUID> collections, Viewer viewer) {
        Map<UUID, List<UUID>> items = byCollection(
                "SELECT collection_id, document_id FROM collection_items WHERE collection_id = ANY (?)", collections);
        Set<UUID> listed = documents
                .listed(items.values().stream().flatMap(List::stream).toList(), viewer)
                .keySet();
        Map<UUID, Integer> counts = new HashMap<>();
        items.forEach((collection, ids) -> {
            int count = (int) ids.stream().filter(listed::contains).count();
            if (count > 0) {
                counts.put(collection, count);
            }
        });
        return counts;
    }

    /** The items of the collection that {@code viewer} may see, in the curators' order, numbered from 1. */
    List<ItemResponse> items(UUID collection, Viewer viewer) {
        Map<UUID, String> notes = new LinkedHashMap<>();
        jdbc.prepareStatement(
                "SELECT document_id, note FROM collection_items WHERE collection_id = ? ORDER BY position",
                statement -> {
                    statement.setObject(1, collection);
                    ResultSet rows = statement.executeQuery();
                    while (rows.next()) {
                        notes.put(rows.getObject(1, UUID.class), rows.getString(2));
                    }
                    return notes;
                });
        Map<UUID, ItemResponse.DocumentSummary> listed = documents.listed(notes.keySet(), viewer);
        List<ItemResponse> items = new ArrayList<>();
        notes.forEach((document, note) -> {
            ItemResponse.DocumentSummary summary = listed.get(document);
            if (summary != null) {
                items.add(new ItemResponse(items.size() + 1, note, summary));
            }
        });
        return items;
    }

    /** Every item's document, in the curators' order. */
    List<UUID> itemIds(UUID collection) {
        return jdbc.prepareStatement(
                "SELECT document_id FROM collection_items WHERE collection_id = ? ORDER BY position", statement -> {
                    statement.setObject(1, collection);
                    return ids(statement.executeQuery());
                });
    }

    /**
     * Adds the document at the end of the collection. The caller holds the collection's lock and has checked that the
     * document is not an item yet.
     *
     * @return false when the document does not exist (any more): its foreign key says so
     */
    boolean insertItem(StoredCollection collection, UUID document, @Nullable String note, UUID addedBy) {
        try {
            return jdbc.prepareStatement("""
                    INSERT INTO collection_items (collection_id, document_id, position, note, added_by)
                    VALUES (?, ?, COALESCE((SELECT max(position) FROM collection_items WHERE collection_id = ?), 0) + 1,
                            ?, ?)
                    """, statement -> {
                statement.setObject(1, collection.id());
                statement.setObject(2, document);
                statement.setObject(3, collection.id());
                statement.setString(4, note);
                statement.setObject(5, addedBy);
                return statement.executeUpdate() == 1;
            });
        } catch (RuntimeException e) {
            if (hasState(e, FOREIGN_KEY_VIOLATION)) {
                // The document was deleted while this statement waited for it.
                return false;
            }
            throw e;
        }
    }

    /** Changes an item's note; false when the document is not an item of the collection. */
    boolean updateNote(UUID collection, UUID document, @Nullable String note) {
        return jdbc.prepareStatement(
                        "UPDATE collection_items SET note = ? WHERE collection_id = ? AND document_id = ?",
                        statement -> {
                            statement.setString(1, note);
                            statement.setObject(2, collection);
                            statement.setObject(3, document);
                            return statement.executeUpdate();
                        })
                == 1;
    }

    /** Takes an item out; false when the document is not an item of the collection. */
    boolean deleteItem(UUID collection, UUID document) {
        return jdbc.prepareStatement(
                        "DELETE FROM collection_items WHERE collection_id = ? AND document_id = ?", statement -> {
                            statement.setObject(1, collection);
                            statement.setObject(2, document);
                            return statement.executeUpdate();
                        })
                == 1;
    }

    /** Numbers the items 1, 2, 3… in the order given, which must hold each of them once. */
    void reorder(UUID collection, List<UUID> documents) {
        jdbc.prepareStatement("""
                UPDATE collection_items i SET position = o.n
                  FROM unnest(?) WITH ORDINALITY AS o(document_id, n)
                 WHERE i.collection_id = ? AND i.document_id = o.document_id
                """, statement -> {
            statement.setArray(1, uuids(statement, documents));
            statement.setObject(2, collection);
            return statement.executeUpdate();
        });
    }

    /** The collections that hold the document, by slug; private ones only when {@code includePrivate}. */
    List<StoredCollection> holding(UUID document, boolean includePrivate) {
        return jdbc.prepareStatement(
                "SELECT " + COLUMNS + " FROM collections WHERE (? OR visibility = 'public')"
                        + " AND id IN (SELECT collection_id FROM collection_items WHERE document_id = ?) ORDER BY slug",
                statement -> {
                    statement.setBoolean(1, includePrivate);
                    statement.setObject(2, document);
                    return collections(statement.executeQuery());
                });
    }

    private static boolean hasState(Throwable failure, String state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private Optional<StoredCollection> one(String sql, String slug) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, slug);
            return collections(statement.executeQuery()).stream().findFirst();
        });
    }

    private static List<StoredCollection> collections(ResultSet rows) throws SQLException {
        List<StoredCollection> found = new ArrayList<>();
        while (rows.next()) {
            found.add(new StoredCollection(
                    rows.getObject("id", UUID.class),
                    rows.getString("slug"),
                    new Localized(rows.getString("title_fr"), rows.getString("title_en")),
                    new Localized(rows.getString("description_fr"), rows.getString("description_en")),
                    Visibility.of(rows.getString("visibility")),
                    rows.getBoolean("featured"),
                    rows.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rows.getObject("updated_at", OffsetDateTime.class).toInstant()));
        }
        return found;
    }

    private static int bindTexts(PreparedStatement statement, int first, Localized title, Localized description)
            throws SQLException {
        statement.setString(first, title.fr());
        statement.setString(first + 1, title.en());
        statement.setString(first + 2, description.fr());
        statement.setString(first + 3, description.en());
        return first + 4;
    }

    /** The second column's ids by the first's, for a query of pairs over the collections given as its one array. */
    private Map<UUID, List<UUID>> byCollection(String sql, Collection<UUID> collections) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setArray(1, uuids(statement, collections));
            ResultSet rows = statement.executeQuery();
            Map<UUID, List<UUID>> found = new HashMap<>();
            while (rows.next()) {
                found.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(rows.getObject(2, UUID.class));
            }
            return found;
        });
    }

    private static Array uuids(PreparedStatement statement, Collection<UUID> ids) throws SQLException {
        return statement.getConnection().createArrayOf("uuid", new LinkedHashSet<>(ids).toArray());
    }

    private static List<UUID> ids(ResultSet rows) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        while (rows.next()) {
            ids.add(rows.getObject(1, UUID.class));
        }
        return ids;
    }
}
