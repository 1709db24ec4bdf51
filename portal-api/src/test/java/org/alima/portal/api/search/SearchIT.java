package org.alima.portal.api.search;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.encode;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniquePdf;
import static org.alima.portal.api.Api.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Search over HTTP against the real worker, index and database, as an anonymous reader of published documents (what
 * each viewer may find is SearchVisibilityIT's). Other tests' documents share the index.
 */
@MicronautTest
class SearchIT extends PortalTest {

    private static final Duration INDEXING = Duration.ofSeconds(30);

    private Api curator;
    private Api admin;

    @BeforeEach
    void signInACuratorAndAnAdmin() {
        if (curator == null) {
            curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
            admin = anonymous.as(TestAccounts.admin(anonymous));
        }
    }

    @Nested
    class FindingPages {

        @Test
        void findsAFrenchPdfAtThePageOfASentenceTypedWithoutAccents() {
            String id = api.uploadAccepted(
                    "tutoriel.pdf",
                    uniquePdf("sante-psy-tutoriel-choruspro.pdf"),
                    "{\"type\": \"operating_procedure\", \"language\": \"fr\", \"effectiveDate\": \"2021-11-15\","
                            + " \"reviewDueDate\": \"2022-01-15\"}");
            TestDocuments.publish(curator, id);
            awaitSearchable(id);

            // Page 4 reads "vérifier bien si la ligne TVA est correcte".
            JsonNode hit = hitOf(search("q=" + encode("verifier bien si la ligne TVA est correcte") + "&size=100"), id);

            JsonNode best = hit.get("pages").get(0);
            assertThat(best.get("page").asInt()).isEqualTo(4);
            assertThat(best.get("url").asText()).isEqualTo("/api/documents/" + id + "/file?inline=true#page=4");
            assertThat(best.get("snippet").asText()).contains("<mark>").contains("TVA");
            assertThat(best.get("view").asText())
                    .as("the light page view, the query carried to mark its words")
                    .isEqualTo("/documents/" + id + "/pages/4?q=verifier+bien+si+la+ligne+TVA+est+correcte");
            assertThat(hit.get("reviewOverdueSince").asText())
                    .as("a procedure due for review in January 2022")
                    .isEqualTo("2022-01-15");
            assertThat(hit.get("type").asText()).isEqualTo("operating_procedure");
            assertThat(hit.get("language").asText()).isEqualTo("fr");
            assertThat(hit.get("score").asDouble()).isPositive();
        }

        @Test
        void opensThePageLinkAsAnInlinePdfWithoutTheSandboxThatWouldBlockBrowserViewers() {
            String id = api.uploadAccepted("guidance.pdf", uniquePdf("fda-guidance-excerpt-2.pdf"), null);

            HttpResponse<byte[]> inline = api.getBytes("/api/documents/" + id + "/file?inline=true");
            HttpResponse<byte[]> download = api.getBytes("/api/documents/" + id + "/file");

            assertThat(inline.statusCode()).isEqualTo(200);
            assertThat(inline.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(inline.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("inline;"));
            assertThat(inline.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(inline.headers().firstValue("Content-Security-Policy")).isEmpty();
            assertThat(download.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("attachment;"));
            assertThat(download.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(value -> assertThat(value).contains("sandbox"));
        }

        @Test
        void servesEveryOtherFormatAsAnAttachmentEvenWhenAskedInline() {
            String id = api.uploadAccepted(
                    "page.html",
                    ("<html><body><script>alert(1)</script>" + uniqueWord() + "</body></html>")
                            .getBytes(StandardCharsets.UTF_8),
                    null);

            HttpResponse<byte[]> file = api.getBytes("/api/documents/" + id + "/file?inline=true");

            assertThat(file.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("attachment;"));
            assertThat(file.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(value -> assertThat(value).contains("sandbox"));
        }
    }

    @Nested
    class AcrossLanguages {

        @Test
        void findsAnEnglishGuidelineForAFrenchQueryTypedWithoutAccentsAtThePageThatAnswers() {
            String id = api.uploadAccepted(
                    "severe-malaria.pdf",
                    uniquePdf("severe-malaria-children-en.pdf"),
                    "{\"type\": \"guideline\", \"language\": \"en\"}");
            TestDocuments.publish(curator, id);
            awaitSearchable(id);

            // « anémie sévère » typed without its accents; page 2 is the one on recognising severe malaria in a child.
            JsonNode page = search("q=" + encode("paludisme grave chez l'enfant anemie severe") + "&lang=fr");

            assertThat(page.get("queryLanguage").asText()).isEqualTo("fr");
            assertThat(page.get("translatedQuery").asText()).contains("severe malaria", "child", "anaemia");
            assertThat(ids(page).subList(0, Math.min(3, ids(page).size()))).contains(id);
            JsonNode hit = hitOf(page, id);
            assertThat(hit.get("language").asText()).isEqualTo("en");
            JsonNode best = hit.get("pages").get(0);
            assertThat(best.get("page").asInt()).isEqualTo(2);
            assertThat(best.get("url").asText()).isEqualTo("/api/documents/" + id + "/file?inline=true#page=2");
            assertThat(best.get("snippet").asText()).contains("<mark>");
        }

        @Test
        void readsAQueryWhoseWordsDoNotTellInTheLanguageOfThePageThenOfTheBrowser() {
            // "cancer" is French and English alike: the reader's language decides how it is read.
            assertThat(search("q=cancer&lang=fr").get("queryLanguage").asText()).isEqualTo("fr");
            assertThat(read(anonymous.get(
                                    "/api/search?q=cancer", "Accept-Language", "de-DE,de;q=0.9,en;q=0.8,fr;q=0.5"))
                            .get("queryLanguage")
                            .asText())
                    .as("the first of the browser's languages that the portal translates")
                    .isEqualTo("en");
            assertThat(read(anonymous.get("/api/search?q=cancer&lang=fr", "Accept-Language", "en-GB,en"))
                            .get("queryLanguage")
                            .asText())
                    .as("the page's interface language before the browser's")
                    .isEqualTo("fr");
        }

        @Test
        void answersWithoutAReaderLanguageWhenTheBrowserSendsAMalformedOne() {
            HttpResponse<String> response = anonymous.get("/api/search?q=cancer", "Accept-Language", "fr;q=high,,;;");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(read(response).has("queryLanguage")).isFalse();
        }

        @Test
        void refusesALangThatIsNotALanguageCode() {
            HttpResponse<String> response = anonymous.get("/api/search?q=cancer&lang=" + encode("fr'); drop"));

            assertThat(fields(assertProblem(response, 400, "invalid-field"))).containsExactly("lang");
        }
    }

    @Nested
    class FollowingTheDatabase {

        @Test
        void findsADocumentByItsNewTitleOnceItsMetadataChanged() {
            String before = uniqueWord();
            String after = uniqueWord();
            String id = uploadText("{\"title\": \"Protocole " + before + "\"}", "notes " + uniqueWord());
            awaitSearchable(id);
            assertThat(anonymous.finds(before, id)).isTrue();

            HttpResponse<String> patched =
                    curator.json("PATCH", "/api/documents/" + id, "{\"title\": \"Protocole " + after + "\"}");

            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            awaitFound(after, id);
            assertThat(anonymous.finds(before, id)).isFalse();
            assertThat(read(api.get("/api/documents/" + id + "/status"))
                            .get("status")
                            .asText())
                    .isEqualTo("indexed");
        }

        @Test
        void dropsAWithdrawnDocumentFromSearchWhileItsPageStays() {
            String word = uniqueWord();
            String id = uploadText(null, "note " + word);
            awaitSearchable(id);
            assertThat(anonymous.finds(word, id)).isTrue();

            TestDocuments.transition(api, id, "withdraw", "{\"reason\": \"superseded by a new protocol\"}");

            awaitNotFound(word, id);
            assertThat(admin.finds(word, id)).as("not even for an admin").isFalse();
            assertThat(anonymous.get("/api/documents/" + id).statusCode()).isEqualTo(200);
            api.awaitStatus(id, s -> s.get("status").asText().equals("extracted"), INDEXING);
            assertProblem(anonymous.get("/api/documents/" + id + "/related"), 404, "not-found");
        }

        @Test
        void dropsADeletedDocumentFromSearch() {
            String word = uniqueWord();
            String id = uploadText(null, "note " + word);
            awaitSearchable(id);
            assertThat(anonymous.finds(word, id)).isTrue();

            assertThat(admin.delete("/api/documents/" + id).statusCode()).isEqualTo(204);

            awaitNotFound(word, id);
        }
    }

    @Nested
    class Filtering {

        @Test
        void filtersWithRepeatedValuesAndCountsFacetsOfAllMatches() {
            String word = uniqueWord();
            String report = uploadText(
                    "{\"type\": \"report\", \"language\": \"fr\", \"countries\": [\"ML\"], \"topics\": [\"Malnutrition,"
                            + " acute\"], \"publicationDate\": \"2019-05-01\"}",
                    "rapport " + word);
            String protocol = uploadText(
                    "{\"type\": \"protocol\", \"language\": \"en\", \"countries\": [\"NE\"], \"topics\": [\"Malaria\"],"
                            + " \"publicationDate\": \"2023-01-10\"}",
                    "protocol " + word);
            String thesis = uploadText(
                    "{\"type\": \"thesis\", \"language\": \"en\", \"publicationDate\": \"2010-01-10\"}",
                    "thesis " + word);
            List.of(report, protocol, thesis).forEach(SearchIT.this::awaitSearchable);

            JsonNode two = search("q=" + word + "&type=report&type=protocol");
            JsonNode commaTopic = search("q=" + word + "&topic=" + encode("Malnutrition, acute"));
            JsonNode recent = search("q=" + word + "&yearFrom=2015&sort=newest");
            JsonNode niger = search("q=" + word + "&country=NE&language=en");

            assertThat(ids(two)).containsExactlyInAnyOrder(report, protocol);
            assertThat(two.at("/facets/type").toString())
                    .as("a dimension's counts ignore its own filter")
                    .contains("{\"value\":\"thesis\",\"count\":1}");
            assertThat(ids(commaTopic)).containsExactly(report);
            assertThat(ids(recent)).containsExactly(protocol, report);
            assertThat(recent.at("/hits/0/year").asInt()).isEqualTo(2023);
            assertThat(ids(niger)).containsExactly(protocol);
        }

        @Test
        void pagesWithTheCursorWithoutRepeatingAHit() {
            String word = uniqueWord();
            List<String> uploaded = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                uploaded.add(uploadText(null, "page " + word + " " + i));
            }
            uploaded.forEach(SearchIT.this::awaitSearchable);

            JsonNode first = search("q=" + word + "&size=2");
            JsonNode second = search("q=" + word + "&size=2&cursor="
                    + encode(first.get("nextCursor").asText()));

            assertThat(first.get("total").asLong()).isEqualTo(3);
            List<String> all = new ArrayList<>(ids(first));
            all.addAll(ids(second));
            assertThat(all).containsExactlyInAnyOrderElementsOf(uploaded);
            assertThat(second.get("nextCursor").isNull()).isTrue();
        }

        @Test
        void sendsOnlyTheFieldsAskedFor() {
            String word = uniqueWord();
            awaitSearchable(uploadText("{\"title\": \"Guide " + word + "\"}", "guide " + word));

            JsonNode page = search("q=" + word + "&fields=id,title,pages");

            List<String> keys = new ArrayList<>();
            page.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactlyInAnyOrder("total", "hits", "nextCursor");
            List<String> hitKeys = new ArrayList<>();
            page.at("/hits/0").fieldNames().forEachRemaining(hitKeys::add);
            assertThat(hitKeys).containsExactlyInAnyOrder("id", "title", "pages");
        }
    }

    @Nested
    class SuggestingAndRelating {

        @Test
        void completesATitleFromTheStartOfAWord() {
            String word = uniqueWord();
            String id = uploadText("{\"title\": \"Prise en charge " + word + "\"}", "texte " + uniqueWord());
            awaitSearchable(id);

            JsonNode suggestions = read(anonymous.get("/api/search/suggest?q=" + word.substring(0, 7)));

            assertThat(suggestions.get("suggestions").toString())
                    .contains("\"text\":\"Prise en charge " + word + "\"")
                    .contains("\"kind\":\"title\"")
                    .contains("\"documentId\":\"" + id + "\"");
        }

        @Test
        void findsDocumentsThatShareTheirWords() {
            String shared = uniqueWord() + " " + uniqueWord() + " " + uniqueWord();
            String one = uploadText(null, "paludisme grave " + shared);
            String other = uploadText(null, "paludisme simple " + shared);
            awaitSearchable(one);
            awaitSearchable(other);

            JsonNode related = read(anonymous.get("/api/documents/" + one + "/related?size=10"));

            assertThat(related.get("id").asText()).isEqualTo(one);
            assertThat(ids(related)).contains(other).doesNotContain(one);
        }
    }

    @Nested
    class RefusingBadRequests {

        @Test
        void answers400InvalidQueryNamingQAndThePositionOfALeadingWildcard() {
            JsonNode problem = assertProblem(api.get("/api/search?q=" + encode("malaria *emia")), 400, "invalid-query");

            assertThat(fields(problem)).containsExactly("q");
            assertThat(problem.get("position").asInt()).isEqualTo(8);
            assertThat(problem.get("detail").asText()).contains("may not start with *");
        }

        @Test
        void answers400NamingSizeAndItsBound() {
            JsonNode problem = assertProblem(api.get("/api/search?q=a&size=101"), 400, "invalid-field");

            assertThat(fields(problem)).containsExactly("size");
            assertThat(problem.toString()).contains("100");
        }

        @Test
        void answers400NamingPageWhenItGoesPastTheDeepestResult() {
            JsonNode problem = assertProblem(api.get("/api/search?q=a&page=101&size=100"), 400, "invalid-field");

            assertThat(fields(problem)).containsExactly("page");
            assertThat(problem.toString()).contains("10000").contains("nextCursor");
        }

        @Test
        void answers400NamingCursorForOneThisServerDidNotMake() {
            assertThat(fields(assertProblem(api.get("/api/search?q=a&cursor=bm90LWEtY3Vyc29y"), 400, "invalid-field")))
                    .containsExactly("cursor");
            assertThat(fields(assertProblem(api.get("/api/search?q=a&cursor=x&page=2"), 400, "invalid-field")))
                    .containsExactly("cursor");
        }

        @Test
        void answers400NamingAnUnknownFieldOrReversedYears() {
            assertThat(fields(assertProblem(api.get("/api/search?fields=id,secret"), 400, "invalid-field")))
                    .containsExactly("fields");
            assertThat(fields(assertProblem(api.get("/api/search?yearFrom=2020&yearTo=2010"), 400, "invalid-field")))
                    .containsExactly("yearFrom");
            assertThat(fields(assertProblem(api.get("/api/search?sort=oldest"), 400, "invalid-field")))
                    .containsExactly("sort");
        }

        @Test
        void answers403ToARebuildWhileNoOperatorTokenIsConfigured() {
            assertProblem(api.json("POST", "/api/index/rebuild", "{}"), 403, "admin-disabled");
        }
    }

    /** Uploads a text file as the contributor's draft and has a curator publish it at once. */
    private String uploadText(String metadata, String text) {
        String id = api.uploadAccepted("notes.txt", text.getBytes(StandardCharsets.UTF_8), metadata);
        TestDocuments.publish(curator, id);
        return id;
    }

    private void awaitSearchable(String id) {
        TestDocuments.awaitSearchable(api, id);
    }

    private JsonNode search(String query) {
        HttpResponse<String> response = anonymous.get("/api/search?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response);
    }

    private static JsonNode hitOf(JsonNode page, String id) {
        for (JsonNode hit : page.get("hits")) {
            if (hit.get("id").asText().equals(id)) {
                return hit;
            }
        }
        throw new AssertionError("document " + id + " is not among the hits: " + page);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private void awaitFound(String query, String id) {
        anonymous.awaitJson(
                "/api/search?size=100&fields=id&q=" + encode(query),
                page -> ids(page).contains(id),
                INDEXING);
    }

    private void awaitNotFound(String query, String id) {
        anonymous.awaitJson(
                "/api/search?size=100&fields=id&q=" + encode(query),
                page -> !ids(page).contains(id),
                INDEXING);
    }
}
