package org.alima.portal.api.accounts;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.Test;

/** Personal API tokens: created once, listed without their secret, used as bearer tokens, revoked, expiring. */
@MicronautTest
class ApiTokensIT extends PortalTest {

    private final TestSql sql = TestSql.shared();

    private Api admin() {
        return anonymous.as(TestAccounts.admin(anonymous));
    }

    /** A new account with {@code role}, signed in. */
    private Owner owner(String role) {
        TestAccounts.Account account = TestAccounts.create(anonymous, role);
        return new Owner(account.id(), account.email(), anonymous.as(account.token()));
    }

    private static JsonNode create(Api api, String body) {
        HttpResponse<String> created = api.json("POST", "/api/account/tokens", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created);
    }

    @Test
    void createsATokenShownOnceThatActsAsItsAccount() {
        Owner owner = owner("contributor");

        HttpResponse<String> answer = owner.api()
                .json("POST", "/api/account/tokens", "{\"name\": \"nightly import\", \"expiresInDays\": 30}");

        assertThat(answer.statusCode()).isEqualTo(201);
        JsonNode created = read(answer);
        assertThat(answer.headers().firstValue("Location"))
                .hasValue("/api/account/tokens/" + created.get("id").asText());
        assertThat(created.get("name").asText()).isEqualTo("nightly import");
        String token = created.get("token").asText();
        assertThat(token).matches("pat_[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse(created.get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
        JsonNode me = read(anonymous.as(token).get("/api/account"));
        assertThat(me.get("id").asText()).isEqualTo(owner.id());
        assertThat(me.get("role").asText()).isEqualTo("contributor");
    }

    @Test
    void storesOnlyTheTokensHash() {
        Owner owner = owner("contributor");
        JsonNode created = create(owner.api(), "{\"name\": \"hash check\"}");
        String token = created.get("token").asText();

        Object stored = sql.value(
                "SELECT token_hash FROM api_tokens WHERE id = ?",
                UUID.fromString(created.get("id").asText()));

        assertThat(stored).isEqualTo(SignIn.hash(token));
        assertThat(sql.value("SELECT count(*) FROM api_tokens WHERE token_hash = ? OR prefix = ?", token, token))
                .isEqualTo(0L);
    }

    @Test
    void listsTokensWithTheirPrefixNeverTheirSecret() {
        Owner owner = owner("contributor");
        JsonNode created = create(owner.api(), "{\"name\": \"listed\"}");

        HttpResponse<String> answer = owner.api().get("/api/account/tokens");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(created.get("token").asText());
        JsonNode listed = read(answer).get(0);
        assertThat(listed.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(listed.get("name").asText()).isEqualTo("listed");
        assertThat(created.get("token").asText())
                .startsWith(listed.get("prefix").asText());
        assertThat(listed.get("prefix").asText()).hasSize(12);
        assertThat(listed.has("createdAt")).isTrue();
        assertThat(listed.get("expiresAt").asText())
                .isEqualTo(created.get("expiresAt").asText());
        assertThat(listed.get("lastUsedAt").isNull()).isTrue();
    }

    @Test
    void expiresInNinetyDaysUnlessToldOtherwise() {
        JsonNode created = create(api, "{\"name\": \"default expiry\"}");

        assertThat(Instant.parse(created.get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void refusesAnExpiryOutsideOneToThreeHundredSixtyFiveDaysAndAMissingName() {
        for (String body : new String[] {
            "{\"name\": \"zero\", \"expiresInDays\": 0}", "{\"name\": \"too long\", \"expiresInDays\": 366}"
        }) {
            assertThat(fields(assertProblem(api.json("POST", "/api/account/tokens", body), 400, "invalid-field")))
                    .containsExactly("expiresInDays");
        }
        assertThat(fields(assertProblem(api.json("POST", "/api/account/tokens", "{}"), 400, "invalid-field")))
                .containsExactly("name");
    }

    @Test
    void notesWhenATokenWasLastUsed() {
        Owner owner = owner("contributor");
        JsonNode created = create(owner.api(), "{\"name\": \"used\"}");

        anonymous.as(created.get("token").asText()).get("/api/account");

        JsonNode listed = read(owner.api().get("/api/account/tokens")).get(0);
        assertThat(Instant.parse(listed.get("lastUsedAt").asText()))
                .isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void actsWithTheAccountsRoleAsItIsAtEachUse() {
        Owner owner = owner("contributor");
        String token =
                create(owner.api(), "{\"name\": \"role follows\"}").get("token").asText();
        assertProblem(anonymous.as(token).get("/api/admin/accounts"), 403, "forbidden");

        admin().json("PATCH", "/api/admin/accounts/" + owner.id(), "{\"role\": \"admin\"}");

        assertThat(anonymous.as(token).get("/api/admin/accounts").statusCode()).isEqualTo(200);
        admin().json("PATCH", "/api/admin/accounts/" + owner.id(), "{\"role\": \"contributor\"}");
        assertProblem(anonymous.as(token).get("/api/admin/accounts"), 403, "forbidden");
    }

    @Test
    void ignoresAnAccountOrRoleInTheBody() {
        Owner owner = owner("contributor");
        Owner other = owner("curator");

        JsonNode created = create(
                owner.api(),
                "{\"name\": \"sneaky\", \"role\": \"admin\", \"roles\": [\"admin\"], \"accountId\": \"" + other.id()
                        + "\", \"owner\": {\"id\": \"" + other.id() + "\"}, \"id\": \"" + other.id() + "\"}");

        JsonNode me = read(anonymous.as(created.get("token").asText()).get("/api/account"));
        assertThat(me.get("id").asText()).isEqualTo(owner.id());
        assertThat(me.get("role").asText()).isEqualTo("contributor");
        assertThat(read(other.api().get("/api/account/tokens"))).isEmpty();
    }

    @Test
    void stopsWorkingOnceRevoked() {
        Owner owner = owner("contributor");
        JsonNode created = create(owner.api(), "{\"name\": \"to revoke\"}");
        String token = created.get("token").asText();

        HttpResponse<String> revoked =
                owner.api().delete("/api/account/tokens/" + created.get("id").asText());

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertProblem(anonymous.as(token).get("/api/account"), 401, "unauthenticated");
        assertThat(read(owner.api().get("/api/account/tokens"))).isEmpty();
        assertProblem(
                owner.api().delete("/api/account/tokens/" + created.get("id").asText()), 404, "not-found");
    }

    @Test
    void cannotRevokeAnotherAccountsToken() {
        Owner owner = owner("contributor");
        Owner other = owner("contributor");
        JsonNode created = create(owner.api(), "{\"name\": \"not yours\"}");

        assertProblem(
                other.api().delete("/api/account/tokens/" + created.get("id").asText()), 404, "not-found");

        assertThat(anonymous
                        .as(created.get("token").asText())
                        .get("/api/account")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void stopsWorkingOnceExpired() {
        Owner owner = owner("contributor");
        JsonNode created = create(owner.api(), "{\"name\": \"expiring\", \"expiresInDays\": 1}");
        sql.update(
                "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(created.get("id").asText()));

        assertProblem(anonymous.as(created.get("token").asText()).get("/api/account"), 401, "unauthenticated");
        // Still listed, so that its owner sees why a script stopped.
        assertThat(read(owner.api().get("/api/account/tokens")).get(0).get("id").asText())
                .isEqualTo(created.get("id").asText());
    }

    @Test
    void stopsWorkingWhenItsAccountIsDisabledAndStaysRevokedAfterwards() {
        Owner owner = owner("contributor");
        String token = create(owner.api(), "{\"name\": \"disabled owner\"}")
                .get("token")
                .asText();

        admin().json("PATCH", "/api/admin/accounts/" + owner.id(), "{\"disabled\": true}");
        assertProblem(anonymous.as(token).get("/api/account"), 401, "unauthenticated");
        admin().json("PATCH", "/api/admin/accounts/" + owner.id(), "{\"disabled\": false}");

        assertProblem(anonymous.as(token).get("/api/account"), 401, "unauthenticated");
    }

    @Test
    void refusesATokenThatWasNeverIssued() {
        String madeUp = "pat_" + "A".repeat(43);

        assertProblem(anonymous.as(madeUp).get("/api/account"), 401, "unauthenticated");
    }

    @Test
    void anApiTokenCannotMintTokensNorChangeThePassword() {
        Owner owner = owner("contributor");
        Api script = anonymous.as(
                create(owner.api(), "{\"name\": \"script\"}").get("token").asText());

        assertProblem(script.json("POST", "/api/account/tokens", "{\"name\": \"child\"}"), 403, "session-required");
        assertProblem(
                script.json(
                        "PUT",
                        "/api/account/password",
                        "{\"currentPassword\": \"" + TestAccounts.PASSWORD
                                + "\", \"newPassword\": \"a brand new passphrase\"}"),
                403,
                "session-required");
        assertThat(read(owner.api().get("/api/account/tokens"))).hasSize(1);
    }

    @Test
    void boundsTheUnrevokedTokensOfAnAccount() {
        Owner owner = owner("contributor");
        for (int i = 0; i < ApiTokens.MAX_PER_ACCOUNT; i++) {
            create(owner.api(), "{\"name\": \"token " + i + "\"}");
        }

        assertProblem(
                owner.api().json("POST", "/api/account/tokens", "{\"name\": \"one too many\"}"),
                409,
                "too-many-tokens");
    }

    @Test
    void letsAnAdministratorListAndRevokeAnAccountsTokens() {
        Owner owner = owner("contributor");
        JsonNode created = create(owner.api(), "{\"name\": \"reviewed by admin\"}");
        String id = created.get("id").asText();

        JsonNode listed = read(admin().get("/api/admin/accounts/" + owner.id() + "/tokens"));
        HttpResponse<String> revoked = admin().delete("/api/admin/accounts/" + owner.id() + "/tokens/" + id);

        assertThat(listed).extracting(token -> token.get("id").asText()).containsExactly(id);
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertProblem(anonymous.as(created.get("token").asText()).get("/api/account"), 401, "unauthenticated");
        assertProblem(admin().delete("/api/admin/accounts/" + owner.id() + "/tokens/" + id), 404, "not-found");
    }

    @Test
    void keepsOtherAccountsTokensFromCuratorsAndContributors() {
        Owner owner = owner("contributor");
        String path = "/api/admin/accounts/" + owner.id() + "/tokens";

        assertProblem(owner("curator").api().get(path), 403, "forbidden");
        assertProblem(api.get(path), 403, "forbidden");
        assertProblem(anonymous.get(path), 401, "unauthenticated");
    }

    @Test
    void recordsCreationAndRevocationInTheAuditLog() {
        Owner owner = owner("contributor");
        JsonNode created = create(owner.api(), "{\"name\": \"audited\"}");
        owner.api().delete("/api/account/tokens/" + created.get("id").asText());

        JsonNode items =
                read(admin().get("/api/admin/audit?target=" + owner.id())).get("items");

        assertThat(items).extracting(item -> item.get("action").asText()).startsWith("token.revoke", "token.create");
        JsonNode creation = items.get(1);
        assertThat(creation.get("actorId").asText()).isEqualTo(owner.id());
        assertThat(creation.get("actorEmail").asText()).isEqualTo(owner.email());
        assertThat(creation.at("/detail/tokenId").asText())
                .isEqualTo(created.get("id").asText());
        assertThat(creation.at("/detail/name").asText()).isEqualTo("audited");
        assertThat(items.toString()).doesNotContain(created.get("token").asText());
    }

    private record Owner(String id, String email, Api api) {}
}
