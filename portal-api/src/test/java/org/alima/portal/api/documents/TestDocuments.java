package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.alima.portal.api.Api;

/**
 * Moves test documents through the publication workflow over HTTP, for the tests of every package that need a
 * document in a given status.
 */
public final class TestDocuments {

    private static final Duration PROCESSING = Duration.ofSeconds(60);

    private TestDocuments() {}

    /** Uploads a text file as a draft of {@code owner}; its id. */
    public static String draft(Api owner, String text, String metadata) {
        return owner.uploadAccepted("notes.txt", text.getBytes(StandardCharsets.UTF_8), metadata);
    }

    /**
     * Publishes the document as {@code curator} (a curator or an admin), failing unless the answer is 200; what the
     * test left out of its description is given first ({@link #describe}).
     */
    public static JsonNode publish(Api curator, String id) {
        return transition(curator, id, "publish", "");
    }

    /**
     * Sends {@code POST /api/documents/{id}/{transition}} with {@code body} (none when empty), failing unless the
     * answer is 200; the document as answered.
     */
    public static JsonNode transition(Api caller, String id, String transition, String body) {
        if (transition.equals("submit") || transition.equals("publish")) {
            describe(caller, id);
        }
        HttpResponse<String> response = caller.json("POST", "/api/documents/" + id + "/" + transition, body);
        assertThat(response.statusCode())
                .as("%s of %s: %s", transition, id, response.body())
                .isEqualTo(200);
        return Api.read(response);
    }

    /**
     * Gives the document what it needs before it is submitted or published, as its author would, when the test left
     * it out: a title, a type ({@code report}) and a language; the fields its file fills (its language, detected
     * from the text) are waited for first. {@code caller} must be allowed to edit it.
     */
    public static void describe(Api caller, String id) {
        if (missingDescription(read(caller.get("/api/documents/" + id))).isEmpty()) {
            return;
        }
        awaitSettled(caller, id);
        JsonNode document = read(caller.get("/api/documents/" + id));
        Map<String, String> defaults = Map.of("title", "Test document " + id, "type", "report", "language", "en");
        StringJoiner patch = new StringJoiner(", ", "{", "}");
        for (String field : missingDescription(document)) {
            patch.add("\"" + field + "\": \"" + defaults.get(field) + "\"");
        }
        if (patch.length() > 2) {
            HttpResponse<String> patched = caller.json("PATCH", "/api/documents/" + id, patch.toString());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        }
    }

    private static List<String> missingDescription(JsonNode document) {
        return Stream.of("title", "type", "language")
                .filter(field ->
                        document.path(field).isNull() || document.path(field).isMissingNode())
                .toList();
    }

    /**
     * Uploads a text file as a draft of {@code owner}, has {@code curator} publish it, and waits until search shows
     * it to everyone; its id.
     */
    public static String published(Api owner, Api curator, String text, String metadata) {
        String id = draft(owner, text, metadata);
        publish(curator, id);
        awaitSettled(curator, id);
        return id;
    }

    /**
     * Waits until every job queued for the document has run (its latest job is done or failed) and returns its
     * processing status: only then does search show what its last change made of it. {@code viewer} must be allowed
     * to see the document.
     */
    public static JsonNode awaitSettled(Api viewer, String id) {
        return viewer.awaitStatus(
                id,
                status -> Set.of("done", "failed")
                                .contains(status.path("jobState").asText())
                        && Set.of("indexed", "failed", "extracted")
                                .contains(status.path("status").asText()),
                PROCESSING);
    }

    /** {@link #awaitSettled}, failing unless the document ended indexed (searchable by those who may see it). */
    public static void awaitSearchable(Api viewer, String id) {
        JsonNode status = awaitSettled(viewer, id);
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("indexed");
    }
}
