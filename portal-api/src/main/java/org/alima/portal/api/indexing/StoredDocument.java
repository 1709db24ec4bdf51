package org.alima.portal.api.indexing;

import java.nio.file.Path;
import java.util.UUID;
import org.alima.portal.api.files.SafeFileName;
import org.alima.portal.api.files.StoredMediaType;

/**
 * A document's stored file as handed to a {@link DocumentProcessor}, with what was recorded about it at upload.
 * Immutable.
 *
 * @param file the stored bytes, an absolute path under the data directory; read it, never change it
 * @param sha256 the hash recorded at upload; the bytes must still have it
 */
public record StoredDocument(
        UUID documentId,
        Path file,
        String sha256,
        StoredMediaType mediaType,
        long sizeBytes,
        SafeFileName originalName) {}
