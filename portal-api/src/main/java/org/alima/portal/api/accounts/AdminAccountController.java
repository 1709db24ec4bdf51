package org.alima.portal.api.accounts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.system.NotFoundException;

/** Accounts and their API tokens, for administrators. */
@Controller("/api/admin/accounts")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Administration")
class AdminAccountController {

    private final Accounts accounts;
    private final ApiTokens tokens;

    AdminAccountController(Accounts accounts, ApiTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Operation(summary = "List accounts")
    @Get
    List<AccountResponse> list() {
        return accounts.list().stream().map(AccountResponse::of).toList();
    }

    @Operation(summary = "One account")
    @Get("/{id}")
    AccountResponse one(@PathVariable UUID id) {
        return AccountResponse.of(accounts.find(id).orElseThrow(() -> Accounts.noSuchAccount(id)));
    }

    @Operation(summary = "Create an account")
    @Post(consumes = MediaType.APPLICATION_JSON)
    HttpResponse<AccountResponse> create(Viewer viewer, @Valid @Body NewAccount body) {
        Account account = accounts.create(
                viewer, body.email(), body.displayName(), Role.ofAccount(body.role()), body.password(), "admin");
        return HttpResponse.created(AccountResponse.of(account), URI.create("/api/admin/accounts/" + account.id()));
    }

    /**
     * Changes an account's role, disabled flag or display name (fields left out stay as they are). Disabling revokes
     * its refresh and API tokens. 409 {@code last-admin} when no enabled administrator would remain.
     */
    @Operation(summary = "Change an account")
    @Patch(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    AccountResponse update(Viewer viewer, @PathVariable UUID id, @Valid @Body AccountChange body) {
        return AccountResponse.of(accounts.update(viewer, id, body));
    }

    @Operation(summary = "An account's API tokens")
    @Get("/{id}/tokens")
    List<ApiTokenResponse> tokens(@PathVariable UUID id) {
        if (accounts.find(id).isEmpty()) {
            throw Accounts.noSuchAccount(id);
        }
        return tokens.list(id).stream().map(ApiTokenResponse::of).toList();
    }

    @Operation(summary = "Revoke an account's API token")
    @Delete("/{id}/tokens/{tokenId}")
    HttpResponse<Void> revokeToken(Viewer viewer, @PathVariable UUID id, @PathVariable UUID tokenId) {
        if (!tokens.revoke(viewer, id, tokenId)) {
            throw new NotFoundException("the account " + id + " has no unrevoked API token with the id " + tokenId);
        }
        return HttpResponse.noContent();
    }
}
