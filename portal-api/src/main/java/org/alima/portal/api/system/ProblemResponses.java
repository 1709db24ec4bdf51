package org.alima.portal.api.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error answer of the server, ours and Micronaut's own (no route, wrong method, unreadable body, invalid
 * argument, oversized request), into an RFC 9457 problem document; stateless and thread-safe.
 *
 * <p>The problem is chosen from the error's cause, not from Micronaut's message, so that no class name or stack frame
 * of the server ever reaches a client. Micronaut's messages are used as a detail only when they look like prose.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemResponses implements ErrorResponseProcessor<Problem> {

    /** Seconds a client should wait before retrying when the database is down: long enough for a restart. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** A qualified Java name (org.example.Type) or an exception's name betrays the implementation. */
    private static final Pattern TECHNICAL =
            Pattern.compile("Exception|Error\\b|\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]|\\bat \\w+\\.");

    private static final Pattern PART_NAME = Pattern.compile("part named \\[([A-Za-z0-9_-]{1,50})]");
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private final long maxFileSize;

    ProblemResponses(HttpServerConfiguration server) {
        this.maxFileSize = server.getMultipart().getMaxFileSize();
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Problem problem = problemFor(context, response.code());
        MutableHttpResponse<Problem> answer = response.status(problem.status()).body(problem);
        answer.contentType(Problem.MEDIA_TYPE);
        if (context.getRootCause().orElse(null) instanceof PortalException portal && portal.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(portal.retryAfterSeconds()));
        } else if (problem.status() == 503) {
            answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return answer;
    }

    private Problem problemFor(ErrorContext context, int status) {
        Throwable cause = context.getRootCause().orElse(null);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Error answer {} for {}", status, cause == null ? context.getErrors() : cause.toString());
        }
        if (cause instanceof PortalException portal) {
            return portal.problem();
        }
        if (cause instanceof ConstraintViolationException violations) {
            return new InvalidInputException(FieldPaths.errors(violations)).problem();
        }
        if (cause instanceof UnsatisfiedArgumentException missing) {
            return InvalidInputException.of(missing.getArgument().getName(), "is required; send it with the request")
                    .problem();
        }
        if (cause instanceof UnsatisfiedRouteException missing) {
            return InvalidInputException.of(missing.getArgument().getName(), "is required; send it with the request")
                    .problem();
        }
        if (cause instanceof ConversionErrorException conversion && !isJsonFailure(conversion.getCause())) {
            return InvalidInputException.of(
                            conversion.getArgument().getName(),
                            "has a value of the wrong form; see the API documentation at /api/docs")
                    .problem();
        }
        if (isJsonFailure(cause) || cause instanceof ConversionErrorException) {
            return Problem.of(
                    400,
                    "malformed-json",
                    "Malformed JSON",
                    "The request body is not valid JSON of the expected shape"
                            + proseOf(context.getErrors()).map(m -> ": " + m).orElse("."));
        }
        if (cause instanceof BufferLengthExceededException) {
            // A JSON body over the bound on what the server holds in memory.
            return Problem.of(
                    413,
                    "request-too-large",
                    "Request too large",
                    "The request body is larger than the server accepts for JSON; send less.");
        }
        if (cause instanceof ContentLengthExceededException || status == 413) {
            return tooLarge(cause == null ? "" : cause.getMessage());
        }
        return byStatus(status, context.getErrors());
    }

    /**
     * Micronaut names the multipart part that went over its bound; a part other than the file (the metadata) is
     * reported as that field, so that the client knows which of its parts to shrink.
     */
    private Problem tooLarge(String message) {
        Matcher part = PART_NAME.matcher(message == null ? "" : message);
        if (part.find() && !part.group(1).equals("file")) {
            return Problem.of(
                            413,
                            "request-too-large",
                            "Request too large",
                            "The '" + part.group(1) + "' part is larger than the limit of " + maxFileSize + " bytes.")
                    .withErrors(List.of(
                            new FieldError(part.group(1), "is larger than " + maxFileSize + " bytes; shorten it")));
        }
        return Problem.of(
                413,
                "file-too-large",
                "File too large",
                "The file is larger than the limit of " + maxFileSize
                        + " bytes; upload a smaller or compressed version.");
    }

    private static Problem byStatus(int status, List<Error> errors) {
        String detail = proseOf(errors).orElse(null);
        return switch (status) {
            case 400 -> Problem.of(400, "bad-request", "Bad request", detail);
            case 404 -> Problem.of(404, "not-found", "Not found", detail == null ? "No such resource." : detail);
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", detail);
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable", detail);
            case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type", detail);
            case 401 ->
                Problem.of(
                        401,
                        "unauthenticated",
                        "Sign-in required",
                        "Sign in (POST /api/auth/login) and send the access token as 'Authorization: Bearer <token>';"
                                + " an expired token is renewed with POST /api/auth/token.");
            case 403 ->
                Problem.of(
                        403,
                        "forbidden",
                        "Forbidden",
                        detail == null ? "Your role does not allow this; ask a curator or an administrator." : detail);
            default ->
                status >= 500
                        ? Problem.of(status, "internal-error", "Internal error", "The server failed unexpectedly.")
                        : Problem.of(status, "http-" + status, "Request failed", detail);
        };
    }

    /**
     * Micronaut's own messages (e.g. "Method [PUT] not allowed for URI [...]") help a client; a parser's message that
     * quotes a class name does not, and is dropped.
     */
    private static java.util.Optional<String> proseOf(List<Error> errors) {
        return errors.stream()
                .map(Error::getMessage)
                .filter(m -> m != null && !m.isBlank() && !TECHNICAL.matcher(m).find())
                .map(m -> m.length() > 300 ? m.substring(0, 300) + "…" : m)
                .findFirst();
    }

    private static boolean isJsonFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SerdeException
                    || t instanceof JsonProcessingException
                    || t instanceof JsonSyntaxException) {
                return true;
            }
        }
        return false;
    }
}
