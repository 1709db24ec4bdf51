package org.alima.portal.api.accounts;

import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** Another account already signs in with this email (409 {@code email-taken}). */
final class EmailTakenException extends PortalException {

    EmailTakenException(String email, Throwable cause) {
        super("an account with the email " + email + " already exists; sign in with it or choose another email", cause);
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "email-taken", "Email already in use", getMessage())
                .withErrors(java.util.List.of(new FieldError("email", "is already used by another account")));
    }
}
