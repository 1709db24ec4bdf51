package org.alima.portal.api.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A saved search as its owner sees it.
 *
 * @param feedUrl its private Atom feed: anyone holding the address reads it, so it is revocable
 * @param nextDigestAt when its next e-mail digest is due; null without alerts
 * @param lastDigestAt when a digest last ran for it (sent or found nothing new)
 * @param lastError why the last digest could not be sent, or null
 */
@Serdeable
record SavedSearchResponse(
        String id,
        String name,
        @Nullable String q,
        Map<String, List<String>> filters,
        String frequency,
        String language,
        String feedUrl,
        @Nullable Instant nextDigestAt,
        @Nullable Instant lastDigestAt,
        @Nullable String lastError,
        Instant createdAt) {

    static SavedSearchResponse of(SavedSearch search, String base) {
        return new SavedSearchResponse(
                search.id().toString(),
                search.name(),
                search.query(),
                search.filters(),
                search.frequency().value(),
                search.language(),
                base + PrivateFeedController.path(search.feedToken()),
                search.nextRunAt(),
                search.lastRunAt(),
                search.lastError(),
                search.createdAt());
    }

    /**
     * The caller's saved searches, and whether the portal can send e-mail at all (no SMTP server configured: digests
     * are kept but wait).
     */
    @Serdeable
    record Listing(List<SavedSearchResponse> items, boolean mailConfigured) {}
}
