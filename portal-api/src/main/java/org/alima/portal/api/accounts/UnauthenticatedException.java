package org.alima.portal.api.accounts;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The request needs a signed-in account and carries none that is valid (401 {@code unauthenticated}); the detail says
 * whether a token was sent and refused (expired, revoked, forged) or none was sent.
 */
final class UnauthenticatedException extends PortalException {

    UnauthenticatedException(boolean tokenSent) {
        super(
                tokenSent
                        ? "The token sent in Authorization is expired, revoked or not one of this portal's: renew the"
                                + " access token with POST /api/auth/token, or sign in again (POST /api/auth/login)."
                        : "Sign in (POST /api/auth/login) and send the access token as 'Authorization: Bearer"
                                + " <token>'; an expired token is renewed with POST /api/auth/token.");
    }

    @Override
    public Problem problem() {
        return Problem.of(401, "unauthenticated", "Sign-in required", getMessage());
    }
}
