package org.alima.portal.api.accounts;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The account signs in through an external provider and has no portal password to change (409
 * {@code no-local-password}).
 */
final class NoLocalPasswordException extends PortalException {

    NoLocalPasswordException() {
        super("this account signs in through an external provider and has no portal password; change the password"
                + " with that provider");
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "no-local-password", "No portal password", getMessage());
    }
}
