package org.alima.portal.api.collections;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.audit.AuditLog;
import org.alima.portal.api.indexing.IndexQueue;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.NotFoundException;

/**
 * What curators do with collections, and what each viewer may see of them. Thread-safe.
 *
 * <p>Each change is one transaction holding the change, its audit record and a reindex job for every document whose
 * collections changed (the index's {@code collection} field follows PostgreSQL like every other field); the {@link
 * CollectionDirectory} follows once the transaction has committed. A collection's changes are serialised by a lock on
 * its row. Only a collection's curators and administrators may change it; a private collection does not exist for
 * anyone below curator.
 */
@Singleton
public class Curation {

    /** The most documents one collection holds: its page lists them all. */
    static final int MAX_ITEMS = 1000;

    /** Ids quoted at most in one message about a list. */
    private static final int QUOTED_IDS = 10;

    private final CollectionRepository collections;
    private final CollectedDocuments documents;
    private final CollectionDirectory directory;
    private final AuditLog audit;
    private final IndexQueue index;
    private final TransactionOperations<Connection> transactions;

    Curation(
            CollectionRepository collections,
            CollectedDocuments documents,
            CollectionDirectory directory,
            AuditLog audit,
            IndexQueue index,
            TransactionOperations<Connection> transactions) {
        this.collections = collections;
        this.documents = documents;
        this.directory = directory;
        this.audit = audit;
        this.index = index;
        this.transactions = transactions;
    }

    /** The collections {@code viewer} may know of, by slug, without their items. */
    @ReadOnly
    public List<CollectionResponse> list(Viewer viewer, boolean featuredOnly) {
        List<StoredCollection> found = collections.list(viewer, featuredOnly);
        List<UUID> ids = found.stream().map(StoredCollection::id).toList();
        Map<UUID, List<CollectionResponse.Curator>> curators = collections.curators(ids);
        Map<UUID, Integer> counts = collections.itemCounts(ids, viewer);
        return found.stream()
                .map(c -> response(c, curators.getOrDefault(c.id(), List.of()), counts.getOrDefault(c.id(), 0), null))
                .toList();
    }

    /** @throws NotFoundException when there is no such collection, or {@code viewer} may not know of it */
    @ReadOnly
    public CollectionResponse get(String slug, Viewer viewer) {
        StoredCollection collection =
                collections.find(slug).filter(c -> c.visibleTo(viewer)).orElseThrow(() -> notFound(slug));
        return full(collection, viewer);
    }

    /**
     * Creates a collection curated by {@code viewer} and the curators named.
     *
     * @throws InvalidInputException naming {@code slug}, {@code title} or {@code curatorIds}
     * @throws SlugTakenException when another collection has the slug
     */
    @Transactional
    CollectionResponse create(CollectionRequest request, Viewer viewer) {
        UUID creator = viewer.account().orElseThrow(() -> new IllegalArgumentException("a reader cannot curate"));
        List<FieldError> errors = new ArrayList<>();
        if (request.slug() == null) {
            errors.add(new FieldError("slug", "is required: " + Slug.RULE));
        }
        requireTitle(request, errors);
        Set<UUID> curators = new LinkedHashSet<>();
        curators.add(creator);
        curators.addAll(checkedCurators(request.curatorIds(), errors));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        StoredCollection created = collections.insert(
                request.slug(),
                request.titleText(),
                request.descriptionText(),
                request.visibility() == null ? Visibility.PRIVATE : Visibility.of(request.visibility()),
                Boolean.TRUE.equals(request.featured()));
        collections.replaceCurators(created.id(), curators);
        audit.record(
                viewer,
                "collection.create",
                "collection",
                created.id().toString(),
                Map.of(
                        "slug",
                        created.slug(),
                        "visibility",
                        created.visibility().value(),
                        "featured",
                        created.featured(),
                        "curatorIds",
                        curators.stream().map(UUID::toString).toList()));
        afterCommit(() -> directory.record(created));
        return full(created, viewer);
    }

