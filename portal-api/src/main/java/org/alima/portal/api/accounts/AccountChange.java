package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.system.PlainText;

/**
 * What an administrator changes in an account ({@code PATCH /api/admin/accounts/{id}}); a field left out or null stays
 * as it is. Other fields (an id, an email, a password) are ignored: they are not changed this way.
 */
@Serdeable
record AccountChange(
        @Nullable @Pattern(regexp = "contributor|curator|admin", message = "must be " + Role.ACCOUNT_ROLES)
        String role,

        @Nullable Boolean disabled,

        @Nullable
        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank: the name shown on documents and in the log")
        @PlainText
        String displayName) {}
