package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.errors.OauthErrorResponseException;
import io.micronaut.security.errors.OauthErrorResponseExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * Answers a refused token request ({@code POST /api/auth/token}: a revoked, expired or forged refresh token, a
 * disabled account, a wrong grant type) with a problem document like every other error of the API, instead of
 * Micronaut's bare OAuth error object: 400 with the OAuth error as the code ({@code invalid-grant},
 * {@code invalid-request}, {@code unsupported-grant-type}). Stateless and thread-safe.
 */
@Singleton
@Replaces(OauthErrorResponseExceptionHandler.class)
final class TokenRequestProblems implements ExceptionHandler<OauthErrorResponseException, MutableHttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    TokenRequestProblems(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, OauthErrorResponseException exception) {
        TokenRequestRefusedException refused = new TokenRequestRefusedException(exception);
        return problems.processResponse(
                ErrorContext.builder(request).cause(refused).build(), HttpResponse.status(HttpStatus.BAD_REQUEST));
    }

    /** The token request was refused; the detail is Micronaut's or the portal's description of why. */
    static final class TokenRequestRefusedException extends PortalException {

        private final String code;

        TokenRequestRefusedException(OauthErrorResponseException cause) {
            super(describe(cause), cause);
            this.code = cause.getError().getErrorCode().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        private static String describe(OauthErrorResponseException cause) {
            String description = cause.getErrorDescription();
            return (description == null || description.isBlank()
                            ? cause.getError().getErrorCodeDescription()
                            : description)
                    + "; sign in again with POST /api/auth/login";
        }

        @Override
        public Problem problem() {
            return Problem.of(400, code, "Token request refused", getMessage());
        }
    }
}
