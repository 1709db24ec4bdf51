package org.alima.portal.api.collections;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.system.NotFoundException;

/** The collections a document belongs to, for its page. Stateless and thread-safe. */
@Controller("/api/documents/{id}/collections")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "collections")
@ExecuteOn(TaskExecutors.BLOCKING)
class DocumentCollectionsController {

    private final DocumentCollections collections;

    DocumentCollectionsController(DocumentCollections collections) {
        this.collections = collections;
    }

    /** The collections holding the document that the caller may know of: {@code [{"slug", "title": {"fr","en"}}]}. */
    @Operation(summary = "List a document's collections")
    @Get
    List<CollectionRef> list(@PathVariable UUID id, Viewer viewer) {
        return collections
                .ofVisibleDocument(id, viewer)
                .orElseThrow(() ->
                        new NotFoundException("No document has the id " + id + "; list documents at /api/documents."));
    }
}
