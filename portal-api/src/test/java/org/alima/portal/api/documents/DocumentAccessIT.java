package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestPdfs;
import org.alima.portal.api.ViewerTokens;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may do what to which document over HTTP: every documents endpoint, for a document in each status, as an
 * anonymous reader, its owner (a contributor), another contributor, a curator and an admin. Each cell of the table is
 * one request; a request that may change the document gets a document of its own, and one refused leaves it as it was.
 *
 * <p>The cells of the two tables are sent raw: each reads the answer's status and problem code, which the typed client
 * turns into an exception (or, for a 404, an empty answer), and a file is bytes (see {@code DocumentFilesApi}). The
 * documents they act on are made, moved, read back and listed through the typed client ({@link DocumentsClient}), as
 * are the answers that are not refusals elsewhere.
 */
@MicronautTest
class DocumentAccessIT extends PortalTest {

    private static final List<String> VIEWERS = List.of("anonymous", "owner", "other", "curator", "admin");

    @Inject
    DocumentsClient documents;

    private final Map<String, Caller> viewers = new LinkedHashMap<>();
    private final Map<String, String> shared = new HashMap<>();
    private final Map<String, Deque<String>> unused = new HashMap<>();
    /** A publication year no other test uses, so that a list filtered by it holds this test's documents only. */
    private final int year = ThreadLocalRandom.current().nextInt(1100, 1900);

    @BeforeEach
    void signIn() {
        if (!viewers.isEmpty()) {
            return;
        }
        viewers.put("anonymous", new Caller(anonymous, Viewer.ANONYMOUS));
        viewers.put("owner", new Caller(api, contributor));
        viewers.put("other", caller(Role.CONTRIBUTOR));
        viewers.put("curator", caller(Role.CURATOR));
        viewers.put("admin", caller(Role.ADMIN));
        for (String status : List.of("draft", "submitted", "published", "withdrawn")) {
            String id = create(status);
            TestDocuments.awaitSettled(viewers.get("admin").api(), id);
            shared.put(status, id);
        }
    }

