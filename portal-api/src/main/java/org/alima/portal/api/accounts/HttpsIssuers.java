package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.oauth2.configuration.OpenIdClientConfiguration;
import java.net.URL;
import java.util.List;
import java.util.Locale;

/**
 * Stops the start when an OpenID Connect provider's issuer is not an https URL: its keys, tokens and the identities
 * they vouch for would travel unprotected, and anyone on the path could sign in as anyone. Checked once, at startup,
 * for every provider however configured. {@code portal.accounts.oidc.allow-http-issuers}
 * ({@code PORTAL_OIDC_ALLOW_HTTP_ISSUER}) lets a developer's or a test's local provider speak plain HTTP; it is off by
 * default and never for production.
 */
@Context
final class HttpsIssuers {

    HttpsIssuers(
            List<OauthClientConfiguration> clients,
            @Value("${portal.accounts.oidc.allow-http-issuers:false}") boolean allowHttp) {
        if (allowHttp) {
            return;
        }
        for (OauthClientConfiguration client : clients) {
            client.getOpenid().flatMap(OpenIdClientConfiguration::getIssuer).ifPresent(issuer -> {
                if (!isHttps(issuer)) {
                    throw new AccountConfigurationException("The OpenID Connect provider '" + client.getName()
                            + "' has the issuer " + issuer + ", which is not https: set its https URL ("
                            + OidcFromEnvironment.ISSUER + " or micronaut.security.oauth2.clients." + client.getName()
                            + ".openid.issuer). Plain HTTP is for a local test provider only"
                            + " (PORTAL_OIDC_ALLOW_HTTP_ISSUER=true).");
                }
            });
        }
    }

    private static boolean isHttps(URL issuer) {
        return issuer.getProtocol().toLowerCase(Locale.ROOT).equals("https");
    }
}
