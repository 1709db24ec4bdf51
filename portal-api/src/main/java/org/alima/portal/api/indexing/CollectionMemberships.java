package org.alima.portal.api.indexing;

import java.util.List;
import java.util.UUID;

/**
 * The collections a document belongs to, as the index's {@code collection} field holds them: every one, private ones
 * included (search hides those from readers). Implemented by the collections feature, so that indexing need not know
 * it.
 */
public interface CollectionMemberships {

    /** The slugs of every collection holding {@code documentId}, in a stable order. */
    List<String> slugsOf(UUID documentId);
}