    @ParameterizedTest(name = "{0} of a {1} document: {2} {3} {4} {5} {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # request     | status    | anonymous | owner | other | curator | admin
            GET           | draft     | 404 | 200 | 404 | 200 | 200
            GET           | submitted | 404 | 200 | 404 | 200 | 200
            GET           | published | 200 | 200 | 200 | 200 | 200
            GET           | withdrawn | 200 | 200 | 200 | 200 | 200
            GET file      | draft     | 404 | 200 | 404 | 200 | 200
            GET file      | submitted | 404 | 200 | 404 | 200 | 200
            GET file      | published | 200 | 200 | 200 | 200 | 200
            GET file      | withdrawn | 410 | 200 | 410 | 200 | 200
            GET citation  | draft     | 404 | 200 | 404 | 200 | 200
            GET citation  | submitted | 404 | 200 | 404 | 200 | 200
            GET citation  | published | 200 | 200 | 200 | 200 | 200
            GET citation  | withdrawn | 200 | 200 | 200 | 200 | 200
            GET status    | draft     | 404 | 200 | 404 | 200 | 200
            GET status    | submitted | 404 | 200 | 404 | 200 | 200
            GET status    | published | 200 | 200 | 200 | 200 | 200
            GET status    | withdrawn | 200 | 200 | 200 | 200 | 200
            GET related   | draft     | 404 | 200 | 404 | 200 | 200
            GET related   | submitted | 404 | 200 | 404 | 200 | 200
            GET related   | published | 200 | 200 | 200 | 200 | 200
            GET related   | withdrawn | 404 | 404 | 404 | 404 | 404
            """)
    void answersEachReaderOfEachStatus(
            String request, String status, int anonymous, int owner, int other, int curator, int admin) {
        int[] expected = {anonymous, owner, other, curator, admin};
        for (int i = 0; i < VIEWERS.size(); i++) {
            String viewer = VIEWERS.get(i);
            HttpResponse<String> response = send(request, shared.get(status), viewer);

            assertAnswer(response, expected[i], status, request + " as " + viewer);
        }
    }

    @ParameterizedTest(name = "{0} of a {1} document: {2} {3} {4} {5} {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # request     | status    | anonymous | owner | other | curator | admin
            PUT           | draft     | 401 | 200 | 404 | 200 | 200
            PUT           | submitted | 401 | 409 | 404 | 200 | 200
            PUT           | published | 401 | 409 | 403 | 200 | 200
            PUT           | withdrawn | 401 | 409 | 403 | 409 | 409
            PATCH         | draft     | 401 | 200 | 404 | 200 | 200
            PATCH         | submitted | 401 | 409 | 404 | 200 | 200
            PATCH         | published | 401 | 409 | 403 | 200 | 200
            PATCH         | withdrawn | 401 | 409 | 403 | 409 | 409
            POST submit   | draft     | 401 | 200 | 404 | 403 | 403
            POST submit   | submitted | 401 | 409 | 404 | 403 | 403
            POST submit   | published | 401 | 409 | 403 | 403 | 403
            POST submit   | withdrawn | 401 | 409 | 403 | 403 | 403
            POST publish  | draft     | 401 | 403 | 404 | 200 | 200
            POST publish  | submitted | 401 | 403 | 404 | 200 | 200
            POST publish  | published | 401 | 403 | 403 | 409 | 409
            POST publish  | withdrawn | 401 | 403 | 403 | 409 | 409
            POST return   | draft     | 401 | 403 | 404 | 409 | 409
            POST return   | submitted | 401 | 403 | 404 | 200 | 200
            POST return   | published | 401 | 403 | 403 | 409 | 409
            POST return   | withdrawn | 401 | 403 | 403 | 409 | 409
            POST withdraw | draft     | 401 | 409 | 404 | 409 | 409
            POST withdraw | submitted | 401 | 409 | 404 | 409 | 409
            POST withdraw | published | 401 | 200 | 403 | 200 | 200
            POST withdraw | withdrawn | 401 | 409 | 403 | 409 | 409
            POST retry    | draft     | 401 | 409 | 404 | 409 | 409
            POST retry    | failed    | 401 | 200 | 404 | 200 | 200
            POST retry    | published | 401 | 409 | 403 | 409 | 409
            POST retry    | withdrawn | 401 | 409 | 403 | 409 | 409
            POST versions | draft     | 401 | 409 | 404 | 409 | 409
            POST versions | submitted | 401 | 409 | 404 | 409 | 409
            POST versions | published | 401 | 202 | 403 | 202 | 202
            POST versions | withdrawn | 401 | 202 | 403 | 202 | 202
            DELETE        | draft     | 401 | 204 | 404 | 403 | 204
            DELETE        | submitted | 401 | 409 | 404 | 403 | 204
            DELETE        | published | 401 | 409 | 403 | 403 | 204
            DELETE        | withdrawn | 401 | 409 | 403 | 403 | 204
            """)
    void answersEachChangeOfEachStatusAndLeavesARefusedOneWithoutEffect(
            String request, String status, int anonymous, int owner, int other, int curator, int admin) {
        int[] expected = {anonymous, owner, other, curator, admin};
        for (int i = 0; i < VIEWERS.size(); i++) {
            String viewer = VIEWERS.get(i);
            String id = take(status);
            DocumentResponse before = asAdmin(id);

            HttpResponse<String> response = send(request, id, viewer);

            assertAnswer(response, expected[i], status, request + " as " + viewer);
            if (response.statusCode() >= 400) {
                DocumentResponse after = asAdmin(id);
                assertThat(after.status()).as("refused: unchanged").isEqualTo(before.status());
                assertThat(after.metadata().title())
                        .as("refused: unchanged")
                        .isEqualTo(before.metadata().title());
                assertThat(after.actions()).as("refused: unchanged").isEqualTo(before.actions());
                unused.get(status).push(id);
            } else if (request.equals("PUT") || request.equals("PATCH")) {
                unused.get(status).push(id);
            }
        }
    }

