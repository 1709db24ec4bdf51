package org.alima.portal.api.collections;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** A curator asked to change a collection that they do not curate (403 {@code not-collection-curator}). */
final class NotCollectionCuratorException extends PortalException {

    NotCollectionCuratorException(String slug) {
        super("Only the curators of collection '" + slug + "' and administrators may change it; ask one of its"
                + " curators to add you to them.");
    }

    @Override
    public Problem problem() {
        return Problem.of(403, "not-collection-curator", "Not a curator of this collection", getMessage());
    }
}
