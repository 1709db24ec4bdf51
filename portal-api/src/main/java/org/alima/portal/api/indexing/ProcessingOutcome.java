package org.alima.portal.api.indexing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.alima.portal.indexer.extract.StudyDesignRules;

/** What processing one stored document gave: facts about the file, or why it could not be processed. Immutable. */
public sealed interface ProcessingOutcome permits ProcessingOutcome.Processed, ProcessingOutcome.Failed {

    /**
     * The file was read.
     *
     * @param searchable true only when the document's text is now durably in the search index (its extraction status
     *     becomes {@code indexed}); false when the file was read and checked but is kept out of search
     *     ({@code extracted})
     * @param pageCount pages, when the format has pages and they were counted; else null
     * @param characterCount characters of text, when counted; else null
     * @param detectedLanguage ISO 639-1 code of the text's language, when detected; else null
     * @param fromFile metadata found in the file, filled into the document's fields that are still empty
     * @param imageOnlyPages pages that show images but hold no text (scans), left out of search
     * @param textTruncated true when the text went past the extraction limit and its end was left out of search
     * @param designSuggestion the study design that {@link StudyDesignRules} suggests from the title and text, with its
     *     cue; null when the rules suggest none. Stored apart from the design a person confirms
     */
    record Processed(
            boolean searchable,
            Integer pageCount,
            Long characterCount,
            String detectedLanguage,
            MetadataFromFile fromFile,
            int imageOnlyPages,
            boolean textTruncated,
            StudyDesignRules.Suggestion designSuggestion)
            implements ProcessingOutcome {}

    /**
     * The file could not be processed.
     *
     * @param failure what went wrong, as the stable code that clients put in their reader's words
     * @param parameters the numbers some failures carry (see {@link ProcessingFailure}), by name
     * @param reason for the uploader: what is wrong and what to do, in English (API clients, logs)
     * @param retryable true when trying again later may succeed (a file briefly unreadable); false when the file
     *     itself is the problem (damaged, password-protected), so that retrying would only repeat the failure
     * @param attemptLimit tries after which a retryable failure is final, when lower than the configured
     *     {@code max-attempts} (a file that took too long once will most likely take too long again)
     * @param pageCount pages of the file, when they could be counted; else null
     * @param imageOnlyPages pages that are scans without text, when counted; else null
     */
    record Failed(
            ProcessingFailure failure,
            Map<String, Integer> parameters,
            String reason,
            boolean retryable,
            int attemptLimit,
            Integer pageCount,
            Integer imageOnlyPages)
            implements ProcessingOutcome {

        public Failed {
            Objects.requireNonNull(failure, "failure");
            parameters = Map.copyOf(parameters);
            if (attemptLimit < 1) {
                throw new IllegalArgumentException("attemptLimit must be at least 1, got " + attemptLimit);
            }
        }

        /** A failure with no limit of its own on retries and no page counts. */
        public Failed(ProcessingFailure failure, String reason, boolean retryable) {
            this(failure, Map.of(), reason, retryable, Integer.MAX_VALUE, null, null);
        }
    }

    /**
     * Descriptive metadata read from the file itself (document information, XMP, core properties), already cut to
     * the bounds the API accepts from a person. Immutable; null and empty mean "not found".
     *
     * @param doi a DOI such as {@code 10.1371/journal.pmed.1002134}
     */
    record MetadataFromFile(String title, List<String> authors, List<String> keywords, String doi) {
        public MetadataFromFile {
            authors = authors == null ? List.of() : List.copyOf(authors);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }

        public static MetadataFromFile none() {
            return new MetadataFromFile(null, List.of(), List.of(), null);
        }
    }
}
