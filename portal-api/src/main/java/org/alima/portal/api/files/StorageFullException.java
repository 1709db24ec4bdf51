package org.alima.portal.api.files;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The data directory's disk has no room for an upload: nothing of it was kept. 507, retry later. */
public final class StorageFullException extends PortalException {

    /** Room is made by an operator, not in seconds. */
    private static final long RETRY_AFTER_SECONDS = 600;

    StorageFullException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public Problem problem() {
        return Problem.of(507, "storage-full", "Storage full", getMessage());
    }

    @Override
    public long retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}
