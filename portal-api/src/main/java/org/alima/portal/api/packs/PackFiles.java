package org.alima.portal.api.packs;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The stored files that packs copy, answered by the documents feature, which owns their table; thread-safe. The caller
 * has already decided that the document goes in the pack.
 */
public interface PackFiles {

    /** The stored PDF of the document, read in place; empty when its file is not a PDF (or it has none). */
    Optional<Path> pdfOf(UUID document);
}
