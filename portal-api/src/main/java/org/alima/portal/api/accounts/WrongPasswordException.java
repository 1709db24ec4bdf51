package org.alima.portal.api.accounts;

import java.util.List;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The current password given to change one's password is wrong (400 {@code wrong-password}). Not a 401: the caller is
 * signed in, and a client must not take it for an expired session.
 */
final class WrongPasswordException extends PortalException {

    WrongPasswordException() {
        super("the current password is wrong; type the password you signed in with, or ask an administrator to reset"
                + " it");
    }

    @Override
    public Problem problem() {
        return Problem.of(400, "wrong-password", "Wrong password", getMessage())
                .withErrors(List.of(new FieldError("currentPassword", "is not this account's password")));
    }
}
