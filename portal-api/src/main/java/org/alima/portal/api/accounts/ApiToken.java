package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** A personal API token as stored, without its secret. Immutable. */
record ApiToken(
        UUID id,
        String name,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant lastUsedAt) {}
