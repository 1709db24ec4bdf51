package org.alima.portal.api.files;

import java.nio.file.Path;
import java.util.UUID;
import org.alima.portal.indexer.extract.Format;

/**
 * A document's stored file and what was recorded about it at upload. Immutable.
 *
 * @param path the bytes, an absolute path under the data directory; read it, never change it
 * @param sha256 the hash recorded at upload, also the file's HTTP entity tag
 * @param format decided from the bytes at upload, once (see {@link FileStore#receive}); the extractor reads it so
 */
public record StoredFile(UUID documentId, Path path, String sha256, Format format, long size, SafeFileName name) {

    /** The Content-Type to send the file with: the text formats are stored as UTF-8 (checked at upload). */
    public String contentType() {
        return format.isText() ? format.mediaType() + "; charset=utf-8" : format.mediaType();
    }
}
