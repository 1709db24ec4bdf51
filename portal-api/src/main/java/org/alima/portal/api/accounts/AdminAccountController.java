package org.alima.portal.api.accounts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;

/** Accounts, for administrators. */
@Controller("/api/admin/accounts")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Administration")
class AdminAccountController {

    private final Accounts accounts;

    AdminAccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "List accounts")
    @Get
    List<AccountResponse> list() {
        return accounts.list().stream().map(AccountResponse::of).toList();
    }

    @Operation(summary = "Create an account")
    @Post(consumes = MediaType.APPLICATION_JSON)
    HttpResponse<AccountResponse> create(@Valid @Body NewAccount body) {
        Account account =
                accounts.create(body.email(), body.displayName(), Role.ofAccount(body.role()), body.password());
        return HttpResponse.created(AccountResponse.of(account), URI.create("/api/admin/accounts/" + account.id()));
    }
}
