package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.encode;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The road from draft to published over HTTP, with the real worker, index and database. */
@MicronautTest(transactional = false)
class PublicationWorkflowIT extends PortalTest {

    private static final Duration SEARCH = Duration.ofSeconds(30);

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    JdbcOperations jdbc;

    private Api curator;
    private Api other;
    private String ownerId;
    private String curatorId;

    @BeforeEach
    void signInTheOthers() {
        if (curator == null) {
            TestAccounts.Account account = TestAccounts.create(anonymous, "curator");
            curator = anonymous.as(account.token());
            curatorId = account.id();
            other = TestAccounts.contributor(server.getURI());
        }
        ownerId = read(api.get("/api/account")).get("id").asText();
    }

    @Nested
    class Lifecycle {

        @Test
        void takesADraftThroughReturnAndPublicationToWithdrawalAndRecordsEachStep() {
            String word = uniqueWord();
            String id = TestDocuments.draft(
                    api,
                    "Field notes " + word,
                    "{\"title\": \"Rapport " + word + "\", \"type\": \"report\", \"language\": \"en\"}");

            JsonNode draft = read(api.get("/api/documents/" + id));
            assertThat(draft.get("status").asText()).isEqualTo("draft");
            assertThat(draft.at("/owner/id").asText()).isEqualTo(ownerId);
            assertThat(texts(draft.get("actions"))).containsExactly("edit", "submit", "delete");
            TestDocuments.awaitSearchable(api, id);
            assertThat(anonymous.finds(word, id)).as("a draft is not public").isFalse();
            assertThat(api.finds(word, id)).as("its owner finds it").isTrue();

            JsonNode submitted = TestDocuments.transition(api, id, "submit", "");
            assertThat(submitted.get("status").asText()).isEqualTo("submitted");
            assertThat(submitted.get("actions")).isEmpty();
            JsonNode refused = assertProblem(
                    api.json("PATCH", "/api/documents/" + id, "{\"title\": \"Too late\"}"), 409, "invalid-transition");
            assertThat(refused.get("detail").asText()).contains("its status is submitted");
            assertThat(texts(read(curator.get("/api/documents/" + id)).get("actions")))
                    .containsExactly("edit", "publish", "return");

            JsonNode returned = TestDocuments.transition(
                    curator, id, "return", "{\"comment\": \"Ajoutez la taille de l'échantillon.\"}");
            assertThat(returned.get("status").asText()).isEqualTo("draft");
            assertThat(read(api.get("/api/documents/" + id))
                            .get("returnComment")
                            .asText())
                    .isEqualTo("Ajoutez la taille de l'échantillon.");

            HttpResponse<String> edited =
                    api.json("PATCH", "/api/documents/" + id, "{\"abstract\": \"n = 240 children\"}");
            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
            JsonNode resubmitted = TestDocuments.transition(api, id, "submit", "");
            assertThat(resubmitted.get("returnComment").asText())
                    .as("kept for the curator's second look")
                    .isEqualTo("Ajoutez la taille de l'échantillon.");

            JsonNode published = TestDocuments.publish(curator, id);
            assertThat(published.get("status").asText()).isEqualTo("published");
            assertThat(published.get("returnComment").isNull()).isTrue();
            assertThat(published.get("publishedAt").asText()).isNotBlank();
            TestDocuments.awaitSearchable(curator, id);
            assertThat(anonymous.finds(word, id))
                    .as("published: everyone finds it")
                    .isTrue();
            assertThat(texts(read(api.get("/api/documents/" + id)).get("actions")))
                    .containsExactly("withdraw", "newVersion");

            JsonNode withdrawn =
                    TestDocuments.transition(api, id, "withdraw", "{\"reason\": \"Une erreur de dosage page 3\"}");
            assertThat(withdrawn.get("status").asText()).isEqualTo("withdrawn");
            JsonNode tombstone = read(anonymous.get("/api/documents/" + id));
            assertThat(tombstone.get("withdrawnReason").asText()).isEqualTo("Une erreur de dosage page 3");
            assertThat(tombstone.get("file").isNull()).isTrue();
            assertProblem(anonymous.get("/api/documents/" + id + "/file"), 410, "document-withdrawn");
            assertThat(api.getBytes("/api/documents/" + id + "/file").statusCode())
                    .isEqualTo(200);
            awaitNotFound(curator, word, id);
            assertThat(api.finds(word, id)).isFalse();

            assertThat(audit(id))
                    .containsExactly(
                            "document.upload by " + ownerId,
                            "document.submit by " + ownerId,
                            "document.return by " + curatorId,
                            "document.edit by " + ownerId,
                            "document.submit by " + ownerId,
                            "document.publish by " + curatorId,
                            "document.withdraw by " + ownerId);
        }

