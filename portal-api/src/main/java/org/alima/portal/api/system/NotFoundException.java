package org.alima.portal.api.system;

/** The addressed resource does not exist (404 {@code not-found}). */
public final class NotFoundException extends PortalException {

    public NotFoundException(String detail) {
        super(detail);
    }

    @Override
    public Problem problem() {
        return Problem.of(404, "not-found", "Not found", getMessage());
    }
}
