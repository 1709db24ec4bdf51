package org.alima.portal.api.accounts;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** Every password-hashing slot is busy: 503 {@code sign-in-busy}, try again in a second. Immutable. */
final class HashingBusyException extends PortalException {

    HashingBusyException() {
        super("The portal is checking many passwords at this moment; try again in a second.");
    }

    @Override
    public Problem problem() {
        return Problem.of(503, "sign-in-busy", "Busy", getMessage());
    }

    @Override
    public long retryAfterSeconds() {
        return 1;
    }
}