        @Test
        void publishesADraftDirectlyWhenACuratorDoesAndRecordsTheStatusItCameFrom() {
            String id = TestDocuments.draft(api, "notes " + uniqueWord(), null);

            TestDocuments.publish(curator, id);

            assertThat(detail(id, "document.publish")).contains("\"from\": \"draft\"");
        }

        @Test
        void retriesAFailedExtractionAndRecordsIt() {
            String id = api.uploadAccepted("scan.pdf", org.alima.portal.api.TestPdfs.pages(true), null);
            JsonNode failed = TestDocuments.awaitSettled(api, id);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(texts(read(api.get("/api/documents/" + id)).get("actions")))
                    .contains("retry");

            JsonNode retried = TestDocuments.transition(api, id, "retry", "");

            assertThat(retried.at("/file/extractionStatus").asText()).isIn("queued", "extracting", "failed");
            JsonNode again = TestDocuments.awaitSettled(api, id);
            assertThat(again.get("status").asText())
                    .as("a scan fails the same way")
                    .isEqualTo("failed");
            assertThat(again.get("attempts").asInt()).as("a new job").isEqualTo(1);
            assertThat(audit(id)).contains("document.retry by " + ownerId);
        }

        @Test
        void deletesAnOwnDraftAndRecordsWhatItWas() {
            String id = TestDocuments.draft(api, "notes " + uniqueWord(), "{\"title\": \"Brouillon\"}");

            assertThat(api.delete("/api/documents/" + id).statusCode()).isEqualTo(204);

            assertProblem(api.get("/api/documents/" + id), 404, "not-found");
            assertThat(detail(id, "document.delete"))
                    .contains("\"title\": \"Brouillon\"")
                    .contains("draft");
        }
    }

    @Nested
    class Versions {

        @Test
        void supersedesThePublishedVersionOnceTheNewOneIsPublished() {
            String word = uniqueWord();
            String v1 = TestDocuments.published(
                    api,
                    curator,
                    "Procédure " + word + " version une",
                    "{\"title\": \"PON " + word + "\", \"type\": \"operating_procedure\", \"language\": \"fr\","
                            + " \"effectiveDate\": \"2023-01-01\", \"reviewDueDate\": \"2025-01-01\"}");

            String v2 = newVersion(api, v1, "{\"title\": \"PON " + word + " (2)\"}", "Procédure " + word + " deux");

            JsonNode second = read(api.get("/api/documents/" + v2));
            assertThat(second.get("status").asText()).isEqualTo("draft");
            assertThat(second.get("version").asInt()).isEqualTo(2);
            assertThat(second.get("supersedes").asText()).isEqualTo(v1);
            assertThat(second.get("title").asText()).isEqualTo("PON " + word + " (2)");
            assertThat(second.get("type").asText()).as("copied").isEqualTo("operating_procedure");
            assertThat(second.get("effectiveDate").asText()).as("copied").isEqualTo("2023-01-01");
            JsonNode first = read(anonymous.get("/api/documents/" + v1));
            assertThat(first.get("supersededBy").isNull())
                    .as("not before the new one is published")
                    .isTrue();
            assertThat(first.get("latestVersionId").asText()).isEqualTo(v1);
            assertProblem(api.upload("/api/documents/" + v1 + "/versions", file("another")), 409, "invalid-transition");

            TestDocuments.publish(curator, v2);
            TestDocuments.awaitSearchable(curator, v2);
            TestDocuments.awaitSearchable(curator, v1);

            JsonNode superseded = read(anonymous.get("/api/documents/" + v1));
            assertThat(superseded.get("supersededBy").asText()).isEqualTo(v2);
            assertThat(superseded.get("latestVersionId").asText()).isEqualTo(v2);
            assertThat(ids(anonymous, "q=" + word)).containsExactly(v2);
            assertThat(ids(anonymous, "q=" + word + "&includeSuperseded=true")).containsExactlyInAnyOrder(v1, v2);

            String v3 = newVersion(curator, v2, null, "Procédure " + word + " trois");
            TestDocuments.publish(curator, v3);
            assertThat(read(anonymous.get("/api/documents/" + v1))
                            .get("latestVersionId")
                            .asText())
                    .isEqualTo(v3);
            assertThat(read(anonymous.get("/api/documents/" + v1))
                            .get("supersededBy")
                            .asText())
                    .isEqualTo(v2);
            assertThat(read(curator.get("/api/documents/" + v3)).at("/owner/id").asText())
                    .as("a new version belongs to whoever uploaded it")
                    .isEqualTo(curatorId);

            TestDocuments.transition(curator, v3, "withdraw", "{\"reason\": \"Wrong dosage\"}");
            TestDocuments.awaitSettled(curator, v2);
            assertThat(read(anonymous.get("/api/documents/" + v2))
                            .get("supersededBy")
                            .isNull())
                    .as("current again once its successor is withdrawn")
                    .isTrue();
            awaitIds(anonymous, "q=" + word, List.of(v2));
            assertThat(detail(v3, "document.new_version")).contains("\"supersedes\": \"" + v2 + "\"");
        }

