package org.alima.portal.api.alerts;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A saved search as stored. Immutable.
 *
 * @param siteUrl the portal's address it was saved from, for the links of its digests when PORTAL_PUBLIC_URL is unset
 * @param alertsSince digests tell of documents published from then on; null without alerts
 */
record SavedSearch(
        UUID id,
        UUID accountId,
        String name,
        @Nullable String query,
        Map<String, List<String>> filters,
        String language,
        Frequency frequency,
        String feedToken,
        String siteUrl,
        @Nullable Instant alertsSince,
        @Nullable Instant nextRunAt,
        @Nullable Instant lastRunAt,
        @Nullable String lastError,
        Instant createdAt) {}
