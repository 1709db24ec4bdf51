package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Where the background processing of a document's file stands. Immutable.
 *
 * @param status queued, extracting, extracted (read and checked; not yet searchable), indexed (searchable), failed
 * @param jobState the processing job: pending, running, done, or failed after its last attempt
 * @param attempts how many times processing was tried
 * @param nextAttemptAt when a pending job is due (after a failed attempt: the retry), else null
 */
@Serdeable
record ProcessingStatus(
        String id,
        String status,
        @Nullable String failureReason,
        @Nullable Integer pageCount,
        @Nullable Long characterCount,
        @Nullable String detectedLanguage,
        @Nullable String jobState,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable String lastError) {}
