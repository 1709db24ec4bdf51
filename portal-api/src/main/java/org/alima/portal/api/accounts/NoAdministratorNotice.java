package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator of a new portal how to make its first administrator: without one, nobody can sign in to
 * upload or publish, and the portal would only look empty.
 */
@Singleton
final class NoAdministratorNotice {

    private static final Logger LOG = LoggerFactory.getLogger(NoAdministratorNotice.class);

    private final AccountRepository accounts;
    private final String configuredEmail;

    NoAdministratorNotice(
            AccountRepository accounts, @Value("${portal.accounts.first-admin.email:}") String configuredEmail) {
        this.accounts = accounts;
        this.configuredEmail = configuredEmail;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (configuredEmail.isBlank() && !accounts.anyAdmin()) {
            LOG.warn("No administrator yet, so nobody can sign in to upload or publish. Create one with"
                    + " `./portal create-admin --email you@example.org`, or start once with PORTAL_ADMIN_EMAIL and"
                    + " PORTAL_ADMIN_PASSWORD set.");
        }
    }
}
