package org.alima.portal.api.system;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@MicronautTest
class SystemIT extends PortalTest {

    @Nested
    class Health {

        @Test
        void reportsUpWithTheDatabaseAndTheDataDirectorysDiskSpace() {
            HttpResponse<String> response = api.get("/health");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode health = read(response);
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/jdbc/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/diskSpace/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/searchIndex/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/searchIndex/details/needsRebuild").asBoolean())
                    .isFalse();
            assertThat(health.at("/details/searchIndex/details/engine").asText())
                    .isEqualTo("embedded");
        }

        @Test
        void reportsReadiness() {
            HttpResponse<String> response = api.get("/health/readiness");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(read(response).get("status").asText()).isEqualTo("UP");
        }
    }

    @Nested
    class Errors {

        @Test
        void answersAnUnknownRouteWithA404Problem() {
            assertProblem(api.get("/api/nothing-here"), 404, "not-found");
        }

        @Test
        void answersAWrongMethodWithA405Problem() {
            assertProblem(api.json("PUT", "/api/documents", "{}"), 405, "method-not-allowed");
        }

        @Test
        void answersAWrongContentTypeWithA415Problem() {
            assertProblem(api.json("POST", "/api/documents", "{}"), 415, "unsupported-media-type");
        }

        @Test
        void answersProblemsInFrenchToAReaderWhoPrefersFrench() {
            HttpResponse<String> response = api.get("/api/nothing-here", "Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5");

            JsonNode problem = assertProblem(response, 404, "not-found");
            assertThat(problem.get("title").asText()).isEqualTo("Introuvable");
            assertThat(problem.get("detail").asText()).startsWith("Rien n’existe à cette adresse");
            assertThat(response.headers().firstValue("Content-Language")).hasValue("fr");
            assertThat(response.headers().allValues("Vary"))
                    .anySatisfy(vary -> assertThat(vary).containsIgnoringCase("Accept-Language"));
        }

        @Test
        void answersAFieldProblemInFrenchKeepingItsFields() {
            HttpResponse<String> response = api.get("/api/search?q=malaria&size=0", "Accept-Language", "fr");

            JsonNode problem = assertProblem(response, 400, "invalid-field");
            assertThat(problem.get("title").asText()).isEqualTo("Champ de la requête invalide");
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("size");
        }

        @Test
        void answersProblemsInEnglishByDefaultWithTheirOwnDetail() {
            HttpResponse<String> response = api.get("/api/nothing-here", "Accept-Language", "de-DE");

            JsonNode problem = assertProblem(response, 404, "not-found");
            assertThat(problem.get("title").asText()).isEqualTo("Not found");
            assertThat(response.headers().firstValue("Content-Language")).hasValue("en");
        }

        @Test
        void answersProblemJsonEvenToABrowserAskingForHtml() {
            assertProblem(api.get("/api/nothing-here", "Accept", "text/html"), 404, "not-found");
        }

        @Test
        void givesEveryAnswerARequestId() {
            HttpResponse<String> response = api.get("/api/documents?size=1");

            assertThat(response.headers().firstValue("X-Request-Id"))
                    .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{12}"));
        }
    }

    @Nested
    class Cors {

        @Test
        void allowsAConfiguredOrigin() {
            HttpResponse<String> preflight = api.options(
                    "/api/documents", "Origin", "https://portal.example.org", "Access-Control-Request-Method", "POST");

            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("https://portal.example.org");
        }

        @Test
        void refusesAnOriginThatIsNotConfigured() {
            HttpResponse<String> preflight = api.options(
                    "/api/documents",
                    "Origin",
                    "https://elsewhere.example.com",
                    "Access-Control-Request-Method",
                    "POST");
            HttpResponse<String> simple = api.get("/api/documents?size=1", "Origin", "https://elsewhere.example.com");

            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
            assertThat(simple.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
    }

    @Nested
    class ApiDocumentation {

        @Test
        void servesTheGeneratedOpenApiSpec() {
            HttpResponse<String> spec = api.get("/api/openapi/portal-api.yml");

            assertThat(spec.statusCode()).isEqualTo(200);
            assertThat(spec.body()).startsWith("openapi: 3.").contains("/api/documents/{id}/citation:");
        }

        @Test
        void redirectsApiDocsToASwaggerUiServedFromTheJarWithoutExternalHosts() {
            HttpResponse<String> redirect = api.get("/api/docs");
            assertThat(redirect.statusCode()).isEqualTo(303);
            String location = redirect.headers().firstValue("Location").orElseThrow();

            HttpResponse<String> page = api.get(location);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("/api/openapi/portal-api.yml");
            Matcher assets = Pattern.compile("\"(/swagger-ui/res/[^\"]+)\"").matcher(page.body());
            int found = 0;
            while (assets.find()) {
                found++;
                assertThat(api.get(assets.group(1)).statusCode())
                        .as(assets.group(1))
                        .isEqualTo(200);
            }
            assertThat(found).isGreaterThanOrEqualTo(3);
            // Every script and style is in the jar: no CDN, no other host.
            assertThat(page.body()).doesNotContainPattern("(src|href)=[\"']?(https?:)?//");
            assertThat(page.body()).doesNotContain("unpkg.com").doesNotContain("cdn.");
            // Swagger UI would otherwise send the spec's address to its public validator.
            assertThat(page.body()).contains("validatorUrl: null");
        }
    }

    @Nested
    class WebFrontend {

        @Test
        void servesTheSearchPageAtTheRootWithItsScriptAndStyle() {
            HttpResponse<String> page = api.get("/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body())
                    .contains("role=\"search\"")
                    .contains("app.js")
                    .contains("app.css");
            assertThat(api.get("/app.js").statusCode()).isEqualTo(200);
            assertThat(api.get("/app.css").statusCode()).isEqualTo(200);
        }

        @Test
        void keepsUnknownApiRoutesAsProblemsRatherThanPages() {
            assertProblem(api.get("/api/no-such-route"), 404, "not-found");
        }
    }
}
