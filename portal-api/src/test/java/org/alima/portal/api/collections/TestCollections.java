package org.alima.portal.api.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.alima.portal.api.Api;

/** Collections and documents for tests, made through the API as curators and contributors would. */
final class TestCollections {

    private TestCollections() {}

    /** A slug no other test uses. */
    static String slug() {
        return "it-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** The JSON of a collection to create, titled in both languages. */
    static String body(String slug, String visibility, boolean featured, String... curatorIds) {
        String curators = Arrays.stream(curatorIds).map(id -> "\"" + id + "\"").collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, """
                {"slug": "%s", "title": {"fr": "Procédures %s", "en": "Procedures %s"},
                 "description": {"fr": "Pour les équipes", "en": "For the teams"},
                 "visibility": "%s", "featured": %s, "curatorIds": [%s]}
                """, slug, slug, slug, visibility, featured, curators);
    }

    /** A collection to create, titled in both languages (as {@link #body}), for the typed client. */
    static CollectionRequest request(String slug, String visibility, boolean featured, String... curatorIds) {
        return new CollectionRequest(
                slug,
                new CollectionRequest.Title("Procédures " + slug, "Procedures " + slug),
                new CollectionRequest.Description("Pour les équipes", "For the teams"),
                visibility,
                featured,
                List.of(curatorIds));
    }

    /** Creates a collection as {@code curator} and returns its slug, failing unless the answer is 201. */
    static String create(Api curator, String visibility, boolean featured) {
        String slug = slug();
        HttpResponse<String> created = curator.json("POST", "/api/collections", body(slug, visibility, featured));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return slug;
    }

    /** Adds the document to the collection as {@code curator}, failing unless the answer is 201. */
    static JsonNode add(Api curator, String slug, String documentId, String note) {
        String noteJson = note == null ? "null" : "\"" + note + "\"";
        HttpResponse<String> added = curator.json(
                "POST",
                "/api/collections/" + slug + "/items",
                "{\"documentId\": \"" + documentId + "\", \"note\": " + noteJson + "}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return Api.read(added);
    }

    /** Uploads a small text document as {@code contributor} and returns its id. */
    static String uploadText(Api contributor, String metadata, String text) {
        return contributor.uploadAccepted("notes.txt", text.getBytes(StandardCharsets.UTF_8), metadata);
    }

    /**
     * Publishes the document in whichever way this portal offers: the workflow's {@code POST …/publish} (by a curator)
     * when it exists, else by setting its status (by its owner), as the portal allowed before the workflow.
     */
    static void publish(Api curator, Api owner, String id) {
        HttpResponse<String> published = curator.json("POST", "/api/documents/" + id + "/publish", "{}");
        if (published.statusCode() == 404 || published.statusCode() == 405) {
            published = owner.json("PATCH", "/api/documents/" + id, "{\"status\": \"published\"}");
        }
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(Api.read(owner.get("/api/documents/" + id)).path("status").asText())
                .isEqualTo("published");
    }

    /** The collection as {@code viewer} sees it, failing unless the answer is 200. */
    static JsonNode collection(Api viewer, String slug) {
        HttpResponse<String> answer = viewer.get("/api/collections/" + slug);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Api.read(answer);
    }

    /** The ids of the collection's items as {@code viewer} sees them, in order. */
    static List<String> itemIds(Api viewer, String slug) {
        List<String> ids = new ArrayList<>();
        collection(viewer, slug)
                .get("items")
                .forEach(item -> ids.add(item.at("/document/id").asText()));
        return ids;
    }

    /** The slugs of a {@code {"items": [collection…]}} answer. */
    static List<String> slugs(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        assertThat(Api.read(list).has("items")).as(list.body()).isTrue();
        Api.read(list).get("items").forEach(c -> slugs.add(c.get("slug").asText()));
        return slugs;
    }
}
