package org.alima.portal.api.system;

/**
 * PostgreSQL could not be reached (503 {@code database-unavailable}, with Retry-After): nothing was written, the
 * client may retry the same request later.
 */
public final class DatabaseUnavailableException extends PortalException {

    public DatabaseUnavailableException(Throwable cause) {
        super("The database is unavailable; nothing was changed. Retry the request in a few seconds.", cause);
    }

    @Override
    public Problem problem() {
        return Problem.of(503, "database-unavailable", "Database unavailable", getMessage());
    }
}
