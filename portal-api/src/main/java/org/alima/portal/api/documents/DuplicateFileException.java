package org.alima.portal.api.documents;

import java.util.UUID;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The same bytes were already uploaded (409 {@code duplicate-file}); the problem names the existing document. */
final class DuplicateFileException extends PortalException {

    private final UUID existingId;

    DuplicateFileException(UUID existingId) {
        super("This file was already uploaded as document " + existingId
                + "; edit that document's metadata instead of uploading the file again.");
        this.existingId = existingId;
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "duplicate-file", "File already uploaded", getMessage())
                .withExistingId(existingId.toString());
    }
}
