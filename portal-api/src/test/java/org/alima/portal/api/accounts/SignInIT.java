package org.alima.portal.api.accounts;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Signing in, renewing and ending sessions, and the tokens the portal refuses. */
@MicronautTest
class SignInIT extends PortalTest {

    private static final byte[] TEXT = "a short text".getBytes(StandardCharsets.UTF_8);

    private HttpResponse<String> login(String email, String password) {
        return anonymous.json(
                "POST",
                "/api/auth/login",
                String.format(Locale.ROOT, "{\"username\": \"%s\", \"password\": \"%s\"}", email, password));
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return anonymous.json(
                "POST",
                "/api/auth/token",
                "{\"grant_type\": \"refresh_token\", \"refresh_token\": \"" + refreshToken + "\"}");
    }

    private TestAccounts.Account account(String role) {
        return TestAccounts.create(anonymous, role);
    }

    @Nested
    class Passwords {

        @Test
        void givesAnAccessTokenARefreshTokenAndTheRoles() {
            TestAccounts.Account curator = account("curator");

            HttpResponse<String> answer = login(curator.email(), TestAccounts.PASSWORD);

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode tokens = read(answer);
            assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
            // PORTAL_ACCESS_TOKEN_SECONDS, 15 minutes unless configured.
            assertThat(tokens.get("expires_in").asInt()).isEqualTo(900);
            assertThat(tokens.get("refresh_token").asText()).isNotBlank();
            assertThat(tokens.get("username").asText()).isEqualTo(curator.id());
            assertThat(tokens.get("roles"))
                    .extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("contributor", "curator");
            JsonNode me = read(anonymous.as(tokens.get("access_token").asText()).get("/api/account"));
            assertThat(me.get("email").asText()).isEqualTo(curator.email());
            assertThat(me.get("role").asText()).isEqualTo("curator");
        }

        @Test
        void answersAnUnknownEmailAndAWrongPasswordIdentically() {
            TestAccounts.Account known = account("contributor");

            HttpResponse<String> wrongPassword = login(known.email(), "not the right passphrase");
            HttpResponse<String> unknownEmail = login("nobody-" + UUID.randomUUID() + "@portal.test", "whatever it is");

            assertProblem(wrongPassword, 401, "bad-credentials");
            assertThat(unknownEmail.statusCode()).isEqualTo(wrongPassword.statusCode());
            assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
            assertThat(unknownEmail.headers().firstValue("Content-Type"))
                    .isEqualTo(wrongPassword.headers().firstValue("Content-Type"));
        }

