package org.alima.portal.api.indexing;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a reader is told of text that OCR read: on how many pages, and how sure Tesseract was. Immutable.
 *
 * @param pages pages of the document's current file whose text came from OCR (1 for a single page)
 * @param meanConfidence Tesseract's mean word confidence over those pages, 0 to 100, rounded to a tenth
 */
@Serdeable
public record OcrReading(int pages, double meanConfidence) {

    /** The confidence as a reader sees it: a whole percentage. */
    public long percent() {
        return Math.round(meanConfidence);
    }
}
