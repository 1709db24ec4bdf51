package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.system.PortalException;

/**
 * Answers a request that security refused with a problem document, never with a redirect to a login page (the portal
 * is an API whose web page signs in by itself): 401 {@code unauthenticated} with {@code WWW-Authenticate: Bearer}
 * (RFC 6750, {@code error="invalid_token"} when a token was sent and refused), or 403 {@code forbidden} naming the
 * caller's role. Stateless and thread-safe.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    AuthorizationProblems(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        boolean tokenSent = BearerTokens.presented(request);
        PortalException problem = exception.isForbidden() && exception.getAuthentication() != null
                ? new ForbiddenException(
                        Viewer.of(exception.getAuthentication()).role())
                : new UnauthenticatedException(tokenSent);
        MutableHttpResponse<?> response = problems.processResponse(
                ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(HttpStatus.valueOf(problem.problem().status())));
        if (problem instanceof UnauthenticatedException) {
            response.header(
                    HttpHeaders.WWW_AUTHENTICATE,
                    tokenSent ? "Bearer realm=\"portal\", error=\"invalid_token\"" : "Bearer realm=\"portal\"");
        }
        return response;
    }
}
