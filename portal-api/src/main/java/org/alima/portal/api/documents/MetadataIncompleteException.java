package org.alima.portal.api.documents;

import java.util.List;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The document lacks what it needs before it is submitted or published (422 {@code metadata-incomplete}): each entry
 * of {@code errors} names a missing field and what to give.
 */
final class MetadataIncompleteException extends PortalException {

    private final List<FieldError> errors;

    MetadataIncompleteException(String action, List<FieldError> errors) {
        super(
                errors.size() == 1
                        ? "Cannot " + action + " the document: field '"
                                + errors.get(0).field() + "' " + errors.get(0).message()
                        : "Cannot " + action + " the document: " + errors.size() + " fields are missing; see errors");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an incomplete document lacks at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    @Override
    public Problem problem() {
        return Problem.of(422, "metadata-incomplete", "Metadata incomplete", getMessage())
                .withErrors(errors);
    }
}
