package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.alima.portal.api.system.PlainText;

/**
 * The body of {@code POST /api/account/tokens}. Any other field (an account, an owner, a role) is ignored: a token is
 * always its creator's and acts with its creator's role.
 *
 * @param expiresInDays 1..365; 90 when left out
 */
@Serdeable
record NewApiToken(
        @Nullable
        @NotBlank(message = "is required: what the token is for, e.g. 'nightly import'")
        @Size(max = 100, message = "must be at most 100 characters")
        @PlainText
        String name,

        @Nullable
        @Min(value = ApiTokens.MIN_DAYS, message = "must be at least " + ApiTokens.MIN_DAYS + " day")
        @Max(
                value = ApiTokens.MAX_DAYS,
                message = "must be at most " + ApiTokens.MAX_DAYS + " days; create a new token" + " when it expires")
        Integer expiresInDays) {

    int days() {
        return expiresInDays == null ? ApiTokens.DEFAULT_DAYS : expiresInDays;
    }
}
