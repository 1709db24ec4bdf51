package org.alima.portal.api.audit;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading the audit log: administrators only, newest first, filtered, a page at a time. */
@MicronautTest
class AuditLogIT extends PortalTest {

    private Api admin;
    private String adminId;
    private TestAccounts.Account subject;

    /** One account taken through five changes: created, renamed, made curator, disabled, enabled. */
    @BeforeAll
    void changeAnAccount() {
        Api anonymous = new Api(server.getURI());
        admin = anonymous.as(TestAccounts.admin(anonymous));
        adminId = read(admin.get("/api/account")).get("id").asText();
        subject = TestAccounts.create(anonymous, "contributor");
        for (String change : List.of(
                "{\"displayName\": \"Audited person\"}",
                "{\"role\": \"curator\"}",
                "{\"disabled\": true}",
                "{\"disabled\": false}")) {
            HttpResponse<String> answer = admin.json("PATCH", "/api/admin/accounts/" + subject.id(), change);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    private JsonNode page(String query) {
        HttpResponse<String> answer = admin.get("/api/admin/audit?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return read(answer);
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("items").forEach(item -> actions.add(item.get("action").asText()));
        return actions;
    }

    @Test
    void listsAnAccountsHistoryNewestFirst() {
        JsonNode page = page("action=account&target=" + subject.id());

        assertThat(actions(page))
                .containsExactly(
                        "account.enable", "account.disable", "account.role_change", "account.rename", "account.create");
        JsonNode newest = page.get("items").get(0);
        JsonNode oldest = page.get("items").get(4);
        assertThat(Instant.parse(newest.get("at").asText()))
                .isAfterOrEqualTo(Instant.parse(oldest.get("at").asText()));
        assertThat(oldest.at("/detail/email").asText()).isEqualTo(subject.email());
        assertThat(oldest.at("/detail/via").asText()).isEqualTo("admin");
        assertThat(newest.get("targetId").asText()).isEqualTo(subject.id());
        assertThat(newest.get("id").asText()).isNotBlank();
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void pagesWithTheCursorWithoutOverlapOrGap() {
        JsonNode first = page("action=account&target=" + subject.id() + "&size=2");
        JsonNode second = page("action=account&target=" + subject.id() + "&size=2&before="
                + first.get("next").asText());
        JsonNode third = page("action=account&target=" + subject.id() + "&size=2&before="
                + second.get("next").asText());

        List<String> all = new ArrayList<>(actions(first));
        all.addAll(actions(second));
        all.addAll(actions(third));
        assertThat(all)
                .containsExactly(
                        "account.enable", "account.disable", "account.role_change", "account.rename", "account.create");
        assertThat(third.get("next").isNull()).isTrue();
    }

    @Test
    void filtersByExactActionOrByFamily() {
        assertThat(actions(page("target=" + subject.id() + "&action=account.disable")))
                .containsExactly("account.disable");
        assertThat(actions(page("target=" + subject.id() + "&action=account")))
                .hasSize(5)
                .allMatch(action -> action.startsWith("account."));
        assertThat(actions(page("target=" + subject.id() + "&action=token"))).isEmpty();
    }

    @Test
    void filtersByActorIdOrEmail() {
        JsonNode byId = page("action=account&target=" + subject.id() + "&actor=" + adminId);
        JsonNode byEmail = page("action=account&target=" + subject.id() + "&actor="
                + Api.encode(TestAccounts.ADMIN_EMAIL.toUpperCase(java.util.Locale.ROOT)));
        JsonNode bySomeoneElse = page("action=account&target=" + subject.id() + "&actor=" + subject.id());

        assertThat(actions(byId)).hasSize(5);
        assertThat(actions(byEmail)).hasSize(5);
        assertThat(actions(bySomeoneElse)).isEmpty();
        byId.get("items")
                .forEach(item -> assertThat(item.get("actorEmail").asText()).isEqualTo(TestAccounts.ADMIN_EMAIL));
    }

    @Test
    void refusesParametersOutOfBounds() {
        assertThat(fields(assertProblem(admin.get("/api/admin/audit?size=0"), 400, "invalid-field")))
                .containsExactly("size");
        assertThat(fields(assertProblem(admin.get("/api/admin/audit?size=101"), 400, "invalid-field")))
                .containsExactly("size");
        assertThat(fields(assertProblem(
                        admin.get("/api/admin/audit?before=yesterday&action=DROP"), 400, "invalid-field")))
                .containsExactlyInAnyOrder("before", "action");
    }

    @Test
    void isForAdministratorsOnly() {
        Api curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());

        assertProblem(curator.get("/api/admin/audit"), 403, "forbidden");
        assertProblem(api.get("/api/admin/audit"), 403, "forbidden");
        assertProblem(anonymous.get("/api/admin/audit"), 401, "unauthenticated");
    }
}
