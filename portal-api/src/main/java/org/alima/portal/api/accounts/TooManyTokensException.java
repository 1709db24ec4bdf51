package org.alima.portal.api.accounts;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** The account already holds as many unrevoked API tokens as it may (409 {@code too-many-tokens}). */
final class TooManyTokensException extends PortalException {

    TooManyTokensException(int max) {
        super("an account may hold at most " + max + " unrevoked API tokens; revoke the ones no longer used"
                + " (DELETE /api/account/tokens/{id}) and try again");
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "too-many-tokens", "Too many API tokens", getMessage());
    }
}
