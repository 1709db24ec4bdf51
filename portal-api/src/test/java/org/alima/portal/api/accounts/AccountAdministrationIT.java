package org.alima.portal.api.accounts;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Administrators changing accounts, and everyone changing their own password. On a database of its own, so that the
 * first administrator of application-test.yml is the only one.
 */
@MicronautTest
class AccountAdministrationIT extends PortalTest {

    private final TestSql sql = TestSql.fresh();

    @Override
    public Map<String, String> getProperties() {
        return sql.properties();
    }

    private Api admin() {
        return anonymous.as(TestAccounts.admin(anonymous));
    }

    private String adminId() {
        return read(admin().get("/api/account")).get("id").asText();
    }

    private HttpResponse<String> patch(Api as, String id, String body) {
        return as.json("PATCH", "/api/admin/accounts/" + id, body);
    }

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

    private JsonNode audit(String query) {
        HttpResponse<String> answer = admin().get("/api/admin/audit?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return read(answer).get("items");
    }

    @Nested
    class Changes {

        @Test
        void changesTheRoleAndRecordsWhoDidIt() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");

            HttpResponse<String> answer = patch(admin(), target.id(), "{\"role\": \"curator\"}");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(read(answer).get("role").asText()).isEqualTo("curator");
            assertThat(read(admin().get("/api/admin/accounts/" + target.id()))
                            .get("role")
                            .asText())
                    .isEqualTo("curator");
            JsonNode change =
                    audit("action=account.role_change&target=" + target.id()).get(0);
            assertThat(change.get("actorId").asText()).isEqualTo(adminId());
            assertThat(change.get("actorEmail").asText()).isEqualTo(TestAccounts.ADMIN_EMAIL);
            assertThat(change.get("targetType").asText()).isEqualTo("account");
            assertThat(change.at("/detail/from").asText()).isEqualTo("contributor");
            assertThat(change.at("/detail/to").asText()).isEqualTo("curator");
        }

        @Test
        void changesOnlyTheFieldsGivenAndIgnoresOthers() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "curator");

            HttpResponse<String> answer = patch(
                    admin(),
                    target.id(),
                    "{\"displayName\": \"  Dr Awa Diallo \", \"email\": \"changed@portal.test\", \"password\":"
                            + " \"a sneaky new passphrase\", \"id\": \"" + UUID.randomUUID() + "\"}");

