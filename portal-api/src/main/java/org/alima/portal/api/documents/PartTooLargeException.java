package org.alima.portal.api.documents;

import java.util.List;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** A multipart part other than the file over its own bound: 413 naming the part. Immutable. */
final class PartTooLargeException extends PortalException {

    private final String part;
    private final long limit;

    PartTooLargeException(String part, long limit) {
        super("The '" + part + "' part is larger than the limit of " + limit + " bytes.");
        this.part = part;
        this.limit = limit;
    }

    @Override
    public Problem problem() {
        return Problem.of(413, "request-too-large", "Request too large", getMessage())
                .withErrors(List.of(new FieldError(part, "is larger than " + limit + " bytes; shorten it")));
    }
}
