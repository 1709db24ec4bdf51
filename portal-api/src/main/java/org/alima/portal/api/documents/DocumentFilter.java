package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * Which documents a list shows, among those its viewer may see; a null field does not filter. Immutable.
 *
 * @param status draft, submitted, published or withdrawn ({@code submitted} is the curators' review queue)
 * @param processing the file's processing status: queued, extracting, extracted, indexed or failed
 * @param owner only the documents of this account ({@code mine=true})
 * @param reviewOverdue only published, current operating procedures whose review-due date has passed
 */
record DocumentFilter(
        @Nullable String type,
        @Nullable String language,
        @Nullable String country,
        @Nullable Integer year,
        @Nullable String status,
        @Nullable String processing,
        @Nullable UUID owner,
        boolean reviewOverdue) {

    static DocumentFilter none() {
        return new DocumentFilter(null, null, null, null, null, null, null, false);
    }
}