            JsonNode account = read(answer);
            assertThat(account.get("displayName").asText()).isEqualTo("Dr Awa Diallo");
            assertThat(account.get("role").asText()).isEqualTo("curator");
            assertThat(account.get("disabled").asBoolean()).isFalse();
            assertThat(account.get("email").asText()).isEqualTo(target.email());
            assertThat(account.get("id").asText()).isEqualTo(target.id());
            assertThat(login(target.email(), TestAccounts.PASSWORD).statusCode())
                    .isEqualTo(200);
            assertThat(audit("action=account.rename&target=" + target.id())
                            .get(0)
                            .at("/detail/to")
                            .asText())
                    .isEqualTo("Dr Awa Diallo");
        }

        @Test
        void refusesAnUnknownRoleAndABlankName() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");

            JsonNode problem = assertProblem(
                    patch(admin(), target.id(), "{\"role\": \"superuser\", \"displayName\": \"   \"}"),
                    400,
                    "invalid-field");

            assertThat(fields(problem)).containsExactlyInAnyOrder("role", "displayName");
        }

        @Test
        void answers404ForAnUnknownAccountAnd400ForAMalformedId() {
            assertProblem(patch(admin(), UUID.randomUUID().toString(), "{\"role\": \"curator\"}"), 404, "not-found");
            assertProblem(patch(admin(), "not-an-id", "{\"role\": \"curator\"}"), 400, "invalid-field");
        }

        @Test
        void isForAdministratorsOnly() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");
            Api curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());

            assertProblem(patch(curator, target.id(), "{\"role\": \"admin\"}"), 403, "forbidden");
            assertProblem(patch(api, target.id(), "{\"role\": \"admin\"}"), 403, "forbidden");
            assertProblem(patch(anonymous, target.id(), "{\"role\": \"admin\"}"), 401, "unauthenticated");
        }
    }

    @Nested
    class Disabling {

        @Test
        void stopsSignInAndRenewalAndRecordsIt() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");
            String refreshToken = read(login(target.email(), TestAccounts.PASSWORD))
                    .get("refresh_token")
                    .asText();

            HttpResponse<String> answer = patch(admin(), target.id(), "{\"disabled\": true}");

            assertThat(read(answer).get("disabled").asBoolean()).isTrue();
            assertProblem(login(target.email(), TestAccounts.PASSWORD), 401, "bad-credentials");
            assertProblem(refresh(refreshToken), 400, "invalid-grant");
            JsonNode disabled =
                    audit("action=account.disable&target=" + target.id()).get(0);
            assertThat(disabled.at("/detail/refreshTokensRevoked").asInt()).isGreaterThanOrEqualTo(2);
        }

        @Test
        void enablingLetsTheAccountSignInAgainButNotRenewOldSessions() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");
            String refreshToken = read(login(target.email(), TestAccounts.PASSWORD))
                    .get("refresh_token")
                    .asText();
            patch(admin(), target.id(), "{\"disabled\": true}");

            patch(admin(), target.id(), "{\"disabled\": false}");

            assertThat(login(target.email(), TestAccounts.PASSWORD).statusCode())
                    .isEqualTo(200);
            assertProblem(refresh(refreshToken), 400, "invalid-grant");
            assertThat(audit("action=account&target=" + target.id()))
                    .extracting(item -> item.get("action").asText())
                    .startsWith("account.enable", "account.disable");
        }
    }

    @Nested
    class LastAdministrator {

        @Test
        void cannotDemoteNorDisableTheLastEnabledAdministrator() {
            String self = adminId();

            JsonNode problem = assertProblem(patch(admin(), self, "{\"role\": \"curator\"}"), 409, "last-admin");
            assertProblem(patch(admin(), self, "{\"disabled\": true}"), 409, "last-admin");

            assertThat(problem.get("detail").asText()).contains("another account an administrator");
            assertThat(read(admin().get("/api/account")).get("role").asText()).isEqualTo("admin");
        }

        @Test
        void anAdministratorMayStepDownWhenAnotherRemains() {
            String first = adminId();
            TestAccounts.Account second = TestAccounts.create(anonymous, "admin");
            Api secondAdmin = anonymous.as(second.token());
            try {
                assertThat(patch(admin(), first, "{\"role\": \"curator\"}").statusCode())
                        .isEqualTo(200);

                // The second is now the only one left.
                assertProblem(patch(secondAdmin, second.id(), "{\"role\": \"contributor\"}"), 409, "last-admin");
                assertProblem(patch(secondAdmin, second.id(), "{\"disabled\": true}"), 409, "last-admin");
            } finally {
                assertThat(patch(secondAdmin, first, "{\"role\": \"admin\"}").statusCode())
                        .isEqualTo(200);
                assertThat(patch(admin(), second.id(), "{\"disabled\": true}").statusCode())
                        .isEqualTo(200);
            }
        }

        @Test
        void aDisabledAdministratorDoesNotCountAsOneRemaining() {
            TestAccounts.Account other = TestAccounts.create(anonymous, "admin");
            patch(admin(), other.id(), "{\"disabled\": true}");

            assertProblem(patch(admin(), adminId(), "{\"role\": \"curator\"}"), 409, "last-admin");
        }
    }

    @Nested
    class OwnPassword {

        private HttpResponse<String> change(Api as, String current, String next) {
            return as.json(
                    "PUT",
                    "/api/account/password",
                    "{\"currentPassword\": \"" + current + "\", \"newPassword\": \"" + next + "\"}");
        }

        @Test
        void changesThePasswordAndEndsTheOtherSessionsOnly() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");
            JsonNode here = read(login(target.email(), TestAccounts.PASSWORD));
            JsonNode elsewhere = read(login(target.email(), TestAccounts.PASSWORD));

            HttpResponse<String> answer = change(
                    anonymous.as(here.get("access_token").asText()),
                    TestAccounts.PASSWORD,
                    "a completely new passphrase");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
            assertProblem(login(target.email(), TestAccounts.PASSWORD), 401, "bad-credentials");
            assertThat(login(target.email(), "a completely new passphrase").statusCode())
                    .isEqualTo(200);
            assertThat(refresh(here.get("refresh_token").asText()).statusCode()).isEqualTo(200);
            assertProblem(refresh(elsewhere.get("refresh_token").asText()), 400, "invalid-grant");
            JsonNode changed = audit("action=account.password_change&target=" + target.id())
                    .get(0);
            assertThat(changed.get("actorId").asText()).isEqualTo(target.id());
            assertThat(changed.at("/detail/otherSessionsEnded").asInt()).isGreaterThanOrEqualTo(2);
        }

        @Test
        void refusesAWrongCurrentPasswordClearlyWithout401() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");

            JsonNode problem = assertProblem(
                    change(anonymous.as(target.token()), "not my passphrase", "a completely new passphrase"),
                    400,
                    "wrong-password");

            assertThat(fields(problem)).containsExactly("currentPassword");
            assertThat(login(target.email(), TestAccounts.PASSWORD).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void refusesAWeakOrUnchangedNewPassword() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");
            Api self = anonymous.as(target.token());

            assertThat(fields(assertProblem(change(self, TestAccounts.PASSWORD, "short"), 400, "invalid-field")))
                    .containsExactly("newPassword");
            assertThat(fields(assertProblem(
                            change(self, TestAccounts.PASSWORD, TestAccounts.PASSWORD), 400, "invalid-field")))
                    .containsExactly("newPassword");
        }

        @Test
        void throttlesRepeatedWrongCurrentPasswords() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");
            Api self = anonymous.as(target.token());
            for (int i = 0; i < 5; i++) {
                assertProblem(change(self, "guess number " + i, "a completely new passphrase"), 400, "wrong-password");
            }

            assertProblem(change(self, TestAccounts.PASSWORD, "a completely new passphrase"), 429, "too-many-attempts");
        }

        @Test
        void ignoresARoleOrAnotherAccountInTheBody() {
            TestAccounts.Account target = TestAccounts.create(anonymous, "contributor");
            TestAccounts.Account other = TestAccounts.create(anonymous, "contributor");

            HttpResponse<String> answer = anonymous
                    .as(target.token())
                    .json(
                            "PUT",
                            "/api/account/password",
                            "{\"currentPassword\": \"" + TestAccounts.PASSWORD + "\", \"newPassword\": \"another new"
                                    + " passphrase\", \"role\": \"admin\", \"id\": \"" + other.id()
                                    + "\", \"accountId\": \"" + other.id() + "\"}");

            assertThat(answer.statusCode()).isEqualTo(204);
            JsonNode tokens = read(login(target.email(), "another new passphrase"));
            assertThat(tokens.get("roles")).extracting(JsonNode::asText).containsExactly("contributor");
            assertThat(login(other.email(), TestAccounts.PASSWORD).statusCode()).isEqualTo(200);
        }

        @Test
        void refusesToChangeTheRoleOrIdThroughTheAccountPage() {
            Api self =
                    anonymous.as(TestAccounts.create(anonymous, "contributor").token());

            for (String method : List.of("PUT", "PATCH", "POST")) {
                HttpResponse<String> answer = self.json(method, "/api/account", "{\"role\": \"admin\"}");
                assertThat(answer.statusCode()).as(method).isEqualTo(405);
            }
            assertThat(read(self.get("/api/account")).get("role").asText()).isEqualTo("contributor");
        }

        @Test
        void tellsAnExternalProvidersAccountItHasNoPortalPassword() {
            String id = UUID.randomUUID().toString();
            sql.update(
                    "INSERT INTO accounts (id, email, display_name, role, oidc_provider, oidc_subject)"
                            + " VALUES (?::uuid, ?, 'External', 'contributor', 'keycloak', ?)",
                    id,
                    "external-" + id + "@portal.test",
                    id);
            String token = ForgedTokens.signed(
                    ForgedTokens.claims(id).claim("roles", List.of("contributor")), ForgedTokens.PORTAL_SECRET);

            assertProblem(
                    change(anonymous.as(token), "anything at all", "a completely new passphrase"),
                    409,
                    "no-local-password");
        }
    }
}
