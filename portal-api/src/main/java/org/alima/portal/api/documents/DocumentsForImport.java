package org.alima.portal.api.documents;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.files.UploadRejectedException;
import org.alima.portal.api.imports.FileOutcome;
import org.alima.portal.api.imports.ImportStatus;
import org.alima.portal.api.imports.ImportedDocuments;
import org.alima.portal.api.system.MalformedJsonException;
import org.alima.portal.api.system.PortalException;

/**
 * The documents as an import writes them: metadata read and checked by {@link MetadataJson} as an upload's, the file
 * received and stored by {@link DocumentWorkflow#importFile} as an upload's, so that the import has no rule of its
 * own. Each refusal becomes a failed line with the words the API would have answered. Thread-safe.
 */
@Singleton
final class DocumentsForImport implements ImportedDocuments {

    private final MetadataJson metadataJson;
    private final DocumentWorkflow workflow;

    DocumentsForImport(MetadataJson metadataJson, DocumentWorkflow workflow) {
        this.metadataJson = metadataJson;
        this.workflow = workflow;
    }

    @Override
    public FileOutcome importFile(
            Viewer viewer,
            String metadata,
            InputStream content,
            String fileName,
            ImportStatus status,
            Consumer<UUID> alsoRecord)
            throws IOException {
        DocumentMetadata checked;
        try {
            checked = metadataJson.part(metadata, "metadata");
            checked.checkDates();
        } catch (ConstraintViolationException e) {
            return FileOutcome.failed(FileOutcome.Failure.BAD_METADATA, violations(e));
        } catch (MalformedJsonException e) {
            return FileOutcome.failed(FileOutcome.Failure.BAD_METADATA, e.getMessage());
        } catch (PortalException e) {
            return FileOutcome.failed(FileOutcome.Failure.BAD_METADATA, withFields(e));
        }
        try {
            UUID id = workflow.importFile(
                    viewer, checked, content, fileName, DocumentStatus.of(status.value()), alsoRecord);
            return FileOutcome.imported(id);
        } catch (DuplicateFileException e) {
            return FileOutcome.duplicate(e.existingId(), e.getMessage());
        } catch (UploadRejectedException e) {
            return FileOutcome.failed(FileOutcome.Failure.FILE_REFUSED, e.getMessage());
        } catch (MetadataIncompleteException | ActionForbiddenException | TransitionConflictException e) {
            return FileOutcome.failed(FileOutcome.Failure.STATUS_REFUSED, withFields(e));
        }
    }

    @Override
    public Optional<String> refusal(Viewer viewer, ImportStatus status) {
        if (status == ImportStatus.PUBLISHED && !viewer.isAtLeast(Role.CURATOR)) {
            return Optional.of("only a curator or an administrator may publish; import as draft or submitted, or"
                    + " give --as the email of a curator or administrator");
        }
        return Optional.empty();
    }

    private static String violations(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .map(violation -> violation.getPropertyPath().toString().replace("<list element>", "") + " "
                        + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
    }

    /** The problem's detail, followed by the fields it names and what is wrong with each. */
    private static String withFields(PortalException e) {
        var problem = e.problem();
        if (problem.errors() == null || problem.errors().isEmpty()) {
            return e.getMessage();
        }
        return e.getMessage() + " ("
                + problem.errors().stream()
                        .map(error -> error.field() + ": " + error.message())
                        .collect(Collectors.joining("; "))
                + ")";
    }
}
