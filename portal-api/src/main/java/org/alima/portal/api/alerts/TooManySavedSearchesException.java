package org.alima.portal.api.alerts;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The account already holds as many saved searches as it may (409 {@code too-many-saved-searches}). */
final class TooManySavedSearchesException extends PortalException {

    TooManySavedSearchesException(int max) {
        super("an account may hold at most " + max + " saved searches; delete the ones no longer followed"
                + " (DELETE /api/account/saved-searches/{id}) and try again");
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "too-many-saved-searches", "Too many saved searches", getMessage());
    }
}
