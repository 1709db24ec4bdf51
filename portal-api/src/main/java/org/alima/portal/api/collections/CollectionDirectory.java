package org.alima.portal.api.collections;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.indexing.Audiences;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.Access;

/**
 * Which collections a viewer may know of, answered from memory so that search, which must keep answering while
 * PostgreSQL is down, can hide private collections without touching the database (search itself keeps to them: see
 * portal-indexer's {@code Access.knowingOnly}). Thread-safe.
 *
 * <p>Holds every collection's slug and visibility: loaded at startup by {@link DirectoryLoader}, changed by {@link
 * Curation} once each change has committed in this process, and reloaded every few seconds for the changes other
 * portal nodes on the same database made (a collection made private on one node is hidden on the others within that
 * time). Each entry carries its collection's revision (the row's {@code updated_at}, or the time of its deletion), so
 * that of two changes applied out of order the later one wins. A slug it does not know is hidden from readers: before
 * the directory is loaded, readers see no collection in search rather than a private one. Curators and administrators
 * see every collection.
 */
@Singleton
public final class CollectionDirectory {

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /**
     * Whether {@code slug} names a collection that {@code viewer} may know of. The slug is compared as the search index
     * compares collection values (case and accents ignored).
     */
    public boolean isVisibleTo(String slug, Viewer viewer) {
        if (viewer.isAtLeast(Role.CURATOR)) {
            return true;
        }
        Entry entry = entries.get(IndexSchema.keywordTerm(slug));
        return entry != null && entry.visibility() == Visibility.PUBLIC;
    }

    /**
     * The collections {@code viewer} may know of, by slug, for search to keep to: the public ones; empty for curators
     * and administrators, who know of every one.
     */
    public Optional<Set<String>> knownTo(Viewer viewer) {
        if (viewer.isAtLeast(Role.CURATOR)) {
            return Optional.empty();
        }
        Set<String> known = new HashSet<>();
        entries.forEach((slug, entry) -> {
            if (entry.visibility() == Visibility.PUBLIC) {
                known.add(slug);
            }
        });
        return Optional.of(known);
    }

    /**
     * What {@code viewer} may find in a search: the documents of its {@link Audiences}, within the collections it may
     * know of (a private one, to a reader, is neither searched within nor counted nor named in {@code q}). The one
     * place a results page, and a feed, decide what their caller may see.
     */
    public Access searchAccessOf(Viewer viewer) {
        Access audiences = Audiences.of(viewer);
        return knownTo(viewer).map(audiences::knowingOnly).orElse(audiences);
    }

    /** Whether the directory was loaded from the database since the process started. */
    boolean isLoaded() {
        return loaded;
    }

    /** Adds every collection given, as of the revision each carries. */
    void load(List<StoredCollection> collections) {
        collections.forEach(this::record);
        loaded = true;
    }

    /**
     * Takes the collections as the database held them when read, from a read that started at {@code readFrom}:
     * every one given is recorded as {@link #record} does, and one held but no longer in the database (deleted by
     * another node) is forgotten, unless this process recorded it since the read started.
     */
    void reload(List<StoredCollection> collections, Instant readFrom) {
        Set<String> present = new HashSet<>();
        collections.forEach(collection -> {
            present.add(collection.slug());
            record(collection);
        });
        entries.entrySet()
                .removeIf(entry -> !present.contains(entry.getKey())
                        && entry.getValue().revision().isBefore(readFrom));
        loaded = true;
    }

    /** Records the collection as it is at its revision, unless a later revision was recorded already. */
    void record(StoredCollection collection) {
        merge(collection.slug(), new Entry(collection.visibility(), collection.updatedAt()));
    }

    /** Records that the collection was deleted at {@code revision}. */
    void forget(String slug, Instant revision) {
        merge(slug, new Entry(null, revision));
    }

    private void merge(String slug, Entry given) {
        entries.merge(slug, given, (held, next) -> next.revision().isBefore(held.revision()) ? held : next);
    }

    /** @param visibility null once the collection is deleted */
    private record Entry(@Nullable Visibility visibility, Instant revision) {}
}
