package org.alima.portal.api.documents;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to an upload: the file is stored and its processing queued. Immutable.
 *
 * @param status the processing status, {@code queued} at first; follow it at {@code statusUrl}
 */
@Serdeable
record UploadAccepted(String id, String status, String statusUrl) {}
