package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.indexing.IndexQueue;
import org.alima.portal.api.indexing.OcrStatus;
import org.alima.portal.api.indexing.ProcessingFailure;

/**
 * Where the background processing of a document's file stands. Immutable.
 *
 * @param status queued, extracting, extracted (read and checked but not searchable: the document is withdrawn),
 *     indexed (searchable), failed
 * @param failureReason why processing failed, in English words meant for the uploader
 * @param failureCode why processing failed, as a stable code to show in the reader's language; null when it did not
 *     fail, or failed before codes were recorded in a way they could not be read back (show the words then)
 * @param failureParameters the numbers the failure carries, by name ({@code pages}, {@code attempts}); null (absent) for
 *     none
 * @param imageOnlyPages pages that are scans without text, left out of search (an indexed document may have some; a
 *     document that has only those fails as needing OCR)
 * @param textTruncated true when the text went past the extraction limit and its end is not searchable
 * @param jobState the processing job: pending, running, done, or failed after its last attempt
 * @param attempts how many times processing was tried
 * @param nextAttemptAt when a pending job is due (after a failed attempt: the retry), else null
 * @param ocr where the OCR of its scanned pages stands (pages read, Tesseract's mean confidence), or null when it
 *     has none
 */
@Serdeable
record ProcessingStatus(
        String id,
        String status,
        @Nullable String failureReason,
        @Nullable ProcessingFailure failureCode,
        @Nullable Map<String, Integer> failureParameters,
        @Nullable Integer pageCount,
        @Nullable Long characterCount,
        @Nullable String detectedLanguage,
        @Nullable Integer imageOnlyPages,
        boolean textTruncated,
        @Nullable String jobState,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable String lastError,
        @Nullable OcrStatus ocr) {

    /**
     * Where the file stands ({@code document_files}), its latest job ({@code index_jobs}, indexing's) and its OCR
     * ({@code ocr_jobs}, indexing's).
     */
    static ProcessingStatus of(UUID id, FileState file, Optional<IndexQueue.LatestJob> job, Optional<OcrStatus> ocr) {
        return new ProcessingStatus(
                id.toString(),
                file.status(),
                file.failureReason(),
                file.failureCode(),
                file.failureParameters(),
                file.pageCount(),
                file.characterCount(),
                file.detectedLanguage(),
                file.imageOnlyPages(),
                file.textTruncated(),
                job.map(IndexQueue.LatestJob::state).orElse(null),
                job.map(IndexQueue.LatestJob::attempts).orElse(0),
                job.filter(j -> "pending".equals(j.state()))
                        .map(IndexQueue.LatestJob::nextAttemptAt)
                        .orElse(null),
                job.map(IndexQueue.LatestJob::lastError).orElse(null),
                ocr.orElse(null));
    }

    /** The processing columns of a document's file. */
    record FileState(
            String status,
            @Nullable String failureReason,
            @Nullable Integer pageCount,
            @Nullable Long characterCount,
            @Nullable String detectedLanguage,
            @Nullable Integer imageOnlyPages,
            boolean textTruncated,
            @Nullable ProcessingFailure failureCode,
            @Nullable Map<String, Integer> failureParameters) {}
}
