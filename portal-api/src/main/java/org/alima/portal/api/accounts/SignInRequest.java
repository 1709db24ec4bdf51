package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of a sign-in: the account's email as {@code username}, and its password. */
@Serdeable
record SignInRequest(
        @Nullable @NotBlank(message = "must be the account's email") @Size(max = 320, message = "is too long")
        String username,

        @Nullable
        @NotBlank(message = "must be the account's password")
        @Size(max = Passwords.MAX_LENGTH, message = "is too long")
        String password) {}
