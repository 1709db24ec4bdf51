package org.alima.portal.api.accounts;

import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The signed-in account's role does not allow the request (403 {@code forbidden}). */
final class ForbiddenException extends PortalException {

    ForbiddenException(Role role) {
        super("Your role (" + role.value() + ") does not allow this; ask an administrator if you need it.");
    }

    @Override
    public Problem problem() {
        return Problem.of(403, "forbidden", "Forbidden", getMessage());
    }
}
