package org.alima.portal.api.system;

/**
 * An operator's endpoint was called without the right to it (403): either no admin token is configured
 * ({@code admin-disabled}) or the request's {@value AdminToken#HEADER} is missing or wrong ({@code admin-token-invalid}).
 */
public final class AdminAccessException extends PortalException {

    private final String code;

    private AdminAccessException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    static AdminAccessException disabled() {
        return new AdminAccessException(
                "admin-disabled",
                "Operator endpoints are disabled: start the portal with PORTAL_ADMIN_TOKEN set to a secret of at least "
                        + AdminToken.MIN_LENGTH + " characters, then send it in the " + AdminToken.HEADER + " header.");
    }

    static AdminAccessException refused() {
        return new AdminAccessException(
                "admin-token-invalid",
                "Send the operator token (PORTAL_ADMIN_TOKEN) in the " + AdminToken.HEADER + " header.");
    }

    @Override
    public Problem problem() {
        return Problem.of(403, code, "Forbidden", getMessage());
    }
}
