package org.alima.portal.api.system;

import java.util.List;

/** The request carried one or more invalid fields (400 {@code invalid-field}); each error names its field. */
public final class InvalidInputException extends PortalException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    @Override
    public Problem problem() {
        return Problem.of(400, "invalid-field", "Invalid request field", getMessage())
                .withErrors(errors);
    }

    private static String summary(List<FieldError> errors) {
        return errors.size() == 1
                ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
    }
}
