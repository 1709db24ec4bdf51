package org.alima.portal.api.packs;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The stored files that packs copy, and whether their text is searchable, answered by the documents feature, which
 * owns their table; thread-safe. The caller has already decided that the document goes in the pack.
 */
public interface PackFiles {

    /** The stored PDF of the document, read in place; empty when its file is not a PDF (or it has none). */
    Optional<Path> pdfOf(UUID document);

    /**
     * Where the reading of the document's file stands.
     *
     * @param searchable whether its text is in the search index (its pages are then read from there)
     * @param fingerprint what its reading found (status, pages, characters, pages read by OCR): part of a pack's
     *     version, so that a pack built before a document's text was searchable, or before OCR read its scans, is built
     *     again; unlike the row's last change, a reindex that changes nothing leaves it alone
     */
    record Reading(boolean searchable, String fingerprint) {}

    /** The reading of the document's file, or empty when it has none. */
    Optional<Reading> readingOf(UUID document);
}