    @Test
    void listsOnlyWhatEachViewerMaySee() {
        Map<String, Set<String>> expected = Map.of(
                "anonymous", Set.of("published", "withdrawn"),
                "owner", Set.of("draft", "submitted", "published", "withdrawn"),
                "other", Set.of("published", "withdrawn"),
                "curator", Set.of("draft", "submitted", "published", "withdrawn"),
                "admin", Set.of("draft", "submitted", "published", "withdrawn"));

        for (String viewer : VIEWERS) {
            DocumentPage page = list(viewers.get(viewer).viewer(), null, null, false);
            List<String> ids = ids(page);
            for (String status : shared.keySet()) {
                assertThat(ids.contains(shared.get(status)))
                        .as(viewer + " lists the " + status + " document")
                        .isEqualTo(expected.get(viewer).contains(status));
            }
            page.items()
                    .forEach(item -> assertThat(expected.get(viewer))
                            .as(viewer + " lists " + item.id() + ", " + item.status())
                            .contains(item.status()));
            assertThat(page.totalItems()).isEqualTo(ids.size());
        }
    }

    @Test
    void filtersTheListByStatusOwnerAndProcessing() {
        Viewer curator = viewers.get("curator").viewer();
        String failed = take("failed");

        List<String> queue = ids(list(curator, "submitted", null, false));
        List<String> mine = ids(list(contributor, null, null, true));
        List<String> othersMine = ids(list(viewers.get("other").viewer(), null, null, true));
        List<String> failures = ids(list(curator, null, "failed", false));
        List<String> draftsForAReader = ids(list(Viewer.ANONYMOUS, "draft", null, false));

        assertThat(queue).contains(shared.get("submitted")).doesNotContain(shared.get("draft"));
        assertThat(mine).contains(shared.get("draft"), shared.get("submitted"), shared.get("published"));
        assertThat(othersMine).isEmpty();
        assertThat(failures).contains(failed).doesNotContain(shared.get("draft"));
        assertThat(draftsForAReader).isEmpty();
        // Refusals, sent raw: the typed client would check the invalid values before sending them.
        assertThat(Api.fields(assertProblem(anonymous.get("/api/documents?mine=true"), 400, "invalid-field")))
                .containsExactly("mine");
        assertThat(Api.fields(assertProblem(
                        viewers.get("curator").api().get("/api/documents?status=lost&processing=x"),
                        400,
                        "invalid-field")))
                .containsExactlyInAnyOrder("status", "processing");
    }

    @Test
    void showsTheCallersActionsAndHidesAWithdrawnFileFromReaders() {
        DocumentResponse draftForOwner = get(shared.get("draft"), contributor);
        DocumentResponse draftForCurator =
                get(shared.get("draft"), viewers.get("curator").viewer());
        DocumentResponse withdrawnForReader = get(shared.get("withdrawn"), Viewer.ANONYMOUS);
        DocumentResponse withdrawnForOwner = get(shared.get("withdrawn"), contributor);

        assertThat(draftForOwner.actions()).containsExactly("edit", "submit", "delete");
        assertThat(draftForCurator.actions()).containsExactly("edit", "publish");
        assertThat(draftForOwner.owner().displayName()).isEqualTo("Test contributor");
        assertThat(withdrawnForReader.actions()).isEmpty();
        assertThat(withdrawnForReader.file()).isNull();
        assertThat(withdrawnForReader.withdrawnReason()).isEqualTo("Data error in table 2");
        assertThat(withdrawnForOwner.file().url()).endsWith("/file");
    }

