package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/account/password}: the password signed in with and the new one. */
// @Nullable beside @NotNull: a field left out reaches validation, whose @NotNull names it in a 400, rather than failing
// the JSON binding with a less precise answer.
@SuppressWarnings("MultipleNullnessAnnotations")
@Serdeable
record PasswordChange(
        @Nullable
        @NotNull(message = "is required: the password you signed in with")
        @Size(max = Passwords.MAX_LENGTH, message = "is too long")
        String currentPassword,

        @Nullable @NotNull(message = "is required: at least " + Passwords.MIN_LENGTH + " characters")
        String newPassword) {}
