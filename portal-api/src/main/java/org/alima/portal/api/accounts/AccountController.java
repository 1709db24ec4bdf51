package org.alima.portal.api.accounts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.system.ClientAddresses;
import org.alima.portal.api.system.NotFoundException;

/**
 * The signed-in account's own page: who am I, my password, my API tokens. Everything here acts on the caller's own
 * account, named by the token; nothing in a request body can point it at another account or change its role.
 */
@Controller("/api/account")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
class AccountController {

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final ClientAddresses addresses;

    AccountController(Accounts accounts, ApiTokens tokens, ClientAddresses addresses) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.addresses = addresses;
    }

    @Operation(summary = "Who am I")
    @Get
    AccountResponse me(Viewer viewer) {
        return AccountResponse.of(accounts.find(viewer.accountId())
                .orElseThrow(() -> new NotFoundException("this account no longer exists; sign in again")));
    }

    /**
     * Changes the caller's password after checking the current one; every other session of the account ends (their
     * refresh tokens are revoked), this one goes on. Not with an API token.
     */
    @Operation(summary = "Change my password")
    @Put(value = "/password", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<Void> changePassword(
            Viewer viewer, Authentication authentication, @Valid @Body PasswordChange body, HttpRequest<?> request) {
        requireSession(authentication);
        accounts.changePassword(
                viewer.accountId(),
                SignIn.sessionOf(authentication),
                body.currentPassword(),
                body.newPassword(),
                addresses.of(request));
        return HttpResponse.noContent();
    }

    @Operation(summary = "My API tokens", description = "Unrevoked ones, newest first, expired ones included.")
    @Get("/tokens")
    List<ApiTokenResponse> tokens(Viewer viewer) {
        return tokens.list(viewer.accountId()).stream()
                .map(ApiTokenResponse::of)
                .toList();
    }

    /**
     * Creates a personal API token for scripts, acting with the caller's role (as it is at each use); its secret is
     * in this answer only. Not with an API token.
     */
    @Operation(summary = "Create an API token")
    @Post(value = "/tokens", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<CreatedApiToken> createToken(
            Viewer viewer, Authentication authentication, @Valid @Body NewApiToken body) {
        requireSession(authentication);
        CreatedApiToken created =
                tokens.create(viewer, viewer.accountId(), body.name().strip(), body.days());
        return HttpResponse.created(created, URI.create("/api/account/tokens/" + created.id()));
    }

    @Operation(summary = "Revoke one of my API tokens")
    @Delete("/tokens/{id}")
    HttpResponse<Void> revokeToken(Viewer viewer, @PathVariable UUID id) {
        if (!tokens.revoke(viewer, viewer.accountId(), id)) {
            throw new NotFoundException(
                    "you have no unrevoked API token with the id " + id + "; list yours with GET /api/account/tokens");
        }
        return HttpResponse.noContent();
    }

    // The Authentication, beyond the Viewer, says whether the request came with a session or an API token, and which
    // session: the two routes that need this read it; the others take the bound Viewer.
    private static void requireSession(Authentication authentication) {
        if (ApiTokens.isApiToken(authentication)) {
            throw new SessionRequiredException();
        }
    }
}
