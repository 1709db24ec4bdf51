package org.alima.portal.api.imports;

import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;

/** The collection an import adds its documents to, through the collections' own rules; thread-safe. */
public interface ImportCollections {

    /** Why {@code viewer} may not add documents to the collection {@code slug}, or empty when they may. */
    Optional<String> refusal(String slug, Viewer viewer);

    /** Adds a document just created at the collection's end, in the caller's transaction. */
    void add(String slug, UUID document, Viewer viewer);
}
