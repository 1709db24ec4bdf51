package org.alima.portal.api.accounts;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An account as the API shows it: never its password hash. */
@Serdeable
record AccountResponse(String id, String email, String displayName, String role, boolean disabled, Instant createdAt) {

    static AccountResponse of(Account account) {
        return new AccountResponse(
                account.id().toString(),
                account.email(),
                account.displayName(),
                account.role().value(),
                account.disabled(),
                account.createdAt());
    }
}
