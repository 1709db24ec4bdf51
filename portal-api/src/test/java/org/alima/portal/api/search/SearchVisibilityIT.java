package org.alima.portal.api.search;

import static org.alima.portal.api.Api.encode;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each viewer finds of a contributor's draft and published document in every search surface: results, totals,
 * facet counts, snippets, suggestions, did-you-mean and related documents. A reader and another contributor find only
 * the published one, as if the draft did not exist; its owner and the curators find both.
 */
@MicronautTest
class SearchVisibilityIT extends PortalTest {

    private final Map<String, Api> viewers = new LinkedHashMap<>();
    /** In both documents. */
    private final String shared = uniqueWord();
    /** Only in the draft: its title, text and topic. */
    private final String secret = uniqueWord();

    private String draft;
    private String published;

    @BeforeEach
    void uploadADraftAndAPublishedDocument() {
        if (draft != null) {
            return;
        }
        viewers.put("anonymous", anonymous);
        viewers.put("other contributor", TestAccounts.contributor(server.getURI()));
        viewers.put("owner", api);
        viewers.put(
                "curator",
                anonymous.as(TestAccounts.create(anonymous, "curator").token()));
        viewers.put("admin", anonymous.as(TestAccounts.admin(anonymous)));
        String words = " paludisme grave enfants traitement artesunate ";
        draft = TestDocuments.draft(
                api,
                shared + words + secret + " " + secret,
                "{\"title\": \"Brouillon " + secret + "\", \"type\": \"thesis\", \"topics\": [\"" + secret + "\"]}");
        published = TestDocuments.published(
                api,
                viewers.get("curator"),
                shared + words + "publié",
                "{\"title\": \"Publié " + shared + "\", \"type\": \"report\", \"topics\": [\"" + shared + "\"]}");
        TestDocuments.awaitSearchable(api, draft);
    }

    @Test
    void findsTheDraftOnlyForItsOwnerAndCuratorsInResultsTotalsAndFacets() {
        for (Map.Entry<String, Api> viewer : viewers.entrySet()) {
            boolean sees = seesDrafts(viewer.getKey());
            HttpResponse<String> response = viewer.getValue().get("/api/search?size=100&q=" + shared);
            assertThat(response.statusCode())
                    .as(viewer.getKey() + ": " + response.body())
                    .isEqualTo(200);
            JsonNode page = read(response);

            assertThat(ids(page)).as(viewer.getKey()).contains(published);
            assertThat(ids(page).contains(draft))
                    .as(viewer.getKey() + " finds the draft")
                    .isEqualTo(sees);
            assertThat(page.get("total").asLong()).as(viewer.getKey()).isEqualTo(sees ? 2 : 1);
            assertThat(count(page, "type", "thesis")).as(viewer.getKey()).isEqualTo(sees ? 1 : 0);
            assertThat(count(page, "topic", secret)).as(viewer.getKey()).isEqualTo(sees ? 1 : 0);
            if (!sees) {
                assertThat(response.body())
                        .as(viewer.getKey() + ": no title, snippet or facet of the draft")
                        .doesNotContain(secret);
            }
        }
    }

    @Test
    void showsTheDraftsPagesOnlyToThoseWhoMaySeeIt() {
        for (Map.Entry<String, Api> viewer : viewers.entrySet()) {
            JsonNode page = read(viewer.getValue().get("/api/search?pages=3&q=" + secret));

            if (seesDrafts(viewer.getKey())) {
                assertThat(page.at("/hits/0/pages/0/snippet").asText())
                        .as(viewer.getKey())
                        .contains("<mark>" + secret + "</mark>");
            } else {
                assertThat(page.get("total").asLong()).as(viewer.getKey()).isZero();
                assertThat(page.get("hits")).as(viewer.getKey()).isEmpty();
            }
        }
    }

    @Test
    void suggestsTheDraftsTitleOnlyToThoseWhoMaySeeIt() {
        for (Map.Entry<String, Api> viewer : viewers.entrySet()) {
            HttpResponse<String> response = viewer.getValue().get("/api/search/suggest?q=" + secret.substring(0, 7));

            assertThat(response.statusCode()).as(viewer.getKey()).isEqualTo(200);
            assertThat(read(response).has("suggestions")).as(response.body()).isTrue();
            assertThat(response.body().contains(secret))
                    .as(viewer.getKey() + ": " + response.body())
                    .isEqualTo(seesDrafts(viewer.getKey()));
        }
    }

    @Test
    void correctsAMisspellingToAWordOnlyTheDraftHasOnlyForThoseWhoMaySeeIt() {
        String misspelt = secret.substring(0, secret.length() - 1) + (secret.endsWith("a") ? "b" : "a");

        for (Map.Entry<String, Api> viewer : viewers.entrySet()) {
            JsonNode page = read(viewer.getValue().get("/api/search?q=" + encode(misspelt)));

            if (seesDrafts(viewer.getKey())) {
                assertThat(page.path("didYouMean").asText()).as(viewer.getKey()).isEqualTo(secret);
            } else {
                assertThat(page.path("didYouMean").asText()).as(viewer.getKey()).doesNotContain(secret);
            }
        }
    }

    @Test
    void relatesThePublishedDocumentToTheDraftOnlyForThoseWhoMaySeeIt() {
        for (Map.Entry<String, Api> viewer : viewers.entrySet()) {
            HttpResponse<String> response = viewer.getValue().get("/api/documents/" + published + "/related?size=50");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(ids(read(response)).contains(draft))
                    .as(viewer.getKey() + " sees the draft as related")
                    .isEqualTo(seesDrafts(viewer.getKey()));
        }
    }

    @Test
    void servesTheDraftsFileOnlyToThoseWhoMaySeeIt() {
        for (Map.Entry<String, Api> viewer : viewers.entrySet()) {
            int status = viewer.getValue()
                    .getBytes("/api/documents/" + draft + "/file")
                    .statusCode();

            assertThat(status).as(viewer.getKey()).isEqualTo(seesDrafts(viewer.getKey()) ? 200 : 404);
        }
    }

    private static boolean seesDrafts(String viewer) {
        return List.of("owner", "curator", "admin").contains(viewer);
    }

    private static long count(JsonNode page, String dimension, String value) {
        for (JsonNode facet : page.path("facets").path(dimension)) {
            if (facet.get("value").asText().equals(value)) {
                return facet.get("count").asLong();
            }
        }
        return 0;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }
}
