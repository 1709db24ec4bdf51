package org.alima.portal.api.system;

/**
 * A defect of the server (500 {@code internal-error}): the client is told only the correlation id under which the
 * cause was logged.
 */
final class UnexpectedFailureException extends PortalException {

    private final String correlationId;

    UnexpectedFailureException(String correlationId, Throwable cause) {
        super(
                "The server failed unexpectedly; nothing is known to have changed. Report correlation id "
                        + correlationId + " to the portal's operators.",
                cause);
        this.correlationId = correlationId;
    }

    @Override
    public Problem problem() {
        return Problem.of(500, "internal-error", "Internal error", getMessage()).withCorrelationId(correlationId);
    }
}
