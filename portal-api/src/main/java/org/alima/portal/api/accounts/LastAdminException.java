package org.alima.portal.api.accounts;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The change would leave the portal without an enabled administrator (409 {@code last-admin}): no one could manage
 * accounts any more.
 */
final class LastAdminException extends PortalException {

    LastAdminException() {
        super("this is the last enabled administrator: make another account an administrator first, then change this"
                + " one");
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "last-admin", "Last administrator", getMessage());
    }
}
