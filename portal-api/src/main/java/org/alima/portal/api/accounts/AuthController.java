package org.alima.portal.api.accounts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.oauth2.client.OauthClient;
import io.micronaut.security.oauth2.url.OauthRouteUrlBuilder;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.render.AccessRefreshToken;
import io.micronaut.security.token.validator.RefreshTokenValidator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Comparator;
import java.util.List;
import org.alima.portal.api.system.ClientAddresses;

/**
 * Sign-in with a password, sign-out, and the external providers one may sign in with. Refreshing an access token is
 * Micronaut's own endpoint, configured at {@code POST /api/auth/token}; signing in through a provider is Micronaut's
 * {@code /oauth/login/{provider}} (see {@link OidcSignIn}).
 */
@Controller("/api/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
class AuthController {

    private final SignIn signIn;
    private final RefreshTokens refreshTokens;
    private final RefreshTokenValidator refreshTokenValidator;
    private final ClientAddresses addresses;
    private final List<ProviderResponse> providers;

    AuthController(
            SignIn signIn,
            RefreshTokens refreshTokens,
            RefreshTokenValidator refreshTokenValidator,
            ClientAddresses addresses,
            List<OauthClient> clients,
            OauthRouteUrlBuilder<?> routes) {
        this.signIn = signIn;
        this.refreshTokens = refreshTokens;
        this.refreshTokenValidator = refreshTokenValidator;
        this.addresses = addresses;
        this.providers = clients.stream()
                .map(client -> new ProviderResponse(
                        client.getName(), routes.buildLoginUri(client.getName()).toString()))
                .sorted(Comparator.comparing(ProviderResponse::name))
                .toList();
    }

    /**
     * Signs in with an email ({@code username}) and password: a short-lived access token to send as
     * {@code Authorization: Bearer}, and a refresh token for {@code POST /api/auth/token}. The same 401 answers an
     * unknown email and a wrong password; repeated failures answer 429 with Retry-After.
     */
    @Operation(summary = "Sign in")
    @Post(value = "/login", consumes = MediaType.APPLICATION_JSON)
    AccessRefreshToken login(@Valid @Body SignInRequest body, HttpRequest<?> request) {
        return signIn.withPassword(body.username().strip(), body.password(), addresses.of(request));
    }

    /**
     * The external OpenID Connect providers configured (none by default): the web page sends the browser to a
     * provider's {@code loginUrl}; after the provider's sign-in it comes back to the portal's page with the portal's
     * own tokens in the fragment, {@code /#/signed-in?access_token=…&refresh_token=…}.
     */
    @Operation(summary = "External sign-in providers")
    @Get("/providers")
    List<ProviderResponse> providers() {
        return providers;
    }

    /**
     * Signs out: revokes the refresh token and the rest of its session, so that none of them renews access again.
     * Idempotent.
     */
    @Operation(summary = "Sign out")
    @Post(value = "/logout", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<Void> logout(@Valid @Body SignOutRequest body) {
        refreshTokenValidator.validate(body.refreshToken()).ifPresent(refreshTokens::revoke);
        return HttpResponse.noContent();
    }
}
