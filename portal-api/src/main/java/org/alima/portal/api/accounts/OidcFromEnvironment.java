package org.alima.portal.api.accounts;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.alima.portal.indexer.SuppressForbidden;

/**
 * Configures one external OpenID Connect provider from {@code PORTAL_OIDC_ISSUER}, {@code PORTAL_OIDC_CLIENT_ID},
 * {@code PORTAL_OIDC_CLIENT_SECRET} and {@code PORTAL_OIDC_NAME} (default {@code oidc}), as the Micronaut properties
 * {@code micronaut.security.oauth2.clients.<name>.*}; with no issuer, nothing. Done before the context starts because
 * the provider's name is part of the property names, which a placeholder in application.yml cannot give. Stateless.
 *
 * <p>Any other provider, or more than one, is configured with the Micronaut properties themselves (see the README).
 */
@ContextConfigurer
public final class OidcFromEnvironment implements ApplicationContextConfigurer {

    static final String ISSUER = "PORTAL_OIDC_ISSUER";
    static final String CLIENT_ID = "PORTAL_OIDC_CLIENT_ID";
    static final String CLIENT_SECRET = "PORTAL_OIDC_CLIENT_SECRET";
    static final String NAME = "PORTAL_OIDC_NAME";

    /** The name is a path segment of the login and callback URLs the provider is told about. */
    private static final Pattern NAME_SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    @Override
    @SuppressForbidden(
            reason = "Micronaut loads a @ContextConfigurer as a service, before any bean, for every context; it sees"
                    + " the process's environment, not the map given to Portal.start")
    public void configure(ApplicationContextBuilder builder) {
        builder.properties(properties(System.getenv()));
    }

    /**
     * The Micronaut properties the variables in {@code environment} give.
     *
     * @throws AccountConfigurationException naming the variable when an issuer is set without a client id, or a name
     *     is not a lower-case word
     */
    static Map<String, Object> properties(Map<String, String> environment) {
        String issuer = environment.getOrDefault(ISSUER, "").strip();
        if (issuer.isEmpty()) {
            return Map.of();
        }
        if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
            throw new AccountConfigurationException(
                    ISSUER + " must be the provider's issuer URL, such as https://keycloak.example.org/realms/portal;"
                            + " got '" + issuer + "'");
        }
        String clientId = environment.getOrDefault(CLIENT_ID, "").strip();
        if (clientId.isEmpty()) {
            throw new AccountConfigurationException(ISSUER + " is set but " + CLIENT_ID + " is not: set it to the"
                    + " client id the provider gave the portal");
        }
        String name = environment.getOrDefault(NAME, "").strip();
        if (name.isEmpty()) {
            name = "oidc";
        }
        if (!NAME_SHAPE.matcher(name).matches()) {
            throw new AccountConfigurationException(NAME + " must be lower-case letters, digits and '-' (at most 40),"
                    + " such as keycloak; got '" + name + "'");
        }
        String prefix = "micronaut.security.oauth2.clients." + name + ".";
        Map<String, Object> properties = new HashMap<>();
        properties.put(prefix + "openid.issuer", issuer);
        properties.put(prefix + "client-id", clientId);
        String secret = environment.getOrDefault(CLIENT_SECRET, "");
        if (!secret.isBlank()) {
            properties.put(prefix + "client-secret", secret.strip());
        }
        return properties;
    }
}
