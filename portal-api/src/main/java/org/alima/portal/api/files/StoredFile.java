package org.alima.portal.api.files;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A document's stored file and what was recorded about it at upload. Immutable.
 *
 * @param path the bytes, an absolute path under the data directory; read it, never change it
 * @param sha256 the hash recorded at upload, also the file's HTTP entity tag
 * @param mediaType the format recognised from the bytes at upload
 */
public record StoredFile(
        UUID documentId, Path path, String sha256, StoredMediaType mediaType, long size, SafeFileName name) {}
