package org.alima.portal.api.collections;

import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.indexing.CollectionMemberships;

/**
 * The collections a document belongs to: all of them for the search index, those a viewer may know of for the
 * document's record. Thread-safe; each method reads PostgreSQL in a transaction of its own, or in the caller's.
 */
@Singleton
public class DocumentCollections implements CollectionMemberships {

    private final CollectionRepository collections;
    private final CollectedDocuments documents;

    DocumentCollections(CollectionRepository collections, CollectedDocuments documents) {
        this.collections = collections;
        this.documents = documents;
    }

    /**
     * The slugs of every collection holding the document, private ones included, by slug: what the index's {@code
     * collection} field holds. Search hides the private ones from readers (see {@link CollectionDirectory}).
     */
    @Override
    @ReadOnly
    public List<String> slugsOf(UUID documentId) {
        return collections.holding(documentId, true).stream()
                .map(StoredCollection::slug)
                .toList();
    }

    /**
     * The collections holding the document that {@code viewer} may know of, by slug: public ones, and private ones
     * too for curators and administrators. Whether the viewer may see the document itself is the caller's to decide.
     */
    @ReadOnly
    public List<CollectionRef> collectionsOf(UUID documentId, Viewer viewer) {
        return collections.holding(documentId, viewer.isAtLeast(Role.CURATOR)).stream()
                .map(StoredCollection::ref)
                .toList();
    }

    /** {@link #collectionsOf}, or empty when the document does not exist or {@code viewer} may not see it. */
    @ReadOnly
    Optional<List<CollectionRef>> ofVisibleDocument(UUID documentId, Viewer viewer) {
        return documents.isVisible(documentId, viewer)
                ? Optional.of(collectionsOf(documentId, viewer))
                : Optional.empty();
    }
}
