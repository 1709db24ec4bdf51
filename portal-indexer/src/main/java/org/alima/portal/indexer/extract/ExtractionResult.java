package org.alima.portal.indexer.extract;

import java.util.List;

/** The outcome of extracting one file: either its text and metadata, or a typed failure. Immutable. */
public sealed interface ExtractionResult permits ExtractionResult.Extracted, ExtractionResult.Failed {

    /**
     * Text was extracted.
     *
     * @param mediaType the media type detected from the file's bytes
     * @param imageOnlyPages how many pages carried images but no text (candidates for OCR)
     * @param truncated true when the text was cut at the extraction cap
     */
    record Extracted(
            String mediaType, DocumentMetadata metadata, List<Page> pages, int imageOnlyPages, boolean truncated)
            implements ExtractionResult {
        public Extracted {
            pages = List.copyOf(pages);
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
     * @param imageOnlyPages for {@link FailureKind#NEEDS_OCR}, the number of image-only pages
     * @param detail a technical detail for logs and curators (never a stack trace)
     */
    record Failed(String mediaType, FailureKind kind, int pageCount, int imageOnlyPages, String detail)
            implements ExtractionResult {

        /** The reason as shown to users: the kind's advice plus the detail. */
        public String reason() {
            return detail == null || detail.isBlank() ? kind.advice() : kind.advice() + " (" + detail + ")";
        }
    }
}
