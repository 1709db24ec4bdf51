package org.alima.portal.api.documents;

import java.util.UUID;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * A withdrawn document's file is no longer served to readers (410 {@code document-withdrawn}); its page stays, with the
 * reason.
 */
final class FileWithdrawnException extends PortalException {

    FileWithdrawnException(UUID id, String reason) {
        super("Document " + id + " was withdrawn (" + reason + "); its file is no longer served. Its page at "
                + DocumentController.BASE + "/" + id + " says why and links to its latest version, if any.");
    }

    @Override
    public Problem problem() {
        return Problem.of(410, "document-withdrawn", "Document withdrawn", getMessage());
    }
}
