package org.alima.portal.api.system;

/**
 * A failure that the API answers with a problem document: the request cannot be served as asked, and the problem says
 * why and what to do. Subclasses fix the status and code; instances are immutable.
 */
public abstract class PortalException extends RuntimeException {

    protected PortalException(String detail, Throwable cause) {
        super(detail, cause);
    }

    protected PortalException(String detail) {
        super(detail);
    }

    /** The problem document answered to the client; its detail is this exception's message. */
    public abstract Problem problem();

    /** Seconds the client should wait before trying again (sent as Retry-After), or 0 when retrying will not help. */
    public long retryAfterSeconds() {
        return 0;
    }
}
