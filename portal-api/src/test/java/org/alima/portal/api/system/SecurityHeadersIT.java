package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest
class SecurityHeadersIT extends PortalTest {

    @Nested
    class ManagementEndpoints {

        @ParameterizedTest
        @ValueSource(strings = {"/threaddump", "/routes", "/beans", "/loggers", "/env", "/info", "/caches", "/stop"})
        void areNotThere(String path) {
            assertThat(anonymous.get(path).statusCode()).isEqualTo(404);
            assertThat(api.get(path).statusCode()).isEqualTo(404);
        }

        @Test
        void refreshAndStopCannotBePosted() {
            assertThat(anonymous.json("POST", "/refresh", "{}").statusCode()).isIn(401, 404);
            assertThat(anonymous.json("POST", "/stop", "{}").statusCode()).isIn(401, 404);
        }

        @Test
        void leaveHealthOpen() {
            assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class OnEveryAnswer {

        @ParameterizedTest
        @ValueSource(
                strings = {"/", "/app.js", "/api/search?q=x", "/api/nothing-here", "/health", "/swagger-ui/index.html"})
        void noSniffingAndNoReferrer(String path) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        }

        @Test
        void onCitationsToo() {
            String id = api.uploadAccepted("cite.txt", Api.uniqueWord().getBytes(StandardCharsets.UTF_8), null);
            HttpResponse<String> citation = api.get("/api/documents/" + id + "/citation?format=ris");
            assertThat(citation.statusCode()).isEqualTo(200);
            assertThat(citation.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Nested
    class ContentSecurityPolicy {

        @Test
        void guardsTheWebPages() {
            HttpResponse<String> page = anonymous.get("/");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }

        @Test
        void allowsSwaggerUisOwnInlineScriptByItsHashOnly() {
            HttpResponse<String> page = anonymous.get("/swagger-ui/index.html");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(policy -> assertThat(policy)
                            .startsWith("default-src 'self'; script-src 'self' 'sha256-")
                            .doesNotContain("unsafe-inline")
                            .contains("frame-ancestors 'none'"));
        }

        @Test
        void isNotAddedToJson() {
            assertThat(anonymous.get("/api/search?q=x").headers().firstValue("Content-Security-Policy"))
                    .isEmpty();
        }
    }

    @Nested
    class StrictTransportSecurity {

        @Test
        void isNotSentOverPlainHttp() {
            assertThat(anonymous.get("/").headers().firstValue("Strict-Transport-Security"))
                    .isEmpty();
        }

        @Test
        void isNotSentWhenAnUntrustedClientClaimsHttps() {
            assertThat(anonymous
                            .get("/", "X-Forwarded-Proto", "https")
                            .headers()
                            .firstValue("Strict-Transport-Security"))
                    .isEmpty();
        }
    }
}
