package org.alima.portal.api.indexing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Where the OCR of a document's scanned pages stands. Immutable.
 *
 * @param state pending (queued), running, done
 * @param pagesQueued the scanned pages the last job was asked to read
 * @param pagesRead pages whose text now comes from OCR
 * @param meanConfidence Tesseract's mean word confidence over those pages (0 to 100), or null when none had text
 * @param pagesFailed pages OCR could not read (time, memory, a damaged image)
 * @param finishedAt when the last job ended, or null while it is waiting or running
 */
@Serdeable
public record OcrStatus(
        String state,
        int pagesQueued,
        int pagesRead,
        @Nullable Double meanConfidence,
        int pagesFailed,
        @Nullable Instant finishedAt) {}
