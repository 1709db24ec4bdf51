package org.alima.portal.api.collections;

import java.util.List;
import java.util.UUID;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The document is already an item of the collection (409 {@code already-in-collection}). */
final class AlreadyInCollectionException extends PortalException {

    AlreadyInCollectionException(String slug, UUID documentId) {
        super("Document " + documentId + " is already in collection '" + slug + "'; change its note with PATCH"
                + " /api/collections/" + slug + "/items/" + documentId + " instead.");
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "already-in-collection", "Already in the collection", getMessage())
                .withErrors(List.of(new FieldError("documentId", "is already in this collection")));
    }
}
