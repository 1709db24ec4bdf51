package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first administrator from configuration (PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD) when no
 * administrator exists yet; never from a default password. Once any administrator exists it creates nothing, so the
 * variables can be removed after the first start; while they are set, a weak password stops the portal at startup,
 * naming the variable and the rule. The command line's {@code create-admin} does the same without configuration.
 */
@Singleton
@Requires(property = "portal.accounts.first-admin.email", pattern = ".+")
final class FirstAdmin {

    static final String EMAIL_VARIABLE = "PORTAL_ADMIN_EMAIL";
    static final String PASSWORD_VARIABLE = "PORTAL_ADMIN_PASSWORD";

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
        this.email = email.strip();
        this.password = password;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        check(email, password);
        if (repository.anyAdmin()) {
            return;
        }
        try {
            accounts.create(Viewer.ANONYMOUS, email, "Administrator", Role.ADMIN, password, "configuration");
            LOG.info("Created the first administrator, {}", email);
        } catch (EmailTakenException taken) {
            // Nodes started together on one database: another one created it between the check and the insert.
            if (!repository.anyAdmin()) {
                throw taken;
            }
            LOG.info("The first administrator, {}, was created by another portal node", email);
        }
    }

    /**
     * Refuses a first administrator that could not sign in safely.
     *
     * @throws AccountConfigurationException naming the variable and the rule it breaks
     */
    static void check(String email, String password) {
        if (!email.matches("[^@\\s]+@[^@\\s]+") || email.length() > 320) {
            throw new AccountConfigurationException(EMAIL_VARIABLE + " (portal.accounts.first-admin.email) must be an"
                    + " email address such as admin@example.org; got '" + email + "'");
        }
        String weakness = Passwords.weakness(password, email);
        if (weakness != null) {
            throw new AccountConfigurationException(PASSWORD_VARIABLE + " (portal.accounts.first-admin.password) "
                    + weakness + ". Set it with " + EMAIL_VARIABLE + ", or unset " + EMAIL_VARIABLE
                    + " and create the administrator with `portal-api create-admin --email " + email + "`.");
        }
    }
}
