package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first administrator from configuration (PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD) when no
 * administrator exists yet; never from a default password. Once any administrator exists it does nothing, so the
 * variables can be removed after the first start.
 */
@Singleton
@Requires(property = "portal.accounts.first-admin.email", pattern = ".+")
final class FirstAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccountRepository repository;
    private final Accounts accounts;
    private final String email;
    private final String password;

    FirstAdmin(
            AccountRepository repository,
            Accounts accounts,
            @Value("${portal.accounts.first-admin.email}") String email,
            @Value("${portal.accounts.first-admin.password:}") String password) {
        this.repository = repository;
        this.accounts = accounts;
        this.email = email;
        this.password = password;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (repository.anyAdmin()) {
            return;
        }
        accounts.create(email, "Administrator", Role.ADMIN, password);
        LOG.info("Created the first administrator, {}", email);
    }
}
