package org.alima.portal.api.collections;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;

/**
 * Curated collections over HTTP ({@link CollectionsApi}): everyone reads public collections (and the published
 * documents in them); curators create collections and curate those they are curators of, administrators any.
 * Stateless and thread-safe; database work runs on the blocking executor.
 */
@Controller(CollectionController.BASE)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "collections")
@ExecuteOn(TaskExecutors.BLOCKING)
class CollectionController implements CollectionsApi {

    static final String BASE = "/api/collections";

    private final Curation curation;

    CollectionController(Curation curation) {
        this.curation = curation;
    }

    /** The collections the caller may see (private ones only for curators), by slug; {@code featured=true}: the home page's. */
    @Operation(summary = "List collections")
    @Override
    public CollectionResponse.Page list(boolean featured, Viewer viewer) {
        return new CollectionResponse.Page(curation.list(viewer, featured));
    }

    /** Creates a collection; its creator is one of its curators. */
    @Operation(summary = "Create a collection")
    @Secured("curator")
    @Override
    public HttpResponse<CollectionResponse> create(CollectionRequest body, Viewer viewer) {
        CollectionResponse created = curation.create(body, viewer);
        return HttpResponse.created(created, URI.create(BASE + "/" + created.slug()));
    }

    /** The collection with its items in the curators' order: only the documents the caller may see. */
    @Operation(summary = "Read a collection")
    @Override
    public CollectionResponse get(String slug, Viewer viewer) {
        return curation.get(slug, viewer);
    }

    /**
     * Replaces the collection's title and description (a language left out is cleared), and its visibility, featured
     * flag and curators when given. The slug never changes.
     */
    @Operation(summary = "Change a collection")
    @Secured("curator")
    @Override
    public CollectionResponse replace(String slug, CollectionRequest body, Viewer viewer) {
        return curation.replace(slug, body, viewer);
    }

    /** Deletes the collection; its documents stay. */
    @Operation(summary = "Delete a collection")
    @Secured("curator")
    @Override
    public HttpResponse<Void> delete(String slug, Viewer viewer) {
        curation.delete(slug, viewer);
        return HttpResponse.noContent();
    }

    /** Adds a document at the end of the collection, with a note. */
    @Operation(summary = "Add a document to a collection")
    @Secured("curator")
    @Override
    public HttpResponse<ItemResponse> addItem(String slug, ItemRequest body, Viewer viewer) {
        ItemResponse item = curation.addItem(slug, body, viewer);
        return HttpResponse.created(item, URI.create(BASE + "/" + slug));
    }

    /** Changes an item's note; null or blank removes it. */
    @Operation(summary = "Change the note of a collection's document")
    @Secured("curator")
    @Override
    public ItemResponse changeNote(String slug, UUID documentId, NoteRequest body, Viewer viewer) {
        return curation.changeNote(slug, documentId, body, viewer);
    }

    /** Takes a document out of the collection; the document stays. */
    @Operation(summary = "Remove a document from a collection")
    @Secured("curator")
    @Override
    public HttpResponse<Void> removeItem(String slug, UUID documentId, Viewer viewer) {
        curation.removeItem(slug, documentId, viewer);
        return HttpResponse.noContent();
    }

    /** Puts the collection's documents in the order given, which must name each of them once. */
    @Operation(summary = "Reorder a collection")
    @Secured("curator")
    @Override
    public CollectionResponse reorder(String slug, OrderRequest body, Viewer viewer) {
        return curation.reorder(slug, body, viewer);
    }
}
