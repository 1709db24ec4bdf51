package org.alima.portal.api.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer of the API. Immutable.
 *
 * @param type a URI naming the kind of problem; {@code urn:portal:problem:<code>} so that it never points to a page
 *     that does not exist
 * @param code the stable, machine-readable name of the problem (e.g. {@code invalid-field}); clients switch on it
 * @param errors for {@code invalid-field}: one entry per offending field, each saying what to fix
 * @param correlationId for unexpected failures: the id under which the server logged the details
 * @param existingId for {@code duplicate-file}: the document that already holds the same bytes
 * @param position for {@code invalid-query}: the 0-based offset in the query text where the problem is, when it is at
 *     one place
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        List<FieldError> errors,
        String correlationId,
        String existingId,
        Integer position) {

    /** The media type of problem documents, RFC 9457 section 3. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("urn:portal:problem:" + code, title, status, detail, code, null, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(
                type, title, status, detail, code, List.copyOf(fieldErrors), correlationId, existingId, position);
    }

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, code, errors, id, existingId, position);
    }

    public Problem withExistingId(String id) {
        return new Problem(type, title, status, detail, code, errors, correlationId, id, position);
    }

    /** The same problem told with another title and detail (in another language). */
    public Problem withTexts(String newTitle, String newDetail) {
        return new Problem(type, newTitle, status, newDetail, code, errors, correlationId, existingId, position);
    }

    public Problem withPosition(int offset) {
        return new Problem(type, title, status, detail, code, errors, correlationId, existingId, offset);
    }
}
