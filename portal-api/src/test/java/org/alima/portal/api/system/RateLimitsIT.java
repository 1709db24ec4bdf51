package org.alima.portal.api.system;

import static org.alima.portal.api.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.Test;

/** Rate limits lowered to a few requests, and clients told apart by a trusted proxy on this machine. */
@MicronautTest
class RateLimitsIT extends PortalTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("portal.http.trusted-proxies", "127.0.0.1/32,::1");
        properties.put("portal.rate-limits.search", "3/1h");
        properties.put("portal.rate-limits.suggest", "3/1h");
        properties.put("portal.rate-limits.download", "2/1h");
        properties.put("portal.rate-limits.upload", "2/1h");
        return properties;
    }

    @Test
    void refusesAnAnonymousClientsSearchesPastTheLimitWith429AndRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(anonymous
                            .get("/api/search?q=x", "X-Forwarded-For", "203.0.113.1")
                            .statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> refused = anonymous.get("/api/search?q=x", "X-Forwarded-For", "203.0.113.1");

        assertProblem(refused, 429, "rate-limited");
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
        assertThat(anonymous
                        .get("/api/search?q=x", "X-Forwarded-For", "203.0.113.2")
                        .statusCode())
                .as("another client")
                .isEqualTo(200);
        assertThat(api.get("/api/search?q=x", "X-Forwarded-For", "203.0.113.1").statusCode())
                .as("a signed-in reader")
                .isEqualTo(200);
    }

    @Test
    void limitsSuggestionsAndDownloadsPerClientToo() {
        String id = api.uploadAccepted("limited.txt", Api.uniqueWord().getBytes(StandardCharsets.UTF_8), null);
        Api admin = anonymous.as(TestAccounts.admin(anonymous));
        api.awaitIndexed(id);
        TestDocuments.describe(admin, id);
        assertThat(admin.json("POST", "/api/documents/" + id + "/publish", "").statusCode())
                .isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(anonymous
                            .get("/api/search/suggest?q=li", "X-Forwarded-For", "203.0.113.3")
                            .statusCode())
                    .isEqualTo(200);
        }
        assertProblem(anonymous.get("/api/search/suggest?q=li", "X-Forwarded-For", "203.0.113.3"), 429, "rate-limited");
        for (int i = 0; i < 2; i++) {
            assertThat(anonymous
                            .get("/api/documents/" + id + "/file", "X-Forwarded-For", "203.0.113.4")
                            .statusCode())
                    .isEqualTo(200);
        }
        assertProblem(
                anonymous.get("/api/documents/" + id + "/file", "X-Forwarded-For", "203.0.113.4"), 429, "rate-limited");
    }

    @Test
    void limitsUploadsPerAccountWhateverTheAddress() {
        Api contributor =
                anonymous.as(TestAccounts.create(anonymous, "contributor").token());
        for (int i = 0; i < 2; i++) {
            assertThat(contributor
                            .upload(new Api.Multipart()
                                    .file("u.txt", Api.uniqueWord().getBytes(StandardCharsets.UTF_8)))
                            .statusCode())
                    .isEqualTo(202);
        }

        assertProblem(
                contributor.upload(
                        new Api.Multipart().file("u.txt", Api.uniqueWord().getBytes(StandardCharsets.UTF_8))),
                429,
                "rate-limited");
        assertThat(api.upload(new Api.Multipart().file("u.txt", Api.uniqueWord().getBytes(StandardCharsets.UTF_8)))
                        .statusCode())
                .as("another account")
                .isEqualTo(202);
    }
}
