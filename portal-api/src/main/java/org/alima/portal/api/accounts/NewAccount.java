package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.alima.portal.api.access.Viewer.Role;

/** An account for an administrator to create, with its first password (the holder should change it). */
// @Nullable beside @NotNull: a field left out reaches validation, whose @NotNull names it in a 400, rather than failing
// the JSON binding with a less precise answer.
@SuppressWarnings("MultipleNullnessAnnotations")
@Serdeable
record NewAccount(
        @Nullable
        @NotBlank(message = "is required: the address the person signs in with")
        @Email(message = "must be an email address such as name@example.org")
        @Size(max = 320, message = "must be at most 320 characters")
        String email,

        @Nullable
        @NotBlank(message = "is required: the name shown on documents and in the audit log")
        @Size(max = 200, message = "must be at most 200 characters")
        String displayName,

        @Nullable
        @NotNull(message = "is required: " + Role.ACCOUNT_ROLES)
        @Pattern(regexp = "contributor|curator|admin", message = "must be " + Role.ACCOUNT_ROLES)
        String role,

        @Nullable @NotNull(message = "is required: at least " + Passwords.MIN_LENGTH + " characters")
        String password) {}
