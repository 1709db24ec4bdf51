package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of a sign-out: the refresh token to revoke, as sign-in gave it. */
@Serdeable(naming = SnakeCaseStrategy.class)
record SignOutRequest(
        @Nullable
        @NotBlank(message = "must be the refresh_token that sign-in returned")
        @Size(max = 4000, message = "is too long to be a refresh token")
        String refreshToken) {}
