package org.alima.portal.api.system;

import java.util.List;

/** A JSON document sent by the client cannot be read (400 {@code malformed-json}); names where it came from. */
public final class MalformedJsonException extends PortalException {

    private final String field;

    public MalformedJsonException(String field, Throwable cause) {
        super(
                "The '" + field + "' part is not valid JSON of the expected shape; send a JSON object such as"
                        + " {\"title\": \"...\", \"type\": \"study\"}.",
                cause);
        this.field = field;
    }

    @Override
    public Problem problem() {
        return Problem.of(400, "malformed-json", "Malformed JSON", getMessage())
                .withErrors(List.of(new FieldError(field, "is not valid JSON of the expected shape")));
    }
}
