package org.alima.portal.api.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A document as the API shows it: its metadata, lifecycle and stored file. Immutable.
 *
 * @param version 1 for a first upload; a document that supersedes another counts on from it
 * @param withdrawnReason why the document was withdrawn, when its status is {@code withdrawn}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DocumentResponse(
        String id,
        @JsonUnwrapped DocumentMetadata metadata,
        @Nullable String withdrawnReason,
        int version,
        Instant createdAt,
        Instant updatedAt,
        FileResponse file) {

    /**
     * The stored file and where its processing stands.
     *
     * @param imageOnlyPages pages that are scans without text, left out of search
     * @param textTruncated true when the text went past the extraction limit and its end is not searchable
     * @param extractionStatus queued, extracting, extracted (read and checked, not searchable: withdrawn), indexed
     *     (searchable), failed
     * @param failureReason why processing failed, in words meant for the uploader
     */
    @Serdeable
    record FileResponse(
            String name,
            String mediaType,
            long sizeBytes,
            String sha256,
            @Nullable Integer pageCount,
            @Nullable Integer imageOnlyPages,
            boolean textTruncated,
            String extractionStatus,
            @Nullable String failureReason,
            String url) {}
}
