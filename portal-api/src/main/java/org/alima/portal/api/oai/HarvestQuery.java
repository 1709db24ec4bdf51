package org.alima.portal.api.oai;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which records a harvest asks for, and where the page starts. Immutable.
 *
 * @param from records changed at or after it, or null
 * @param until records changed before it (exclusive: the caller turned the inclusive datestamp into its next second or
 *     day), or null
 * @param type only documents of this type, or null
 * @param collection only documents of this public collection: its slug (matched against tombstones) and the documents
 *     it holds now; null for every document
 * @param afterDatestamp with {@code afterId}, the position of the last record of the previous page, or null
 * @param limit the most records in the page
 */
public record HarvestQuery(
        @Nullable Instant from,
        @Nullable Instant until,
        @Nullable String type,
        @Nullable CollectionFilter collection,
        @Nullable Instant afterDatestamp,
        @Nullable UUID afterId,
        int limit) {

    /** @param documents the documents the collection holds now */
    public record CollectionFilter(String slug, List<UUID> documents) {}
}
