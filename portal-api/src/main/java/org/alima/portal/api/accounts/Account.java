package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;
import org.alima.portal.api.access.Viewer.Role;

/**
 * An account as stored. Immutable.
 *
 * @param passwordHash the Argon2id PHC string, or null for an account that signs in only through an external provider
 */
record Account(
        UUID id,
        String email,
        String displayName,
        Role role,
        @Nullable String passwordHash,
        boolean disabled,
        Instant createdAt) {}
