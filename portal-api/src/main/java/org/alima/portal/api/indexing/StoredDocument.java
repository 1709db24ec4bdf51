package org.alima.portal.api.indexing;

import java.util.UUID;
import org.alima.portal.api.files.SafeFileName;
import org.alima.portal.api.files.StoredMediaType;

/**
 * A document's stored file as handed to a {@link DocumentProcessor}, with what was recorded about it at upload.
 * Immutable.
 *
 * @param storagePath where the bytes are, relative to the data directory (see {@link
 *     org.alima.portal.api.files.FileStore#resolve})
 * @param sha256 the hash recorded at upload; the bytes must still have it
 */
public record StoredDocument(
        UUID documentId,
        String storagePath,
        String sha256,
        StoredMediaType mediaType,
        long sizeBytes,
        SafeFileName originalName) {}
