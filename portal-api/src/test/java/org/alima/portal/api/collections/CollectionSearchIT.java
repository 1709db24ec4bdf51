package org.alima.portal.api.collections;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.encode;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.collections.TestCollections.add;
import static org.alima.portal.api.collections.TestCollections.publish;
import static org.alima.portal.api.collections.TestCollections.uploadText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search within a collection, against the real worker and index: membership reaches the index's {@code collection}
 * field through reindex jobs, and private collections stay out of readers' searches and facet counts.
 */
@MicronautTest
class CollectionSearchIT extends PortalTest {

    private static final Duration INDEXING = Duration.ofSeconds(60);

    private Roles roles;

    @BeforeEach
    void cast() {
        if (roles == null) {
            roles = Roles.create(anonymous);
        }
    }

    @Test
    void findsOnlyTheCollectionsDocumentsAndCountsFacetsWithinIt() {
        String word = Api.uniqueWord();
        String study = document("study", word);
        String protocol = document("protocol", word);
        String outside = document("guideline", word);
        String slug = TestCollections.create(roles.curator(), "public", false);
        add(roles.curator(), slug, study, null);
        add(roles.curator(), slug, protocol, null);

        JsonNode within = await(roles.anonymous(), "q=" + word + "&collection=" + slug, page -> total(page) == 2);

        assertThat(ids(within)).containsExactlyInAnyOrder(study, protocol).doesNotContain(outside);
        assertThat(facet(within, "type")).containsOnly(Map.entry("study", 1L), Map.entry("protocol", 1L));
        assertThat(facet(within, "collection")).containsEntry(slug, 2L);
        JsonNode everywhere = search(roles.anonymous(), "q=" + word);
        assertThat(total(everywhere)).isEqualTo(3);
        assertThat(facet(everywhere, "type")).containsEntry("guideline", 1L);
        assertThat(facet(everywhere, "collection")).containsEntry(slug, 2L);
    }

    @Test
    void followsItemsRemovedAndCollectionsDeleted() {
        String word = Api.uniqueWord();
        String kept = document("study", word);
        String removed = document("study", word);
        String slug = TestCollections.create(roles.curator(), "public", false);
        add(roles.curator(), slug, kept, null);
        add(roles.curator(), slug, removed, null);
        await(roles.anonymous(), "q=" + word + "&collection=" + slug, page -> total(page) == 2);

        roles.curator().delete("/api/collections/" + slug + "/items/" + removed);

        JsonNode after = await(roles.anonymous(), "q=" + word + "&collection=" + slug, page -> total(page) == 1);
        assertThat(ids(after)).containsExactly(kept);

        roles.curator().delete("/api/collections/" + slug);

        JsonNode gone = await(
                roles.curator(), "q=" + word, page -> !facet(page, "collection").containsKey(slug));
        assertThat(total(gone)).isEqualTo(2);
        assertThat(total(search(roles.curator(), "q=" + word + "&collection=" + slug)))
                .isZero();
    }

