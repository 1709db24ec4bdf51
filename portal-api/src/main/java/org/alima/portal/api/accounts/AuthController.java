package org.alima.portal.api.accounts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.render.AccessRefreshToken;
import io.micronaut.security.token.validator.RefreshTokenValidator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * Sign-in with a password and sign-out. Refreshing an access token is Micronaut's own endpoint, configured at
 * {@code POST /api/auth/token}.
 */
@Controller("/api/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
class AuthController {

    private final SignIn signIn;
    private final RefreshTokens refreshTokens;
    private final RefreshTokenValidator refreshTokenValidator;

    AuthController(SignIn signIn, RefreshTokens refreshTokens, RefreshTokenValidator refreshTokenValidator) {
        this.signIn = signIn;
        this.refreshTokens = refreshTokens;
        this.refreshTokenValidator = refreshTokenValidator;
    }

    /**
     * Signs in with an email ({@code username}) and password: a short-lived access token to send as
     * {@code Authorization: Bearer}, and a refresh token for {@code POST /api/auth/token}. The same 401 answers an
     * unknown email and a wrong password; repeated failures answer 429 with Retry-After.
     */
    @Operation(summary = "Sign in")
    @Post(value = "/login", consumes = MediaType.APPLICATION_JSON)
    AccessRefreshToken login(@Valid @Body SignInRequest body, HttpRequest<?> request) {
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        return signIn.withPassword(body.username().strip(), body.password(), address);
    }

    /** Signs out: revokes the refresh token, so that it can no longer renew access. Idempotent. */
    @Operation(summary = "Sign out")
    @Post(value = "/logout", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<Void> logout(@Valid @Body SignOutRequest body) {
        refreshTokenValidator.validate(body.refreshToken()).ifPresent(refreshTokens::revoke);
        return HttpResponse.noContent();
    }
}
