package org.alima.portal.api.accounts;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A personal API token just created: the only answer that carries its secret {@code token}, to send as
 * {@code Authorization: Bearer <token>}.
 */
@Serdeable
record CreatedApiToken(String id, String name, String token, Instant expiresAt) {}