        @Test
        void answers404ForANewVersionOfAnotherContributorsDraft() {
            String draft = TestDocuments.draft(api, "notes " + uniqueWord(), null);

            assertProblem(other.upload("/api/documents/" + draft + "/versions", file("x")), 404, "not-found");
        }
    }

    @Nested
    class RefusedBodies {

        @Test
        void refusesAStatusOwnerOrSupersededVersionInAnEditNamingTheField() {
            String id = TestDocuments.draft(api, "notes " + uniqueWord(), "{\"title\": \"Mine\"}");
            String path = "/api/documents/" + id;

            JsonNode status = assertProblem(
                    api.json("PUT", path, "{\"title\": \"Mine\", \"status\": \"published\"}"), 400, "invalid-field");
            JsonNode owner = assertProblem(
                    api.json("PATCH", path, "{\"owner\": {\"id\": \"" + UUID.randomUUID() + "\"}}"),
                    400,
                    "invalid-field");
            JsonNode both = assertProblem(
                    curator.json("PATCH", path, "{\"ownerId\": \"" + curatorId + "\", \"supersedes\": \"" + id + "\"}"),
                    400,
                    "invalid-field");

            assertThat(fields(status)).containsExactly("status");
            assertThat(status.at("/errors/0/message").asText()).contains("/submit");
            assertThat(fields(owner)).containsExactly("owner");
            assertThat(fields(both)).containsExactly("ownerId", "supersedes");
            JsonNode unchanged = read(api.get(path));
            assertThat(unchanged.get("status").asText()).isEqualTo("draft");
            assertThat(unchanged.at("/owner/id").asText()).isEqualTo(ownerId);
        }

        @Test
        void refusesAStatusInTheMetadataOfAnUpload() {
            HttpResponse<String> response = api.upload(new Api.Multipart()
                    .metadata("{\"title\": \"Published at once\", \"status\": \"published\"}")
                    .file("x.txt", ("x " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));

            assertThat(fields(assertProblem(response, 400, "invalid-field"))).containsExactly("status");
        }
    }

    @Nested
    class OperatingProcedures {

