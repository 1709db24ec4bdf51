package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.uniqueWord;
import static org.alima.portal.api.search.SearchClient.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.ViewerTokens;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.search.SearchClient;
import org.alima.portal.api.search.SearchClient.Query;
import org.alima.portal.api.search.SearchResults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The road from draft to published over HTTP, with the real worker, index and database. Successful calls go through
 * the typed clients ({@link DocumentsClient}, {@link SearchClient}); refusals and bad bodies are sent raw, since the
 * client checks its arguments against the contract before sending them and reads only successful answers, and a file
 * is read raw as bytes (see {@code DocumentFilesApi}).
 */
@MicronautTest(transactional = false)
class PublicationWorkflowIT extends PortalTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    JdbcOperations jdbc;

    @Inject
    DocumentsClient documents;

    @Inject
    SearchClient search;

    /** The curator, raw for refusals and the shared helpers. */
    private Api curator;
    /** The curator, for the typed clients. */
    private Viewer curating;

    private Api other;
    private String ownerId;
    private String curatorId;

    @BeforeEach
    void signInTheOthers() {
        if (curator == null) {
            TestAccounts.Account account = TestAccounts.create(anonymous, "curator");
            curator = anonymous.as(account.token());
            curating = ViewerTokens.of(account, Role.CURATOR);
            curatorId = account.id();
            other = TestAccounts.contributor(server.getURI());
        }
        ownerId = contributor.getName();
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

            UUID uuid = UUID.fromString(id);

            DocumentResponse draft = documents.get(uuid, contributor);
            assertThat(draft.status()).isEqualTo("draft");
            assertThat(draft.owner().id()).isEqualTo(ownerId);
            assertThat(draft.actions()).containsExactly("edit", "submit", "delete");
            TestDocuments.awaitSearchable(api, id);
            assertThat(finds(Viewer.ANONYMOUS, word, id))
                    .as("a draft is not public")
                    .isFalse();
            assertThat(finds(contributor, word, id)).as("its owner finds it").isTrue();

            DocumentResponse submitted = documents.submit(uuid, contributor);
            assertThat(submitted.status()).isEqualTo("submitted");
            assertThat(submitted.actions()).isEmpty();
            JsonNode refused = assertProblem(
                    api.json("PATCH", "/api/documents/" + id, "{\"title\": \"Too late\"}"), 409, "invalid-transition");
            assertThat(refused.get("detail").asText()).contains("its status is submitted");
            assertThat(documents.get(uuid, curating).actions()).containsExactly("edit", "publish", "return");

            DocumentResponse returned =
                    documents.returnToOwner(uuid, new ReturnRequest("Ajoutez la taille de l'échantillon."), curating);
            assertThat(returned.status()).isEqualTo("draft");
            assertThat(documents.get(uuid, contributor).returnComment())
                    .isEqualTo("Ajoutez la taille de l'échantillon.");

            documents.patch(uuid, object("abstract", "n = 240 children"), contributor);
            DocumentResponse resubmitted = documents.submit(uuid, contributor);
            assertThat(resubmitted.returnComment())
                    .as("kept for the curator's second look")
                    .isEqualTo("Ajoutez la taille de l'échantillon.");

            DocumentResponse published = documents.publish(uuid, curating);
            assertThat(published.status()).isEqualTo("published");
            assertThat(published.returnComment()).isNull();
            assertThat(published.publishedAt()).isNotNull();
            TestDocuments.awaitSearchable(curator, id);
            assertThat(finds(Viewer.ANONYMOUS, word, id))
                    .as("published: everyone finds it")
                    .isTrue();
            assertThat(documents.get(uuid, contributor).actions()).containsExactly("withdraw", "newVersion");

            DocumentResponse withdrawn =
                    documents.withdraw(uuid, new WithdrawRequest("Une erreur de dosage page 3"), contributor);
            assertThat(withdrawn.status()).isEqualTo("withdrawn");
            DocumentResponse tombstone = documents.get(uuid, Viewer.ANONYMOUS);
            assertThat(tombstone.withdrawnReason()).isEqualTo("Une erreur de dosage page 3");
            assertThat(tombstone.file()).isNull();
            assertProblem(anonymous.get("/api/documents/" + id + "/file"), 410, "document-withdrawn");
            assertThat(api.getBytes("/api/documents/" + id + "/file").statusCode())
                    .isEqualTo(200);
            awaitIds(curating, Query.of(word), ids -> !ids.contains(id));
            assertThat(finds(contributor, word, id)).isFalse();

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
            String id = TestDocuments.draft(
                    api, "notes " + uniqueWord(), "{\"title\": \"Notes\", \"type\": \"report\", \"language\": \"en\"}");

            documents.publish(UUID.fromString(id), curating);

            assertThat(detail(id, "document.publish")).contains("\"from\": \"draft\"");
        }

        @Test
        void retriesAFailedExtractionAndRecordsIt() {
            String id = api.uploadAccepted("scan.pdf", org.alima.portal.api.TestPdfs.pages(true), null);
            JsonNode failed = TestDocuments.awaitSettled(api, id);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(documents.get(UUID.fromString(id), contributor).actions())
                    .contains("retry");

            DocumentResponse retried = documents.retry(UUID.fromString(id), contributor);

            assertThat(retried.file().extractionStatus()).isIn("queued", "extracting", "failed");
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

            assertThat(documents.delete(UUID.fromString(id), contributor).code())
                    .isEqualTo(204);

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

            String v2 =
                    newVersion(contributor, v1, "{\"title\": \"PON " + word + " (2)\"}", "Procédure " + word + " deux");

            DocumentResponse second = get(v2, contributor);
            assertThat(second.status()).isEqualTo("draft");
            assertThat(second.version()).isEqualTo(2);
            assertThat(second.supersedes()).isEqualTo(v1);
            assertThat(second.metadata().title()).isEqualTo("PON " + word + " (2)");
            assertThat(second.metadata().type()).as("copied").isEqualTo("operating_procedure");
            assertThat(second.metadata().effectiveDate()).as("copied").isEqualTo("2023-01-01");
            DocumentResponse first = get(v1, Viewer.ANONYMOUS);
            assertThat(first.supersededBy())
                    .as("not before the new one is published")
                    .isNull();
            assertThat(first.latestVersionId()).isEqualTo(v1);
            assertProblem(api.upload("/api/documents/" + v1 + "/versions", file("another")), 409, "invalid-transition");

            documents.publish(UUID.fromString(v2), curating);
            TestDocuments.awaitSearchable(curator, v2);
            TestDocuments.awaitSearchable(curator, v1);

            DocumentResponse superseded = get(v1, Viewer.ANONYMOUS);
            assertThat(superseded.supersededBy()).isEqualTo(v2);
            assertThat(superseded.latestVersionId()).isEqualTo(v2);
            assertThat(ids(search(Query.of(word)))).containsExactly(v2);
            assertThat(ids(search(Query.of(word).withSuperseded()))).containsExactlyInAnyOrder(v1, v2);

            String v3 = newVersion(curating, v2, null, "Procédure " + word + " trois");
            documents.publish(UUID.fromString(v3), curating);
            assertThat(get(v1, Viewer.ANONYMOUS).latestVersionId()).isEqualTo(v3);
            assertThat(get(v1, Viewer.ANONYMOUS).supersededBy()).isEqualTo(v2);
            assertThat(get(v3, curating).owner().id())
                    .as("a new version belongs to whoever uploaded it")
                    .isEqualTo(curatorId);

            documents.withdraw(UUID.fromString(v3), new WithdrawRequest("Wrong dosage"), curating);
            TestDocuments.awaitSettled(curator, v2);
            assertThat(get(v2, Viewer.ANONYMOUS).supersededBy())
                    .as("current again once its successor is withdrawn")
                    .isNull();
            awaitIds(Viewer.ANONYMOUS, Query.of(word), ids -> ids.equals(List.of(v2)));
            assertThat(detail(v3, "document.new_version")).contains("\"supersedes\": \"" + v2 + "\"");
        }

        @Test
        void answers404ForANewVersionOfAnotherContributorsDraft() {
            String draft = TestDocuments.draft(api, "notes " + uniqueWord(), null);

            assertProblem(other.upload("/api/documents/" + draft + "/versions", file("x")), 404, "not-found");
        }
    }

    /** Refused edits and uploads, sent raw: the answers are problems, and some bodies break the contract on purpose. */
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
            DocumentResponse unchanged = get(id, contributor);
            assertThat(unchanged.status()).isEqualTo("draft");
            assertThat(unchanged.owner().id()).isEqualTo(ownerId);
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
            documents.publish(UUID.fromString(overdue), curating);
            String upToDate = procedure(year, future);
            documents.publish(UUID.fromString(upToDate), curating);
            String unpublished = procedure(year, past);

            DocumentPage list = documents.list(null, null, null, year, null, null, false, "overdue", 1, 100, curating);

            assertThat(list.items())
                    .extracting(DocumentResponse::id)
                    .containsExactly(overdue)
                    .doesNotContain(upToDate, unpublished);
            assertThat(list.items().getFirst().metadata().reviewDueDate()).isEqualTo(past);
            // A refusal, sent raw: the typed client would check the value before sending it.
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
            assertThat(get(undated, contributor).status()).isEqualTo("draft");
            documents.patch(UUID.fromString(halfDated), object("reviewDueDate", "2030-03-01"), contributor);
            assertThat(documents.publish(UUID.fromString(halfDated), curating).status())
                    .isEqualTo("published");
        }

        @Test
        void saysFromWhenTheReviewOfAProcedureIsOverdueAndOnlyOnceItsDateHasPassed() {
            String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String overdue = procedure(1500, yesterday);
            String dueToday = procedure(1500, today);
            String study = TestDocuments.draft(api, "study " + uniqueWord(), "{\"type\": \"study\"}");

            assertThat(get(overdue, contributor).reviewOverdueSince()).isEqualTo(yesterday);
            assertThat(get(dueToday, contributor).reviewOverdueSince())
                    .as("due today: still current")
                    .isNull();
            assertThat(get(study, contributor).reviewOverdueSince()).isNull();
        }

        private String procedure(int year, String reviewDue) {
            return TestDocuments.draft(
                    api,
                    "procedure " + uniqueWord(),
                    "{\"title\": \"Procédure\", \"language\": \"fr\", \"type\": \"operating_procedure\","
                            + " \"publicationDate\": \"" + year + "-01-01\","
                            + " \"effectiveDate\": \"" + year + "-01-01\", \"reviewDueDate\": \"" + reviewDue + "\"}");
        }
    }

    /** Uploads a new version of {@code of} as {@code caller}, failing unless the answer is 202; its id. */
    private String newVersion(Viewer caller, String of, String metadata, String text) {
        MultipartBody.Builder body = MultipartBody.builder();
        if (metadata != null) {
            body.addPart("metadata", metadata);
        }
        body.addPart("file", "v.txt", MediaType.TEXT_PLAIN_TYPE, text.getBytes(StandardCharsets.UTF_8));
        var accepted = documents.newVersion(UUID.fromString(of), body.build(), caller);
        assertThat(accepted.code()).isEqualTo(202);
        return accepted.body().id();
    }

    private DocumentResponse get(String id, Viewer viewer) {
        return documents.get(UUID.fromString(id), viewer);
    }

    /** A JSON object of text fields, as a PATCH body. */
    private static io.micronaut.json.tree.JsonNode object(String... namesAndValues) {
        Map<String, io.micronaut.json.tree.JsonNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], io.micronaut.json.tree.JsonNode.createStringNode(namesAndValues[i + 1]));
        }
        return io.micronaut.json.tree.JsonNode.createObjectNode(fields);
    }

    private static Api.Multipart file(String text) {
        return new Api.Multipart().file("v.txt", (text + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }

    /** The ids an anonymous reader finds, 100 at most. */
    private SearchResults search(Query query) {
        return search.search(query.size(100).fields("id"), Viewer.ANONYMOUS);
    }

    private boolean finds(Viewer viewer, String word, String id) {
        return ids(search.search(Query.of(word).size(100).fields("id"), viewer)).contains(id);
    }

    /** Searches as {@code viewer} until the ids found satisfy {@code done}: changes reach search through the worker. */
    private void awaitIds(Viewer viewer, Query query, java.util.function.Predicate<List<String>> done) {
        search.awaitSearch(query.size(100).fields("id"), viewer, page -> done.test(ids(page)));
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
}
