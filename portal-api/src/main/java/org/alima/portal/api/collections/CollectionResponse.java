package org.alima.portal.api.collections;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A collection as the API shows it to one viewer. Immutable.
 *
 * @param itemCount the items this viewer may see (a reader does not count drafts)
 * @param items in the curators' order, only documents this viewer may see; present when one collection is asked for,
 *     absent in lists
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CollectionResponse(
        String slug,
        Localized title,
        Localized description,
        String visibility,
        boolean featured,
        List<Curator> curators,
        int itemCount,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<ItemResponse> items) {

    /** An account that may edit the collection. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Curator(String id, String displayName) {}

    /** {@code GET /api/collections}: {@code {"items": [collection…]}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<CollectionResponse> items) {}
}