    /**
     * Replaces the collection's texts, and its visibility, featured flag and curators when given.
     *
     * @throws InvalidInputException naming {@code slug} (which never changes), {@code title} or {@code curatorIds}
     */
    @Transactional
    CollectionResponse replace(String slug, CollectionRequest request, Viewer viewer) {
        StoredCollection current = editable(slug, viewer);
        List<FieldError> errors = new ArrayList<>();
        if (request.slug() != null && !request.slug().equals(slug)) {
            errors.add(new FieldError(
                    "slug",
                    "cannot change: a collection keeps the slug it was created with ('" + slug + "'), which links"
                            + " and the search index use; leave it out, or create a new collection"));
        }
        requireTitle(request, errors);
        Set<UUID> curators = null;
        if (request.curatorIds() != null) {
            curators = checkedCurators(request.curatorIds(), errors);
            if (curators.isEmpty()) {
                errors.add(new FieldError("curatorIds", "must name at least one curator; leave it out to keep them"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        StoredCollection updated = collections.update(
                current.id(),
                request.titleText(),
                request.descriptionText(),
                request.visibility() == null ? current.visibility() : Visibility.of(request.visibility()),
                request.featured() == null ? current.featured() : request.featured());
        Map<String, Object> changes = changes(current, updated);
        if (curators != null) {
            List<String> before = curatorIds(current);
            collections.replaceCurators(current.id(), curators);
            List<String> after = curators.stream().map(UUID::toString).toList();
            if (!Set.copyOf(before).equals(Set.copyOf(after))) {
                changes.put("curatorIds", Map.of("from", before, "to", after));
            }
        }
        audit.record(
                viewer,
                "collection.update",
                "collection",
                current.id().toString(),
                Map.of("slug", slug, "changes", changes));
        afterCommit(() -> directory.record(updated));
        return full(updated, viewer);
    }

    /** Deletes the collection and its items; the documents stay, and leave the collection in search. */
    @Transactional
    void delete(String slug, Viewer viewer) {
        StoredCollection collection = editable(slug, viewer);
        List<UUID> items = collections.itemIds(collection.id());
        Instant deletedAt = collections.delete(collection.id());
        items.forEach(index::enqueueReindex);
        audit.record(
                viewer,
                "collection.delete",
                "collection",
                collection.id().toString(),
                Map.of("slug", slug, "itemCount", items.size()));
        afterCommit(() -> directory.forget(slug, deletedAt));
    }

    /**
     * Adds a document at the end of the collection.
     *
     * @throws InvalidInputException naming {@code documentId} when no document has that id
     * @throws AlreadyInCollectionException when it is in the collection already
     * @throws CollectionFullException when the collection holds {@value #MAX_ITEMS} documents
     */
    @Transactional
    ItemResponse addItem(String slug, ItemRequest request, Viewer viewer) {
        StoredCollection collection = editable(slug, viewer);
        UUID document = UUID.fromString(request.documentId());
        InvalidInputException unknown = InvalidInputException.of(
                "documentId", "names no document (" + document + "); give the id of a document from /api/documents");
        if (!documents.isVisible(document, viewer)) {
            throw unknown;
        }
        List<UUID> items = collections.itemIds(collection.id());
        if (items.contains(document)) {
            throw new AlreadyInCollectionException(slug, document);
        }
        if (items.size() >= MAX_ITEMS) {
            throw new CollectionFullException(slug);
        }
        if (!collections.insertItem(
                collection, document, CollectionRequest.given(request.note()), viewer.accountId())) {
            throw unknown;
        }
        collections.touch(collection.id());
        index.enqueueReindex(document);
        audit.record(
                viewer,
                "collection.item_add",
                "collection",
                collection.id().toString(),
                Map.of("slug", slug, "documentId", document.toString()));
        return item(collection, document, viewer);
    }

    /** @throws NotFoundException when the document is not in the collection */
    @Transactional
    ItemResponse changeNote(String slug, UUID document, NoteRequest request, Viewer viewer) {
        StoredCollection collection = editable(slug, viewer);
        if (!collections.updateNote(collection.id(), document, CollectionRequest.given(request.note()))) {
            throw notAnItem(slug, document);
        }
        collections.touch(collection.id());
        audit.record(
                viewer,
                "collection.item_note",
                "collection",
                collection.id().toString(),
                Map.of("slug", slug, "documentId", document.toString()));
        return item(collection, document, viewer);
    }

    /** @throws NotFoundException when the document is not in the collection */
    @Transactional
    void removeItem(String slug, UUID document, Viewer viewer) {
        StoredCollection collection = editable(slug, viewer);
        if (!collections.deleteItem(collection.id(), document)) {
            throw notAnItem(slug, document);
        }
        collections.touch(collection.id());
        index.enqueueReindex(document);
        audit.record(
                viewer,
                "collection.item_remove",
                "collection",
                collection.id().toString(),
                Map.of("slug", slug, "documentId", document.toString()));
    }

    /**
     * Puts the items in the order given.
     *
     * @throws InvalidInputException naming {@code documentIds} unless they are the collection's items, each once
     */
    @Transactional
    CollectionResponse reorder(String slug, OrderRequest request, Viewer viewer) {
        StoredCollection collection = editable(slug, viewer);
        List<UUID> current = collections.itemIds(collection.id());
        List<UUID> asked = request.documentIds().stream().map(UUID::fromString).toList();
        String problem = orderProblem(slug, current, asked);
        if (problem != null) {
            throw InvalidInputException.of("documentIds", problem);
        }
        collections.reorder(collection.id(), asked);
        StoredCollection touched = collections.touch(collection.id());
        audit.record(
                viewer,
                "collection.reorder",
                "collection",
                collection.id().toString(),
                Map.of(
                        "slug",
                        slug,
                        "documentIds",
                        asked.stream().map(UUID::toString).toList()));
        return full(touched, viewer);
    }

    /**
     * @throws NotFoundException when there is no such collection (or the viewer may not know of it)
     * @throws NotCollectionCuratorException when the viewer may not change it
     */
    @Transactional
    void requireEditable(String slug, Viewer viewer) {
        editable(slug, viewer);
    }

    /**
     * The collection, locked for a change by {@code viewer}.
     *
     * @throws NotFoundException when there is no such collection (or the viewer may not know of it)
     * @throws NotCollectionCuratorException when the viewer is neither one of its curators nor an administrator
     */
    private StoredCollection editable(String slug, Viewer viewer) {
        StoredCollection collection =
                collections.lock(slug).filter(c -> c.visibleTo(viewer)).orElseThrow(() -> notFound(slug));
        boolean curates = viewer.isAtLeast(Role.ADMIN)
                || viewer.account()
                        .map(account -> collections.isCurator(collection.id(), account))
                        .orElse(false);
        if (!curates) {
            throw new NotCollectionCuratorException(slug);
        }
        return collection;
    }

    private CollectionResponse full(StoredCollection collection, Viewer viewer) {
        List<ItemResponse> items = collections.items(collection.id(), viewer);
        return response(
                collection,
                collections.curators(List.of(collection.id())).getOrDefault(collection.id(), List.of()),
                items.size(),
                items);
    }

    private ItemResponse item(StoredCollection collection, UUID document, Viewer viewer) {
        String id = document.toString();
        return collections.items(collection.id(), viewer).stream()
                .filter(item -> item.document().id().equals(id))
                .findFirst()
                .orElseThrow(() -> notAnItem(collection.slug(), document));
    }

    private static CollectionResponse response(
            StoredCollection collection,
            List<CollectionResponse.Curator> curators,
            int itemCount,
            @Nullable List<ItemResponse> items) {
        return new CollectionResponse(
                collection.slug(),
                collection.title(),
                collection.description(),
                collection.visibility().value(),
                collection.featured(),
                curators,
                itemCount,
                collection.createdAt(),
                collection.updatedAt(),
                items);
    }

    private static void requireTitle(CollectionRequest request, List<FieldError> errors) {
        Localized title = request.titleText();
        if (title.fr() == null && title.en() == null) {
            errors.add(new FieldError("title", "is required: a French or an English title (fr, en), or both"));
        }
    }

    /** The accounts named, once each, after checking that each is a curator's or an administrator's. */
    private Set<UUID> checkedCurators(@Nullable List<String> given, List<FieldError> errors) {
        if (given == null) {
            return Set.of();
        }
        Set<UUID> accounts = new LinkedHashSet<>();
        given.forEach(id -> accounts.add(UUID.fromString(id)));
        List<UUID> refused = collections.notCurators(accounts);
        if (!refused.isEmpty()) {
            errors.add(new FieldError(
                    "curatorIds",
                    "names " + quoted(refused) + ", which " + (refused.size() == 1 ? "is" : "are")
                            + " not an enabled curator or administrator account; name only accounts with the curator"
                            + " or admin role"));
        }
        return accounts;
    }

    private List<String> curatorIds(StoredCollection collection) {
        return collections.curators(List.of(collection.id())).getOrDefault(collection.id(), List.of()).stream()
                .map(CollectionResponse.Curator::id)
                .toList();
    }

    /** The fields that differ between two states of a collection, each as {@code {"from", "to"}}. */
    private static Map<String, Object> changes(StoredCollection before, StoredCollection after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "title", before, after, StoredCollection::title);
        diff(changes, "description", before, after, StoredCollection::description);
        diff(changes, "visibility", before, after, c -> c.visibility().value());
        diff(changes, "featured", before, after, StoredCollection::featured);
        return changes;
    }

    private static void diff(
            Map<String, Object> changes,
            String field,
            StoredCollection before,
            StoredCollection after,
            Function<StoredCollection, Object> value) {
        Object from = value.apply(before);
        Object to = value.apply(after);
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changes.put(field, change);
        }
    }

    /** What is wrong with {@code asked} as the new order of {@code current}, or null when nothing is. */
    private static @Nullable String orderProblem(String slug, List<UUID> current, List<UUID> asked) {
        Set<UUID> items = new LinkedHashSet<>(current);
        Set<UUID> seen = new LinkedHashSet<>();
        Set<UUID> repeated = new LinkedHashSet<>();
        Set<UUID> strangers = new LinkedHashSet<>();
        for (UUID id : asked) {
            if (!seen.add(id)) {
                repeated.add(id);
            } else if (!items.contains(id)) {
                strangers.add(id);
            }
        }
        Set<UUID> missing = new LinkedHashSet<>(items);
        missing.removeAll(seen);
        if (repeated.isEmpty() && strangers.isEmpty() && missing.isEmpty()) {
            return null;
        }
        List<String> faults = new ArrayList<>();
        if (!missing.isEmpty()) {
            faults.add("missing " + quoted(missing));
        }
        if (!strangers.isEmpty()) {
            faults.add("not in the collection " + quoted(strangers));
        }
        if (!repeated.isEmpty()) {
            faults.add("repeated " + quoted(repeated));
        }
        return "must list each of the collection's " + items.size() + " documents exactly once ("
                + String.join("; ", faults) + "); send the ids that GET /api/collections/" + slug
                + " lists, in the order wanted";
    }

    private static String quoted(java.util.Collection<UUID> ids) {
        List<String> shown = ids.stream().limit(QUOTED_IDS).map(UUID::toString).toList();
        String more = ids.size() > QUOTED_IDS ? " and " + (ids.size() - QUOTED_IDS) + " more" : "";
        return String.join(", ", shown) + more;
    }

    /** Runs {@code change} once the current transaction has committed, and never if it rolls back. */
    private void afterCommit(Runnable change) {
        transactions
                .findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("a change to a collection runs in a transaction"))
                .registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        change.run();
                    }
                });
    }

    static NotFoundException notFound(String slug) {
        return new NotFoundException(
                "No collection has the slug '" + slug + "'; GET /api/collections lists those you may see.");
    }

    private static NotFoundException notAnItem(String slug, UUID document) {
        return new NotFoundException("Document " + document + " is not in collection '" + slug + "'; GET"
                + " /api/collections/" + slug + " lists its documents.");
    }
}
