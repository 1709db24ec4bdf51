package org.alima.portal.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A personal API token as listed: its first characters ({@code prefix}) to recognise it, never its secret.
 *
 * @param lastUsedAt null when never used; noted to the minute
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ApiTokenResponse(
        String id,
        String name,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant lastUsedAt) {

    static ApiTokenResponse of(ApiToken token) {
        return new ApiTokenResponse(
                token.id().toString(),
                token.name(),
                token.prefix(),
                token.createdAt(),
                token.expiresAt(),
                token.lastUsedAt());
    }
}
