package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The same bytes were already uploaded (409 {@code duplicate-file}); the problem names the existing document when the
 * caller may see it, and only says that it exists otherwise, so that nobody learns the id of a draft that is not
 * theirs.
 */
final class DuplicateFileException extends PortalException {

    @Nullable
    private final UUID existingId;

    private DuplicateFileException(String detail, @Nullable UUID existingId) {
        super(detail);
        this.existingId = existingId;
    }

    static DuplicateFileException of(DocumentRepository.Holder holder) {
        return holder.visible()
                ? new DuplicateFileException(
                        "This file was already uploaded as document " + holder.id()
                                + "; edit that document's metadata, or upload a new version of it, instead of"
                                + " uploading the file again.",
                        holder.id())
                : new DuplicateFileException(
                        "This file was already uploaded, as a document you cannot see yet (another contributor's"
                                + " draft or submission); ask a curator about it instead of uploading it again.",
                        null);
    }

    /** The document that holds the same bytes, when the caller may see it. */
    @Nullable
    UUID existingId() {
        return existingId;
    }

    @Override
    public Problem problem() {
        Problem problem = Problem.of(409, "duplicate-file", "File already uploaded", getMessage());
        return existingId == null ? problem : problem.withExistingId(existingId.toString());
    }
}
