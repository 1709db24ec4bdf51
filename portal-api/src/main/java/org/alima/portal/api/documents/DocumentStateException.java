package org.alima.portal.api.documents;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The document's state forbids the change asked for (409 {@code document-withdrawn}). */
final class DocumentStateException extends PortalException {

    DocumentStateException(String detail) {
        super(detail);
    }

    static DocumentStateException withdrawn(Object id) {
        return new DocumentStateException("Document " + id + " is withdrawn and can no longer change; upload a new"
                + " version with supersedesId set to it instead.");
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "document-withdrawn", "Document withdrawn", getMessage());
    }
}
