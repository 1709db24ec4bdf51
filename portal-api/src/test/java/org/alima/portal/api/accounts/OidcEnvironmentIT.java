package org.alima.portal.api.accounts;

import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.alima.portal.api.Api;
import org.alima.portal.api.Application;
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
            Path log = data.resolve("portal.log");
            Process portal = start(environment, log);
            try {
                Api api = new Api(URI.create("http://localhost:" + environment.get("PORTAL_PORT") + "/"));
                awaitReady(api, portal, log);

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

    /** This test JVM's classpath with the portal's main class, as {@code ./portal} runs it, in the given environment. */
    private static Process start(Map<String, String> environment, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "--add-modules",
                        "jdk.incubator.vector",
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Application.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitReady(Api api, Process portal, Path log) throws IOException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!portal.isAlive()) {
                throw new AssertionError(
                        "the portal process exited with " + portal.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (api.get("/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // connection refused until the server is up
            }
            Api.sleep(200);
        }
        throw new AssertionError("the portal process did not start within 90 s");
    }
}
