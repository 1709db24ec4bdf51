package org.alima.portal.api.accounts;

import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalProcess;
import org.alima.portal.api.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's way: a portal process started with PORTAL_OIDC_* variables offers that provider, under its name,
 * with nothing else configured. (The round trip itself is {@link OidcSignInIT}'s.)
 */
class OidcEnvironmentIT {

    @Test
    void aPortalStartedWithTheVariablesOffersTheProvider(@TempDir Path data) throws Exception {
        try (FakeOpenIdProvider provider = FakeOpenIdProvider.start()) {
            Map<String, String> environment = new HashMap<>(TestDatabase.portalEnvironment(data));
            environment.put("PORTAL_OIDC_ISSUER", provider.issuer());
            environment.put("PORTAL_OIDC_CLIENT_ID", FakeOpenIdProvider.CLIENT_ID);
            environment.put("PORTAL_OIDC_CLIENT_SECRET", FakeOpenIdProvider.CLIENT_SECRET);
            environment.put("PORTAL_OIDC_NAME", "keycloak");
            environment.put("PORTAL_OIDC_ALLOW_HTTP_ISSUER", "true");
            Path log = data.resolve("portal.log");
            Process portal = PortalProcess.start(environment, log);
            try {
                Api api = new Api(URI.create("http://localhost:" + environment.get("PORTAL_PORT") + "/"));
                PortalProcess.awaitReady(api, portal, log);

                JsonNode providers = read(api.get("/api/auth/providers"));
                HttpResponse<String> login = api.get("/oauth/login/keycloak");

                assertThat(providers).hasSize(1);
                assertThat(providers.get(0).get("name").asText()).isEqualTo("keycloak");
                assertThat(providers.get(0).get("loginUrl").asText()).isEqualTo("/oauth/login/keycloak");
                assertThat(login.statusCode()).isIn(302, 303);
                assertThat(login.headers().firstValue("Location"))
                        .hasValueSatisfying(location -> assertThat(location)
                                .startsWith(provider.issuer() + "/authorize?")
                                .contains("client_id=" + FakeOpenIdProvider.CLIENT_ID));
            } finally {
                portal.destroy();
                if (!portal.waitFor(30, TimeUnit.SECONDS)) {
                    portal.destroyForcibly();
                }
            }
        }
    }

    @Test
    void refusesToStartWithAnIssuerThatIsNotHttps(@TempDir Path data) throws Exception {
        try (FakeOpenIdProvider provider = FakeOpenIdProvider.start()) {
            Map<String, String> environment = new HashMap<>(TestDatabase.portalEnvironment(data));
            environment.put("PORTAL_OIDC_ISSUER", provider.issuer());
            environment.put("PORTAL_OIDC_CLIENT_ID", FakeOpenIdProvider.CLIENT_ID);
            Path log = data.resolve("portal.log");
            Process portal = PortalProcess.start(environment, log);
            try {
                assertThat(portal.waitFor(90, TimeUnit.SECONDS))
                        .as("the portal stops at once")
                        .isTrue();
                assertThat(portal.exitValue()).isNotZero();
                assertThat(Files.readString(log))
                        .contains("has the issuer " + provider.issuer() + ", which is not https");
            } finally {
                portal.destroyForcibly();
            }
        }
    }
}
