package org.alima.portal.api.accounts;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.alima.portal.api.system.NotFoundException;

/** The signed-in account's own page. */
@Controller("/api/account")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
class AccountController {

    private final AccountRepository accounts;

    AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "Who am I")
    @Get
    AccountResponse me(Authentication authentication) {
        return accounts.findById(UUID.fromString(authentication.getName()))
                .map(AccountResponse::of)
                .orElseThrow(() -> new NotFoundException("this account no longer exists; sign in again"));
    }
}
