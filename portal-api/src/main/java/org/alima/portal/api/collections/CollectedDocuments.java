package org.alima.portal.api.collections;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;

/**
 * What collections read of documents, answered by the documents feature, which owns their tables and decides who may
 * see what; thread-safe. Each method runs in the caller's transaction when there is one.
 */
public interface CollectedDocuments {

    /** Whether the document exists and {@code viewer} may see its page: only such a document may be added as an item. */
    boolean isVisible(UUID document, Viewer viewer);

    /**
     * The documents among {@code documents} that a collection's page lists to {@code viewer}, with what it shows of
     * each: published ones for everyone, an account's own too, every one for curators (a withdrawn item is left out).
     */
    Map<UUID, ItemResponse.DocumentSummary> listed(Collection<UUID> documents, Viewer viewer);
}
