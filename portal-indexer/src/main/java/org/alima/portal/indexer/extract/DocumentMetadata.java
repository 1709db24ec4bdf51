package org.alima.portal.indexer.extract;

import java.time.LocalDate;
import java.util.List;

/**
 * Descriptive metadata read from a file (document information, XMP, core properties, HTML meta), immutable. Every
 * field may be absent: null for single values, empty lists for lists.
 *
 * @param language ISO 639-1 code of the document's main language, detected from its text
 */
public record DocumentMetadata(
        String title,
        List<String> authors,
        String subject,
        List<String> keywords,
        String doi,
        String language,
        LocalDate created,
        LocalDate modified) {

    public DocumentMetadata {
        authors = authors == null ? List.of() : List.copyOf(authors);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public static DocumentMetadata empty() {
        return new DocumentMetadata(null, List.of(), null, List.of(), null, null, null, null);
    }
}