    @Test
    void keepsAPrivateCollectionOutOfReadersSearchesAndFacets() {
        String word = Api.uniqueWord();
        String member = document("report", word);
        String other = document("report", word);
        String hidden = TestCollections.create(roles.curator(), "private", false);
        String shown = TestCollections.create(roles.curator(), "public", false);
        add(roles.curator(), hidden, member, null);
        add(roles.curator(), shown, other, null);
        await(
                roles.curator(),
                "q=" + word,
                page -> facet(page, "collection").containsKey(hidden)
                        && facet(page, "collection").containsKey(shown));

        for (Api outsider : List.of(roles.anonymous(), roles.contributor())) {
            JsonNode all = search(outsider, "q=" + word);
            assertThat(total(all)).isEqualTo(2);
            assertThat(facet(all, "collection")).containsOnlyKeys(shown);

            JsonNode within = search(outsider, "q=" + word + "&collection=" + hidden);
            assertThat(total(within)).isZero();
            assertThat(within.get("hits")).isEmpty();
            assertThat(facet(within, "collection")).isEmpty();
            assertThat(total(search(outsider, "q=" + word + "&collection=" + hidden.toUpperCase(Locale.ROOT))))
                    .isZero();
            assertThat(ids(search(outsider, "q=" + word + "&collection=" + hidden + "&collection=" + shown)))
                    .containsExactly(other);

            for (String query : List.of(
                    "collection:" + hidden,
                    word + " -collection:" + hidden,
                    word + " (collection:\"" + hidden + "\")",
                    "collection:it-*",
                    "COLLECTION:" + hidden.toUpperCase(Locale.ROOT))) {
                JsonNode refused = assertProblem(outsider.get("/api/search?q=" + encode(query)), 400, "invalid-field");
                assertThat(fields(refused)).as(query).containsExactly("q");
            }
            assertThat(ids(search(outsider, "q=" + encode("collection:" + shown))))
                    .containsExactly(other);
        }
        JsonNode forCurators = search(roles.otherCurator(), "q=" + word + "&collection=" + hidden);
        assertThat(ids(forCurators)).containsExactly(member);
        assertThat(ids(search(roles.admin(), "q=" + encode("collection:" + hidden))))
                .containsExactly(member);
    }

    @Test
    void showsACollectionToReadersOnceItIsMadePublic() {
        String word = Api.uniqueWord();
        String member = document("study", word);
        String slug = TestCollections.create(roles.curator(), "private", false);
        add(roles.curator(), slug, member, null);
        await(roles.curator(), "q=" + word + "&collection=" + slug, page -> total(page) == 1);
        assertThat(total(search(roles.anonymous(), "q=" + word + "&collection=" + slug)))
                .isZero();

        roles.curator()
                .json("PUT", "/api/collections/" + slug, "{\"title\": {\"en\": \"Open\"}, \"visibility\": \"public\"}");

        JsonNode open = search(roles.anonymous(), "q=" + word + "&collection=" + slug);
        assertThat(ids(open)).containsExactly(member);
        assertThat(facet(open, "collection")).containsEntry(slug, 1L);

        roles.curator()
                .json(
                        "PUT",
                        "/api/collections/" + slug,
                        "{\"title\": {\"en\": \"Closed\"}, \"visibility\": \"private\"}");

        assertThat(total(search(roles.anonymous(), "q=" + word + "&collection=" + slug)))
                .isZero();
        assertThat(facet(search(roles.anonymous(), "q=" + word), "collection")).doesNotContainKey(slug);
    }

    /** A published text document of the type given, containing {@code word}, once readers find it. */
    private String document(String type, String word) {
        String id = uploadText(
                roles.contributor(),
                "{\"title\": \"" + type + " " + word + "\", \"type\": \"" + type + "\"}",
                type + " " + word + " " + Api.uniqueWord());
        roles.contributor().awaitIndexed(id);
        publish(roles.curator(), roles.contributor(), id);
        await(roles.anonymous(), "q=" + word, page -> ids(page).contains(id));
        return id;
    }

    private static JsonNode search(Api viewer, String query) {
        HttpResponse<String> response = viewer.get("/api/search?size=100&" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response);
    }

    /** Searches until the answer satisfies {@code done}: collection changes reach the index through the worker. */
    private static JsonNode await(Api viewer, String query, Predicate<JsonNode> done) {
        return viewer.awaitJson("/api/search?size=100&" + query, done, INDEXING);
    }

    private static long total(JsonNode page) {
        return page.get("total").asLong();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private static Map<String, Long> facet(JsonNode page, String dimension) {
        Map<String, Long> counts = new HashMap<>();
        page.at("/facets/" + dimension)
                .forEach(value -> counts.put(
                        value.get("value").asText(), value.get("count").asLong()));
        return counts;
    }
}
