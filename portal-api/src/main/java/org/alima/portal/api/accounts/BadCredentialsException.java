package org.alima.portal.api.accounts;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The email and password do not match an enabled account (401 {@code bad-credentials}): one answer for an unknown
 * email, a wrong password and a disabled account, so that it tells nothing about which accounts exist.
 */
final class BadCredentialsException extends PortalException {

    BadCredentialsException() {
        super("the email or the password is wrong; check both, or ask an administrator to reset the password");
    }

    @Override
    public Problem problem() {
        return Problem.of(401, "bad-credentials", "Sign-in failed", getMessage());
    }
}
