package org.alima.portal.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit log. Immutable.
 *
 * @param actorId null for what the system did by itself (first administrator from configuration, command line)
 * @param actorEmail the actor's email when the event was recorded, kept even if the account changes later
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record AuditEvent(
        String id,
        Instant at,
        @Nullable String actorId,
        @Nullable String actorEmail,
        String action,
        String targetType,
        @Nullable String targetId,
        Map<String, Object> detail) {}
