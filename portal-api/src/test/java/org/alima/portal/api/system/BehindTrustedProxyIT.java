package org.alima.portal.api.system;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.Test;

/** The portal behind a reverse proxy on this machine (127.0.0.1) that terminates TLS. */
@MicronautTest
class BehindTrustedProxyIT extends PortalTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("portal.http.trusted-proxies", "127.0.0.1/32,::1");
        // One password hash at a time, so that a burst of sign-ins finds the slot busy.
        properties.put("portal.accounts.hashing.concurrency", "1");
        return properties;
    }

    @Test
    void sendsStrictTransportSecurityWhenTheProxySaysHttps() {
        assertThat(anonymous.get("/", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000; includeSubDomains");
    }

    @Test
    void sendsNoneWhenTheProxySaysHttp() {
        assertThat(anonymous.get("/", "X-Forwarded-Proto", "http").headers().firstValue("Strict-Transport-Security"))
                .isEmpty();
    }

    private HttpResponse<String> login(String email, String password, String from) {
        return anonymous.json(
                "POST",
                "/api/auth/login",
                "{\"username\": \"" + email + "\", \"password\": \"" + password + "\"}",
                "X-Forwarded-For",
                from);
    }

    @Test
    void letsTheOwnerSignInFromTheirAddressWhileAnAttackerIsThrottledOnTheirAccount() {
        TestAccounts.Account owner = TestAccounts.create(anonymous, "contributor");
        for (int i = 0; i < 5; i++) {
            assertProblem(login(owner.email(), "guess " + i, "203.0.113.66"), 401, "bad-credentials");
        }
        assertProblem(login(owner.email(), TestAccounts.PASSWORD, "203.0.113.66"), 429, "too-many-attempts");

        assertThat(login(owner.email(), TestAccounts.PASSWORD, "198.51.100.7").statusCode())
                .isEqualTo(200);
    }

    @Test
    void auditsSuccessesFailuresAndLockoutsWithTheClientsAddress() {
        TestAccounts.Account owner = TestAccounts.create(anonymous, "contributor");
        for (int i = 0; i < 5; i++) {
            login(owner.email(), "guess " + i, "203.0.113.77");
        }
        login(owner.email(), TestAccounts.PASSWORD, "198.51.100.8");

        Api admin = anonymous.as(TestAccounts.admin(anonymous));
        JsonNode failures = read(admin.get("/api/admin/audit?action=auth.sign_in_failed&target=" + owner.id()))
                .get("items");
        JsonNode lockouts = read(admin.get("/api/admin/audit?action=auth.lockout&target=" + owner.id()))
                .get("items");
        JsonNode successes = read(admin.get("/api/admin/audit?action=auth.sign_in&target=" + owner.id()))
                .get("items");
        assertThat(failures).hasSize(5);
        assertThat(failures.get(0).at("/detail/address").asText()).isEqualTo("203.0.113.77");
        assertThat(failures.get(0).at("/detail/email").asText()).isEqualTo(owner.email());
        assertThat(lockouts).hasSize(1);
        assertThat(lockouts.get(0).at("/detail/address").asText()).isEqualTo("203.0.113.77");
        assertThat(successes)
                .extracting(event -> event.at("/detail/address").asText())
                .contains("198.51.100.8");
    }

    @Test
    void answersABurstOfSignInsThatFindsEveryHashingSlotBusyAt503AtOnce() throws Exception {
        TestAccounts.Account owner = TestAccounts.create(anonymous, "contributor");
        List<Callable<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String from = "192.0.2." + (10 + i);
            burst.add(() -> login(owner.email(), TestAccounts.PASSWORD, from));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("sign-in-", 0).factory())) {
            for (Future<HttpResponse<String>> answer : clients.invokeAll(burst)) {
                HttpResponse<String> response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 503) {
                    assertProblem(response, 503, "sign-in-busy");
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                }
            }
        }
        assertThat(statuses).contains(200, 503).containsOnly(200, 503);
    }
}
