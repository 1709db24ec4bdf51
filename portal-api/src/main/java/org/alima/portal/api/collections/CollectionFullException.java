package org.alima.portal.api.collections;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The collection holds as many items as a collection may (409 {@code collection-full}). */
final class CollectionFullException extends PortalException {

    CollectionFullException(String slug) {
        super("Collection '" + slug + "' already holds " + Curation.MAX_ITEMS + " documents, the most a collection"
                + " may; remove one first, or split it into several collections.");
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "collection-full", "Collection full", getMessage());
    }
}
