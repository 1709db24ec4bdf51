package org.alima.portal.api.accounts;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
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

    @Inject
    AccountRepository accounts;

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

    /** The refresh token of a sign-in's or a renewal's answer, which must be a success. */
    private static String refreshToken(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String token = read(answer).path("refresh_token").asText();
        assertThat(token).isNotBlank();
        return token;
    }

    private static long liveTokens(TestAccounts.Account account) {
        return (Long) TestSql.shared()
                .value(
                        "SELECT count(*) FROM refresh_tokens WHERE account_id = ?::uuid AND revoked_at IS NULL",
                        account.id());
    }

    /** Moves the account's refresh tokens back in time, as if handed out {@code days} ago (expiry unchanged). */
    private static void handedOutDaysAgo(TestAccounts.Account account, int days) {
        TestSql.shared()
                .update(
                        "UPDATE refresh_tokens SET created_at = now() - make_interval(days => ?) WHERE account_id ="
                                + " ?::uuid",
                        days,
                        account.id());
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
        void handsOutOneRefreshTokenAtSignIn() {
            TestAccounts.Account target = account("contributor");
            long before = liveTokens(target);

            refreshToken(login(target.email(), TestAccounts.PASSWORD));

            // A generator once called itself without end, storing a token each time, and the sign-in hung.
            assertThat(liveTokens(target)).isEqualTo(before + 1);
        }

        @Test
        void rotatesTheRefreshTokenOnEveryUse() {
            TestAccounts.Account target = account("contributor");
            long before = liveTokens(target);
            String first = refreshToken(login(target.email(), TestAccounts.PASSWORD));

            String second = refreshToken(refresh(first));
            String third = refreshToken(refresh(second));

            assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
            assertThat(liveTokens(target))
                    .as("only the newest of the session lives")
                    .isEqualTo(before + 1);
            assertThat(read(refresh(third)).get("roles"))
                    .extracting(JsonNode::asText)
                    .contains("contributor");
        }

        @Test
        void aUsedRefreshTokenPresentedAgainEndsItsWholeSessionAndIsAudited() {
            TestAccounts.Account target = account("contributor");
            String stolen = refreshToken(login(target.email(), TestAccounts.PASSWORD));
            String owners = refreshToken(refresh(stolen));
            String otherSession = refreshToken(login(target.email(), TestAccounts.PASSWORD));

            // The thief replays the copy it took: refused, and the owner's current token dies with it.
            assertProblem(refresh(stolen), 400, "invalid-grant");

            assertProblem(refresh(owners), 400, "invalid-grant");
            assertThat(refresh(otherSession).statusCode())
                    .as("another sign-in of the account goes on")
                    .isEqualTo(200);
            JsonNode reuse = read(anonymous
                            .as(TestAccounts.admin(anonymous))
                            .get("/api/admin/audit?action=auth.refresh_reuse&target=" + target.id()))
                    .get("items");
            assertThat(reuse).hasSize(1);
            assertThat(reuse.get(0).at("/detail/revoked").asInt()).isEqualTo(1);
            assertThat(reuse.get(0).at("/detail/session").asText()).isNotBlank();
        }

        @Test
        void endsASessionLeftIdleLongerThanTheIdleTimeout() {
            TestAccounts.Account active = account("contributor");
            TestAccounts.Account idle = account("contributor");
            String activeToken = refreshToken(login(active.email(), TestAccounts.PASSWORD));
            String idleToken = refreshToken(login(idle.email(), TestAccounts.PASSWORD));
            // portal.accounts.refresh-idle-timeout: 7 days since the session's last renewal.
            handedOutDaysAgo(active, 6);
            handedOutDaysAgo(idle, 8);

            assertThat(refresh(activeToken).statusCode()).isEqualTo(200);
            assertProblem(refresh(idleToken), 400, "invalid-grant");
        }

        @Test
        void renewingNeverExtendsTheSessionBeyondItsLifetime() {
            TestAccounts.Account target = account("contributor");
            String first = refreshToken(login(target.email(), TestAccounts.PASSWORD));
            // As if the sign-in had been 30 days less one hour ago.
            TestSql.shared()
                    .update(
                            "UPDATE refresh_tokens SET expires_at = now() + interval '1 hour' WHERE account_id ="
                                    + " ?::uuid",
                            target.id());

            refreshToken(refresh(refreshToken(refresh(first))));

            Object latest = TestSql.shared()
                    .value(
                            "SELECT expires_at - now() <= interval '1 hour' FROM refresh_tokens WHERE account_id ="
                                    + " ?::uuid ORDER BY created_at DESC LIMIT 1",
                            target.id());
            assertThat(latest).as("the newest token ends with the session").isEqualTo(true);
        }

        @Test
        void aRenewalFinishingAfterItsSessionEndedKeepsNoLiveToken() {
            TestAccounts.Account target = account("contributor");
            long before = liveTokens(target);
            String stolen = refreshToken(login(target.email(), TestAccounts.PASSWORD));
            refreshToken(refresh(stolen));
            UUID session = (UUID) TestSql.shared()
                    .value("SELECT DISTINCT session_id FROM refresh_tokens WHERE account_id = ?::uuid", target.id());
            assertProblem(refresh(stolen), 400, "invalid-grant");

            // The owner's renewal that was under way when the replay ended the session stores its token only now.
            accounts.storeRefreshToken(
                    UUID.fromString(target.id()),
                    SignIn.hash("late-" + UUID.randomUUID()),
                    Instant.now().plus(Duration.ofDays(30)),
                    session);

            assertThat(liveTokens(target)).isEqualTo(before);
        }

        @Test
        void signingOutWithARenewedTokenEndsTheSession() {
            TestAccounts.Account target = account("contributor");
            long before = liveTokens(target);
            String renewed = refreshToken(refresh(refreshToken(login(target.email(), TestAccounts.PASSWORD))));

            anonymous.json("POST", "/api/auth/logout", "{\"refresh_token\": \"" + renewed + "\"}");

            assertProblem(refresh(renewed), 400, "invalid-grant");
            assertThat(liveTokens(target)).isEqualTo(before);
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
