package org.alima.portal.api.accounts;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * The request came with a personal API token, which may not manage tokens or passwords (403
 * {@code session-required}): a leaked token must not be able to outlive its expiry by minting another, nor lock its
 * owner out.
 */
final class SessionRequiredException extends PortalException {

    SessionRequiredException() {
        super("an API token cannot manage API tokens or change a password; sign in with your password"
                + " (POST /api/auth/login) and use that access token");
    }

    @Override
    public Problem problem() {
        return Problem.of(403, "session-required", "Sign-in required", getMessage());
    }
}
