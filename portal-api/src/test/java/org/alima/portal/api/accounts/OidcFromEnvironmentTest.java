package org.alima.portal.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcFromEnvironmentTest {

    @Test
    void configuresNothingWithoutAnIssuer() {
        assertThat(OidcFromEnvironment.properties(Map.of())).isEmpty();
        assertThat(OidcFromEnvironment.properties(Map.of("PORTAL_OIDC_ISSUER", " ", "PORTAL_OIDC_CLIENT_ID", "x")))
                .isEmpty();
    }

    @Test
    void configuresOneProviderUnderItsName() {
        Map<String, Object> properties = OidcFromEnvironment.properties(Map.of(
                "PORTAL_OIDC_ISSUER", "https://keycloak.example.org/realms/portal",
                "PORTAL_OIDC_CLIENT_ID", "portal",
                "PORTAL_OIDC_CLIENT_SECRET", "s3cret",
                "PORTAL_OIDC_NAME", "keycloak"));

        assertThat(properties)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "micronaut.security.oauth2.clients.keycloak.openid.issuer",
                                "https://keycloak.example.org/realms/portal",
                        "micronaut.security.oauth2.clients.keycloak.client-id", "portal",
                        "micronaut.security.oauth2.clients.keycloak.client-secret", "s3cret"));
    }

    @Test
    void namesTheProviderOidcAndOmitsTheSecretOfAPublicClient() {
        Map<String, Object> properties = OidcFromEnvironment.properties(Map.of(
                "PORTAL_OIDC_ISSUER", "https://login.microsoftonline.com/tenant/v2.0",
                "PORTAL_OIDC_CLIENT_ID", "app-id"));

        assertThat(properties)
                .containsOnlyKeys(
                        "micronaut.security.oauth2.clients.oidc.openid.issuer",
                        "micronaut.security.oauth2.clients.oidc.client-id");
    }

    @Test
    void refusesAnIncompleteOrMalformedConfigurationNamingTheVariable() {
        assertThatThrownBy(
                        () -> OidcFromEnvironment.properties(Map.of("PORTAL_OIDC_ISSUER", "https://idp.example.org")))
                .hasMessageContaining("PORTAL_OIDC_CLIENT_ID");
        assertThatThrownBy(() -> OidcFromEnvironment.properties(
                        Map.of("PORTAL_OIDC_ISSUER", "idp.example.org", "PORTAL_OIDC_CLIENT_ID", "portal")))
                .hasMessageContaining("PORTAL_OIDC_ISSUER");
        assertThatThrownBy(() -> OidcFromEnvironment.properties(Map.of(
                        "PORTAL_OIDC_ISSUER", "https://idp.example.org",
                        "PORTAL_OIDC_CLIENT_ID", "portal",
                        "PORTAL_OIDC_NAME", "Key Cloak")))
                .hasMessageContaining("PORTAL_OIDC_NAME");
    }
}