        @Test
        void refusesAReviewDueBeforeTheEffectiveDateAndDatesOnOtherTypes() {
            HttpResponse<String> early = api.upload(new Api.Multipart()
                    .metadata("{\"type\": \"operating_procedure\", \"effectiveDate\": \"2024-03-01\","
                            + " \"reviewDueDate\": \"2024-02-28\"}")
                    .file("x.txt", ("x " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> protocol = api.upload(new Api.Multipart()
                    .metadata("{\"type\": \"protocol\", \"effectiveDate\": \"2024-03-01\"}")
                    .file("x.txt", ("x " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
            String procedure = TestDocuments.draft(
                    api, "x " + uniqueWord(), "{\"type\": \"operating_procedure\", \"effectiveDate\": \"2024-03-01\"}");
            HttpResponse<String> retyped = api.json("PATCH", "/api/documents/" + procedure, "{\"type\": \"study\"}");

            assertThat(fields(assertProblem(early, 400, "invalid-field"))).containsExactly("reviewDueDate");
            assertThat(fields(assertProblem(protocol, 400, "invalid-field"))).containsExactly("effectiveDate");
            assertThat(fields(assertProblem(retyped, 400, "invalid-field"))).containsExactly("effectiveDate");
        }

        @Test
        void listsPublishedCurrentProceduresWhoseReviewIsOverdue() {
            int year = ThreadLocalRandom.current().nextInt(1100, 1900);
            String past = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
            String future = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
            String overdue = procedure(year, past);
            TestDocuments.publish(curator, overdue);
            String upToDate = procedure(year, future);
            TestDocuments.publish(curator, upToDate);
            String unpublished = procedure(year, past);

            JsonNode list = read(curator.get("/api/documents?reviewDue=overdue&size=100&year=" + year));

            List<String> ids = new ArrayList<>();
            list.get("items").forEach(item -> ids.add(item.get("id").asText()));
            assertThat(ids).containsExactly(overdue).doesNotContain(upToDate, unpublished);
            assertThat(list.at("/items/0/reviewDueDate").asText()).isEqualTo(past);
            assertThat(fields(assertProblem(curator.get("/api/documents?reviewDue=soon"), 400, "invalid-field")))
                    .containsExactly("reviewDue");
        }

        @Test
        void refusesToPublishAProcedureWithoutItsEffectiveAndReviewDatesNamingThem() {
            String described = "\"title\": \"Procédure\", \"language\": \"fr\", \"type\": \"operating_procedure\"";
            String undated = TestDocuments.draft(api, "procedure " + uniqueWord(), "{" + described + "}");
            String halfDated = TestDocuments.draft(
                    api, "procedure " + uniqueWord(), "{" + described + ", \"effectiveDate\": \"2024-03-01\"}");

            JsonNode none = assertProblem(
                    curator.json("POST", "/api/documents/" + undated + "/publish", ""), 422, "metadata-incomplete");
            JsonNode half = assertProblem(
                    curator.json("POST", "/api/documents/" + halfDated + "/publish", ""), 422, "metadata-incomplete");

            assertThat(fields(none)).containsExactly("effectiveDate", "reviewDueDate");
            assertThat(none.at("/errors/1/message").asText())
                    .contains("reviewed")
                    .contains("YYYY-MM-DD");
            assertThat(fields(half)).containsExactly("reviewDueDate");
            assertThat(read(api.get("/api/documents/" + undated)).get("status").asText())
                    .isEqualTo("draft");
            api.json("PATCH", "/api/documents/" + halfDated, "{\"reviewDueDate\": \"2030-03-01\"}");
            assertThat(TestDocuments.publish(curator, halfDated).get("status").asText())
                    .isEqualTo("published");
        }

        @Test
        void saysFromWhenTheReviewOfAProcedureIsOverdueAndOnlyOnceItsDateHasPassed() {
            String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String overdue = procedure(1500, yesterday);
            String dueToday = procedure(1500, today);
            String study = TestDocuments.draft(api, "study " + uniqueWord(), "{\"type\": \"study\"}");

            assertThat(read(api.get("/api/documents/" + overdue))
                            .get("reviewOverdueSince")
                            .asText())
                    .isEqualTo(yesterday);
            assertThat(read(api.get("/api/documents/" + dueToday))
                            .get("reviewOverdueSince")
                            .isNull())
                    .as("due today: still current")
                    .isTrue();
            assertThat(read(api.get("/api/documents/" + study))
                            .get("reviewOverdueSince")
                            .isNull())
                    .isTrue();
        }

        private String procedure(int year, String reviewDue) {
            return TestDocuments.draft(
                    api,
                    "procedure " + uniqueWord(),
                    "{\"type\": \"operating_procedure\", \"publicationDate\": \"" + year + "-01-01\","
                            + " \"effectiveDate\": \"" + year + "-01-01\", \"reviewDueDate\": \"" + reviewDue + "\"}");
        }
    }

    private static String newVersion(Api caller, String of, String metadata, String text) {
        Api.Multipart body = new Api.Multipart();
        if (metadata != null) {
            body.metadata(metadata);
        }
        HttpResponse<String> response = caller.upload(
                "/api/documents/" + of + "/versions", body.file("v.txt", text.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return read(response).get("id").asText();
    }

    private static Api.Multipart file(String text) {
        return new Api.Multipart().file("v.txt", (text + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(Api viewer, String query) {
        HttpResponse<String> response = viewer.get("/api/search?size=100&fields=id&" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        read(response).get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private static void awaitIds(Api viewer, String query, List<String> expected) {
        viewer.awaitJson(
                "/api/search?size=100&fields=id&" + query,
                page -> {
                    List<String> ids = new ArrayList<>();
                    page.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
                    return ids.equals(expected);
                },
                SEARCH);
    }

    private static void awaitNotFound(Api viewer, String word, String id) {
        viewer.awaitJson(
                "/api/search?size=100&fields=id&q=" + encode(word),
                page -> !page.get("hits").toString().contains(id),
                SEARCH);
    }

    /** The audit log of a document, oldest first: "action by actor". */
    private List<String> audit(String id) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT action, actor_id FROM audit_events WHERE target_type = 'document' AND target_id = ?"
                        + " ORDER BY id",
                statement -> {
                    statement.setString(1, id);
                    ResultSet rows = statement.executeQuery();
                    List<String> events = new ArrayList<>();
                    while (rows.next()) {
                        events.add(rows.getString(1) + " by " + rows.getString(2));
                    }
                    return events;
                }));
    }

    /** The detail of the document's latest audit event of {@code action}, as PostgreSQL writes JSON. */
    private String detail(String id, String action) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT detail::text FROM audit_events WHERE target_type = 'document' AND target_id = ? AND action = ?"
                        + " ORDER BY id DESC LIMIT 1",
                statement -> {
                    statement.setString(1, id);
                    statement.setString(2, action);
                    ResultSet rows = statement.executeQuery();
                    return rows.next() ? rows.getString(1) : "";
                }));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
