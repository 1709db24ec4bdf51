package org.alima.portal.api.indexing;

import java.util.List;

/** What processing one stored document gave: facts about the file, or why it could not be processed. Immutable. */
public sealed interface ProcessingOutcome permits ProcessingOutcome.Processed, ProcessingOutcome.Failed {

    /**
     * The file was read.
     *
     * @param searchable true only when the document's text is now in the search index (its extraction status becomes
     *     {@code indexed}); false when the file was read and checked but not indexed ({@code extracted})
     * @param pageCount pages, when the format has pages and they were counted; else null
     * @param characterCount characters of text, when counted; else null
     * @param detectedLanguage ISO 639-1 code of the text's language, when detected; else null
     * @param fromFile metadata found in the file, filled into the document's fields that are still empty
     */
    record Processed(
            boolean searchable,
            Integer pageCount,
            Long characterCount,
            String detectedLanguage,
            MetadataFromFile fromFile)
            implements ProcessingOutcome {}

    /**
     * The file could not be processed.
     *
     * @param reason for the uploader: what is wrong and what to do
     * @param retryable true when trying again later may succeed (a file briefly unreadable); false when the file
     *     itself is the problem (damaged, password-protected), so that retrying would only repeat the failure
     */
    record Failed(String reason, boolean retryable) implements ProcessingOutcome {}

    /**
     * Descriptive metadata read from the file itself (document information, XMP, core properties). Immutable; null
     * and empty mean "not found".
     */
    record MetadataFromFile(String title, List<String> authors, List<String> keywords) {
        public MetadataFromFile {
            authors = authors == null ? List.of() : List.copyOf(authors);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }

        public static MetadataFromFile none() {
            return new MetadataFromFile(null, List.of(), List.of());
        }
    }
}