    @Test
    void answersADuplicateOfAnotherContributorsDraftWithoutItsId() {
        byte[] bytes = ("draft " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        api.uploadAccepted("mine.txt", bytes, null);

        // Refusals, sent raw.
        JsonNode hidden = assertProblem(
                viewers.get("other").api().upload(new Api.Multipart().file("copy.txt", bytes)), 409, "duplicate-file");
        JsonNode shown = assertProblem(
                viewers.get("curator").api().upload(new Api.Multipart().file("copy.txt", bytes)),
                409,
                "duplicate-file");

        assertThat(hidden.has("existingId")).isFalse();
        assertThat(shown.get("existingId").asText()).isNotBlank();
    }

    private HttpResponse<String> send(String request, String id, String viewer) {
        Api caller = viewers.get(viewer).api();
        String path = "/api/documents/" + id;
        return switch (request) {
            case "GET" -> caller.get(path);
            case "GET file" -> caller.get(path + "/file");
            case "GET citation" -> caller.get(path + "/citation?format=ris");
            case "GET status" -> caller.get(path + "/status");
            case "GET related" -> caller.get(path + "/related");
            case "PUT" ->
                caller.json(
                        "PUT",
                        path,
                        "{\"title\": \"Replaced by " + viewer + "\", \"type\": \"report\", \"language\": \"en\","
                                + " \"publicationDate\": \"" + year + "-01-01\"}");
            case "PATCH" -> caller.json("PATCH", path, "{\"title\": \"Patched by " + viewer + "\"}");
            case "POST submit", "POST publish", "POST retry" -> caller.json("POST", path + "/" + verb(request), "");
            case "POST return" -> caller.json("POST", path + "/return", "{\"comment\": \"Add the sample size.\"}");
            case "POST withdraw" -> caller.json("POST", path + "/withdraw", "{\"reason\": \"Wrong dosage\"}");
            case "POST versions" ->
                caller.upload(
                        path + "/versions",
                        new Api.Multipart()
                                .file("v2.txt", ("version " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
            case "DELETE" -> caller.delete(path);
            default -> throw new IllegalArgumentException("unknown request " + request);
        };
    }

    private static void assertAnswer(HttpResponse<String> response, int expected, String status, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(expected);
        if (expected >= 400) {
            String code = switch (expected) {
                case 401 -> "unauthenticated";
                case 403 -> "forbidden";
                case 404 -> "not-found";
                case 409 -> status.equals("withdrawn") ? "document-withdrawn" : "invalid-transition";
                case 410 -> "document-withdrawn";
                default -> throw new IllegalArgumentException("no problem code expected for " + expected);
            };
            assertProblem(response, expected, code);
        }
    }

    /** A document of the owner in {@code status}, never handed out before, or one a refused request left as it was. */
    private String take(String status) {
        Deque<String> ready = unused.computeIfAbsent(status, s -> new ArrayDeque<>());
        if (!ready.isEmpty()) {
            return ready.pop();
        }
        String id = create(status);
        if (status.equals("failed")) {
            TestDocuments.awaitSettled(viewers.get("admin").api(), id);
        }
        return id;
    }

    private String create(String status) {
        Viewer curator = viewers.get("curator").viewer();
        // All a document needs to be submitted and published, so that every change the test tries may be allowed.
        String metadata = "{\"title\": \"A " + status + " document\", \"type\": \"report\", \"language\": \"en\","
                + " \"publicationDate\": \"" + year + "-06-01\"}";
        if (status.equals("failed")) {
            return api.uploadAccepted("scan.pdf", TestPdfs.pages(true), metadata);
        }
        String id = TestDocuments.draft(api, "Notes " + status + " " + UUID.randomUUID(), metadata);
        UUID uuid = UUID.fromString(id);
        switch (status) {
            case "draft" -> {}
            case "submitted" -> documents.submit(uuid, contributor);
            case "published" -> documents.publish(uuid, curator);
            case "withdrawn" -> {
                documents.publish(uuid, curator);
                documents.withdraw(uuid, new WithdrawRequest("Data error in table 2"), curator);
            }
            default -> throw new IllegalArgumentException("no document can be made " + status);
        }
        return id;
    }

    /** This test's documents (those of its year) that {@code viewer} may see, filtered by the others (null: not). */
    private DocumentPage list(Viewer viewer, String status, String processing, boolean mine) {
        return documents.list(null, null, null, year, status, processing, mine, null, 1, 100, viewer);
    }

    private DocumentResponse get(String id, Viewer viewer) {
        return documents.get(UUID.fromString(id), viewer);
    }

    private DocumentResponse asAdmin(String id) {
        return get(id, viewers.get("admin").viewer());
    }

    /** A new account with {@code role}: a raw client signed in as it, and the viewer it is for the typed client. */
    private Caller caller(Role role) {
        TestAccounts.Account account = TestAccounts.create(anonymous, role.value());
        return new Caller(anonymous.as(account.token()), ViewerTokens.of(account, role));
    }

    private record Caller(Api api, Viewer viewer) {}

    private static String verb(String request) {
        return request.substring(request.indexOf(' ') + 1);
    }

    private static List<String> ids(DocumentPage page) {
        return page.items().stream().map(DocumentResponse::id).toList();
    }
}
