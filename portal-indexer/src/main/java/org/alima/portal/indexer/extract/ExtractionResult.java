package org.alima.portal.indexer.extract;

import java.util.List;

/** The outcome of extracting one file: either its text and metadata, or a typed failure. Immutable. */
public sealed interface ExtractionResult permits ExtractionResult.Extracted, ExtractionResult.Failed {

    /**
     * Text was extracted.
     *
     * @param mediaType the media type detected from the file's bytes
     * @param scannedPages the numbers of the pages that carried images but no text (candidates for OCR), in order
     * @param truncated true when the text was cut at the extraction cap
     */
    record Extracted(
            String mediaType,
            DocumentMetadata metadata,
            List<Page> pages,
            List<Integer> scannedPages,
            boolean truncated)
            implements ExtractionResult {
        public Extracted {
            pages = List.copyOf(pages);
            scannedPages = List.copyOf(scannedPages);
        }

        /** How many pages carried images but no text. */
        public int imageOnlyPages() {
            return scannedPages.size();
        }

        public int pageCount() {
            return pages.size();
        }

        public long characterCount() {
            long n = 0;
            for (Page page : pages) {
                n += page.text().length();
            }
            return n;
        }
    }

    /**
     * No text could be indexed.
     *
     * @param mediaType the detected media type, or null when it could not be told
     * @param pageCount pages in the file when known, else 0
     * @param scannedPages for {@link FailureKind#NEEDS_OCR}, the numbers of the image-only pages, in order
     * @param detail a technical detail for logs and curators (never a stack trace)
     */
    record Failed(String mediaType, FailureKind kind, int pageCount, List<Integer> scannedPages, String detail)
            implements ExtractionResult {

        public Failed {
            scannedPages = List.copyOf(scannedPages);
        }

        /** A failure with no scanned pages to tell. */
        public Failed(String mediaType, FailureKind kind, int pageCount, String detail) {
            this(mediaType, kind, pageCount, List.of(), detail);
        }

        /** How many pages are images without text. */
        public int imageOnlyPages() {
            return scannedPages.size();
        }

        /** The reason as shown to users: the kind's advice plus the detail. */
        public String reason() {
            return detail == null || detail.isBlank() ? kind.advice() : kind.advice() + " (" + detail + ")";
        }
    }
}
