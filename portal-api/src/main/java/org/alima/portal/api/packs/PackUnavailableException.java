package org.alima.portal.api.packs;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * A pack that cannot be given now (503 {@code pack-unavailable}): its last build failed, for the reason given, or too
 * many packs are being built. Retry-After says when asking again starts a new build.
 */
final class PackUnavailableException extends PortalException {

    private final long retryAfterSeconds;

    private PackUnavailableException(String detail, long retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static PackUnavailableException failed(String slug, String reason, long retryAfterSeconds) {
        return new PackUnavailableException(
                "The offline pack of collection '" + slug + "' could not be built: " + reason + ". It will be built"
                        + " again when asked for after " + retryAfterSeconds + " seconds, or at once after a change to"
                        + " the collection.",
                retryAfterSeconds);
    }

    static PackUnavailableException busy(String slug, long retryAfterSeconds) {
        return new PackUnavailableException(
                "Too many offline packs are being built to start the one of collection '" + slug + "'; ask again in "
                        + retryAfterSeconds + " seconds.",
                retryAfterSeconds);
    }

    @Override
    public Problem problem() {
        return Problem.of(503, "pack-unavailable", "Pack unavailable", getMessage());
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
