package org.alima.portal.api.accounts;

import io.micronaut.serde.annotation.Serdeable;

/** An external OpenID Connect provider one may sign in with, and where the browser starts its sign-in. */
@Serdeable
record ProviderResponse(String name, String loginUrl) {}
