package org.alima.portal.api.documents;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.DocumentCollections;
import org.alima.portal.api.indexing.OcrReadings;

/**
 * The doubts about values read from a document's file ({@link MetadataDoubt}, listed in the document's {@code
 * doubts}): whoever may edit the document confirms them here, or replaces the values by an edit, which ends them
 * too. Stateless and thread-safe.
 */
@Controller(DocumentController.BASE)
@Tag(name = "documents")
@ExecuteOn(TaskExecutors.BLOCKING)
class MetadataDoubtController {

    private final DocumentWorkflow workflow;
    private final DocumentCollections collections;
    private final OcrReadings ocr;
    private final Translations translations;

    MetadataDoubtController(
            DocumentWorkflow workflow, DocumentCollections collections, OcrReadings ocr, Translations translations) {
        this.workflow = workflow;
        this.translations = translations;
        this.collections = collections;
        this.ocr = ocr;
    }

    /** The contributor keeps the values of {@code field} that were read from the file and found doubtful. */
    @Operation(summary = "Confirm the doubtful values of a field read from the file (title or authors)")
    @Secured("contributor")
    @Delete("/{id}/doubts/{field}")
    DocumentResponse confirm(
            @PathVariable UUID id,
            @PathVariable @Pattern(regexp = "title|authors", message = "must be title or authors") String field,
            Viewer viewer) {
        Document document = workflow.confirmDoubts(viewer, id, field);
        return DocumentResponse.of(
                document,
                viewer,
                collections.collectionsOf(id, viewer),
                ocr.ofDocument(id).orElse(null),
                translations.of(document, viewer));
    }
}