        @Test
        void refusesWith429AndRetryAfterAfterFiveFailuresEvenTheRightPassword() {
            TestAccounts.Account target = account("contributor");
            for (int i = 0; i < 5; i++) {
                assertProblem(login(target.email(), "wrong passphrase " + i), 401, "bad-credentials");
            }

            HttpResponse<String> refused = login(target.email(), TestAccounts.PASSWORD);

            assertProblem(refused, 429, "too-many-attempts");
            assertThat(refused.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds))
                            .isBetween(1L, Duration.ofMinutes(15).toSeconds()));
        }

        @Test
        void countsByTheSocketsAddressWhateverXForwardedForAClientSends() {
            TestAccounts.Account target = account("contributor");
            for (int i = 0; i < 5; i++) {
                assertProblem(
                        anonymous.json(
                                "POST",
                                "/api/auth/login",
                                "{\"username\": \"" + target.email() + "\", \"password\": \"wrong " + i + "\"}",
                                "X-Forwarded-For",
                                "198.51.100." + i),
                        401,
                        "bad-credentials");
            }

            assertProblem(
                    anonymous.json(
                            "POST",
                            "/api/auth/login",
                            "{\"username\": \"" + target.email() + "\", \"password\": \"wrong\"}",
                            "X-Forwarded-For",
                            "198.51.100.99"),
                    429,
                    "too-many-attempts");
        }

        @Test
        void throttlesAnUnknownEmailLikeAKnownOne() {
            String unknown = "ghost-" + UUID.randomUUID() + "@portal.test";
            for (int i = 0; i < 5; i++) {
                assertProblem(login(unknown, "wrong passphrase " + i), 401, "bad-credentials");
            }

            assertProblem(login(unknown, "wrong passphrase"), 429, "too-many-attempts");
        }

        @Test
        void forgivesEarlierFailuresAfterASuccess() {
            TestAccounts.Account target = account("contributor");
            for (int i = 0; i < 4; i++) {
                assertProblem(login(target.email(), "wrong passphrase " + i), 401, "bad-credentials");
            }
            assertThat(login(target.email(), TestAccounts.PASSWORD).statusCode())
                    .isEqualTo(200);
            for (int i = 0; i < 4; i++) {
                assertProblem(login(target.email(), "wrong passphrase " + i), 401, "bad-credentials");
            }

            // Eight failures in all, but only four since the success.
            assertThat(login(target.email(), TestAccounts.PASSWORD).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void refusesADisabledAccountWithTheSameAnswerAsAWrongPassword() {
            TestAccounts.Account target = account("contributor");
            disable(target.id());

            assertProblem(login(target.email(), TestAccounts.PASSWORD), 401, "bad-credentials");
        }
    }

    @Nested
    class Sessions {

        @Test
        void renewsAWorkingAccessTokenWithTheRefreshToken() {
            TestAccounts.Account target = account("contributor");
            JsonNode session = read(login(target.email(), TestAccounts.PASSWORD));

            HttpResponse<String> renewed = refresh(session.get("refresh_token").asText());

            assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
            String access = read(renewed).get("access_token").asText();
            HttpResponse<String> me = anonymous.as(access).get("/api/account");
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(read(me).get("id").asText()).isEqualTo(target.id());
        }

        @Test
        void renewsWithTheAccountsCurrentRole() {
            TestAccounts.Account target = account("contributor");
            JsonNode session = read(login(target.email(), TestAccounts.PASSWORD));
            patch(target.id(), "{\"role\": \"curator\"}");

            JsonNode renewed = read(refresh(session.get("refresh_token").asText()));

            assertThat(renewed.get("roles")).extracting(JsonNode::asText).contains("curator");
        }

        @Test
        void signingOutRevokesTheRefreshToken() {
            TestAccounts.Account target = account("contributor");
            String refreshToken = read(login(target.email(), TestAccounts.PASSWORD))
                    .get("refresh_token")
                    .asText();

            HttpResponse<String> logout =
                    anonymous.json("POST", "/api/auth/logout", "{\"refresh_token\": \"" + refreshToken + "\"}");

            assertThat(logout.statusCode()).isEqualTo(204);
            assertProblem(refresh(refreshToken), 400, "invalid-grant");
        }

        @Test
        void aDisabledAccountCannotRenewItsSession() {
            TestAccounts.Account target = account("contributor");
            String refreshToken = read(login(target.email(), TestAccounts.PASSWORD))
                    .get("refresh_token")
                    .asText();
            disable(target.id());

            assertProblem(refresh(refreshToken), 400, "invalid-grant");
        }

        @Test
        void refusesARefreshTokenThatIsNotOne() {
            assertProblem(refresh("not-a-refresh-token"), 400, "invalid-grant");
        }
    }

    /** Every bad token answers 401 on protected endpoints: reading one's account, and uploading. */
    @Nested
    class RefusedTokens {

        private void assertRefused(String token) {
            Api bearer = anonymous.as(token);
            for (HttpResponse<String> answer :
                    List.of(bearer.get("/api/account"), bearer.upload(new Api.Multipart().file("refused.txt", TEXT)))) {
                assertProblem(answer, 401, "unauthenticated");
                assertThat(answer.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
            }
        }

        private String adminId() {
            return read(anonymous.as(TestAccounts.admin(anonymous)).get("/api/account"))
                    .get("id")
                    .asText();
        }

        @Test
        void acceptsATokenSignedWithThePortalsKeyForItsAudience() {
            // The control: the forgeries below differ from this one in one respect each.
            String token = ForgedTokens.signed(ForgedTokens.claims(adminId()), ForgedTokens.PORTAL_SECRET);

            assertThat(anonymous.as(token).get("/api/account").statusCode()).isEqualTo(200);
        }

        @Test
        void refusesAnExpiredToken() {
            Instant past = Instant.now().minus(Duration.ofHours(1));
            assertRefused(ForgedTokens.signed(
                    ForgedTokens.claims(adminId())
                            .issueTime(Date.from(past.minus(Duration.ofMinutes(15))))
                            .notBeforeTime(Date.from(past.minus(Duration.ofMinutes(15))))
                            .expirationTime(Date.from(past)),
                    ForgedTokens.PORTAL_SECRET));
        }

        @Test
        void refusesATokenSignedWithAnotherKey() {
            assertRefused(ForgedTokens.signed(ForgedTokens.claims(adminId()), ForgedTokens.OTHER_SECRET));
        }

        @Test
        void refusesAnUnsignedTokenWithAlgNone() {
            assertRefused(ForgedTokens.unsigned(ForgedTokens.claims(adminId())));
        }

        @Test
        void refusesATokenWhoseSignatureWasStrippedOff() {
            assertRefused(ForgedTokens.strippedSignature(ForgedTokens.claims(adminId())));
        }

        @Test
        void refusesATokenForAnotherAudienceSignedWithThePortalsKey() {
            assertRefused(ForgedTokens.signed(
                    ForgedTokens.claims(adminId()).audience("another-service"), ForgedTokens.PORTAL_SECRET));
        }

        @Test
        void refusesATokenOfAnotherIssuerSignedWithThePortalsKey() {
            assertRefused(ForgedTokens.signed(
                    ForgedTokens.claims(adminId()).issuer("https://elsewhere.example.org"),
                    ForgedTokens.PORTAL_SECRET));
        }

        @Test
        void refusesATokenWithoutAudienceSignedWithThePortalsKey() {
            assertRefused(ForgedTokens.signed(
                    ForgedTokens.claims(adminId()).audience((String) null), ForgedTokens.PORTAL_SECRET));
        }

        @Test
        void refusesMalformedTokens() {
            assertRefused("not-a-token");
            assertRefused("a.b.c");
            assertRefused("pat_short");
        }

        @Test
        void refusesABadTokenEvenOnAnOpenRouteInsteadOfServingItAsAnonymous() {
            assertThat(anonymous.get("/api/documents?size=1").statusCode()).isEqualTo(200);

            assertProblem(anonymous.as("not-a-token").get("/api/documents?size=1"), 401, "unauthenticated");
        }

        @Test
        void letsABadTokenSignInAgain() {
            HttpResponse<String> answer = anonymous
                    .as("expired-or-whatever")
                    .json(
                            "POST",
                            "/api/auth/login",
                            "{\"username\": \"" + TestAccounts.ADMIN_EMAIL + "\", \"password\": \""
                                    + TestAccounts.ADMIN_PASSWORD + "\"}");

            assertThat(answer.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class RefusalsAreProblems {

        @Test
        void answersAnonymousOnAProtectedEndpointWith401ProblemAndAChallenge() {
            HttpResponse<String> answer = anonymous.get("/api/account");

            JsonNode problem = assertProblem(answer, 401, "unauthenticated");
            assertThat(problem.get("detail").asText()).contains("POST /api/auth/login");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"portal\"");
        }

        @Test
        void answersABrowserAskingForHtmlWithTheProblemNotARedirect() {
            String browser = "text/html,application/xhtml+xml,*/*;q=0.8";
            assertProblem(anonymous.get("/api/account", "Accept", browser), 401, "unauthenticated");
            assertProblem(api.get("/api/admin/accounts", "Accept", browser), 403, "forbidden");
        }

        @Test
        void answersATooLowRoleWith403ProblemNamingTheRole() {
            JsonNode problem = assertProblem(api.get("/api/admin/accounts"), 403, "forbidden");

            assertThat(problem.get("detail").asText()).contains("contributor");
        }

        @Test
        void answersAnonymousUploadWith401Problem() {
            assertProblem(anonymous.upload(new Api.Multipart().file("anonymous.txt", TEXT)), 401, "unauthenticated");
        }

        @Test
        void leavesMicronautsOwnLoginEndpointOff() {
            assertThat(anonymous
                            .json("POST", "/login", "{\"username\": \"a\", \"password\": \"b\"}")
                            .statusCode())
                    .isIn(404, 405);
        }
    }

    private void patch(String id, String body) {
        HttpResponse<String> answer =
                anonymous.as(TestAccounts.admin(anonymous)).json("PATCH", "/api/admin/accounts/" + id, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private void disable(String id) {
        patch(id, "{\"disabled\": true}");
    }
}
