package org.alima.portal.api.indexing;

import java.util.UUID;
import org.alima.portal.api.files.StoredFile;

/**
 * A document as handed to a {@link DocumentProcessor}: its id and its stored file. Immutable.
 *
 * @param file the bytes must still have the SHA-256 and format recorded here
 */
public record StoredDocument(UUID documentId, StoredFile file) {}
