package org.alima.portal.api.collections;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alima.portal.api.access.Role;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.indexer.index.IndexSchema;

/**
 * Which collections a viewer may know of, answered from memory so that search, which must keep answering while
 * PostgreSQL is down, can hide private collections without touching the database. Thread-safe.
 *
 * <p>Holds every collection's slug and visibility: loaded at startup by {@link DirectoryLoader}, changed by {@link
 * Curation} once each change has committed, in this process. Each entry carries its collection's revision (the row's
 * {@code updated_at}, or the time of its deletion), so that of two changes applied out of order the later one wins. A
 * slug it does not know is hidden from readers: before the directory is loaded, readers see no collection in search
 * rather than a private one. Curators and administrators see every collection.
 */
@Singleton
public final class CollectionDirectory {

    /**
     * A {@code collection:value} clause in a query, as portal-indexer's query parser recognises a field: the name in
     * any case, at the start or after white space, {@code (}, {@code +}, {@code -} or {@code !}. Wider than the
     * parser (a quoted phrase matches too), so that no clause escapes the check.
     */
    private static final Pattern COLLECTION_CLAUSE =
            Pattern.compile("(?i)(?:^|[\\s(+\\-!])collection:(\\S+)", Pattern.UNICODE_CHARACTER_CLASS);

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

    /** Those of {@code slugs} that {@code viewer} may know of, in their order. */
    public Set<String> visibleAmong(Collection<String> slugs, Viewer viewer) {
        Set<String> visible = new LinkedHashSet<>();
        for (String slug : slugs) {
            if (isVisibleTo(slug, viewer)) {
                visible.add(slug);
            }
        }
        return visible;
    }

    /**
     * Refuses a query that searches by {@code collection:value} a collection that {@code viewer} may not know of, or
     * by anything but a plain slug (a prefix or fuzzy value could match a private one); the refusal reads the same
     * whether such a collection exists or not.
     *
     * @throws InvalidInputException naming {@code q}
     */
    public void checkQuery(@Nullable String query, Viewer viewer) {
        if (query == null || viewer.isAtLeast(Role.CURATOR)) {
            return;
        }
        Matcher clause = COLLECTION_CLAUSE.matcher(query);
        while (clause.find()) {
            String value = clause.group(1).replaceAll("[)]+$", "").replace("\"", "");
            if (!value.matches(Slug.PATTERN) || !isVisibleTo(value, viewer)) {
                throw InvalidInputException.of(
                        "q",
                        "searches 'collection:" + value + "', which is not the slug of a public collection; search"
                                + " within a collection with the collection parameter and a slug from"
                                + " /api/collections");
            }
        }
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
