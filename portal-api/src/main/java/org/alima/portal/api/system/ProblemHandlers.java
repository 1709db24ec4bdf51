package org.alima.portal.api.system;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception handlers that route the portal's own failures and every unexpected one to {@link ProblemResponses};
 * stateless and thread-safe.
 */
@Factory
final class ProblemHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    /** A {@link PortalException} already says what the client did wrong: answer its problem as it is. */
    @Singleton
    ExceptionHandler<PortalException, HttpResponse<?>> portalFailures(ErrorResponseProcessor<?> problems) {
        return (request, exception) -> answer(problems, request, exception);
    }

    /**
     * The last resort: a failure that no other handler claimed. A lost database becomes a 503 the client may retry;
     * anything else is a defect, logged in full under a correlation id and answered without any of its details.
     */
    @Singleton
    ExceptionHandler<Throwable, HttpResponse<?>> unexpectedFailures(ErrorResponseProcessor<?> problems) {
        return (request, exception) -> {
            if (DatabaseFailures.isUnavailable(exception)) {
                LOG.warn(
                        "Database unavailable during {} {}: {}",
                        request.getMethodName(),
                        request.getUri().getRawPath(),
                        DatabaseFailures.describe(exception));
                return answer(problems, request, new DatabaseUnavailableException(exception));
            }
            String correlationId = RequestLog.idOf(request);
            LOG.error(
                    "Unexpected failure [correlationId={}] in {} {}",
                    correlationId,
                    request.getMethodName(),
                    request.getUri().getRawPath(),
                    exception);
            return answer(problems, request, new UnexpectedFailureException(correlationId, exception));
        };
    }

    private static HttpResponse<?> answer(
            ErrorResponseProcessor<?> problems, HttpRequest<?> request, PortalException exception) {
        return problems.processResponse(
                ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.valueOf(exception.problem().status())));
    }
}
