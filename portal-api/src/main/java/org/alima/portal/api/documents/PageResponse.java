package org.alima.portal.api.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.alima.portal.api.indexing.OcrReading;

/**
 * One page of a document's text, as a reader opening a search hit's page sees it. Immutable.
 *
 * @param id the document's id
 * @param language the document's language (ISO 639-1), for the text's {@code lang}
 * @param page 1-based, as a PDF viewer numbers pages
 * @param pageCount the document's pages
 * @param text the page's whole text, HTML-escaped, line breaks as {@code \n}, the query's words in {@code
 *     <mark>…</mark>} (as search reads them: without accents, stemmed, translated); empty for a scanned page
 * @param marks how many words are marked
 * @param previous the previous page's number, or null on the first
 * @param next the next page's number, or null on the last
 * @param view the light page view of this page (HTML, no script needed)
 * @param pdf this page alone as a PDF, with its size; null when the file is not a PDF
 * @param file the whole file, with its size
 * @param reviewOverdueSince as on the document: for a procedure whose review is overdue, the review-due date it passed
 * @param ocr when this page's text was read by OCR from a scan: Tesseract's mean confidence on it ({@code pages} 1);
 *     null when the text came from the file
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record PageResponse(
        String id,
        @Nullable String title,
        @Nullable String language,
        int page,
        int pageCount,
        String text,
        int marks,
        @Nullable Integer previous,
        @Nullable Integer next,
        String view,
        @Nullable Download pdf,
        Download file,
        @Nullable String reviewOverdueSince,
        @Nullable OcrReading ocr) {

    /** A file to download and its size, for a reader on a slow link to choose. */
    @Serdeable
    record Download(String url, long sizeBytes, String mediaType) {}
}
