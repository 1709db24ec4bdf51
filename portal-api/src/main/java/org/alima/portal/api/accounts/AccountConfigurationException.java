package org.alima.portal.api.accounts;

/**
 * The configuration of accounts is unusable (a weak first administrator's password, an incomplete OpenID Connect
 * provider); the message names the setting and the rule it breaks. Thrown at startup, so that the portal does not run
 * half configured.
 */
final class AccountConfigurationException extends RuntimeException {

    AccountConfigurationException(String message) {
        super(message);
    }
}
