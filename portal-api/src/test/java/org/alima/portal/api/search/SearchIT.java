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
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.documents.TestDocuments;
import org.alima.portal.api.search.SearchClient.Query;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Search over HTTP against the real worker, index and database, as an anonymous reader of published documents (what
 * each viewer may find is SearchVisibilityIT's). Other tests' documents share the index. Searches go through the typed
 * client ({@link SearchClient}); bad requests are sent raw, since the client checks its arguments against the contract
 * before sending them.
 */
@MicronautTest
class SearchIT extends PortalTest {

    private static final Duration INDEXING = Duration.ofSeconds(30);

    @Inject
    SearchClient search;

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
            SearchResults.SearchHit hit = hitOf(
                    search(Query.of("verifier bien si la ligne TVA est correcte")
                            .size(100)),
                    id);

            SearchResults.PageLink best = hit.pages().getFirst();
            assertThat(best.page()).isEqualTo(4);
            assertThat(best.url()).isEqualTo("/api/documents/" + id + "/file?inline=true#page=4");
            assertThat(best.snippet()).contains("<mark>").contains("TVA");
            assertThat(best.view())
                    .as("the light page view, the query carried to mark its words")
                    .isEqualTo("/documents/" + id + "/pages/4?q=verifier+bien+si+la+ligne+TVA+est+correcte");
            assertThat(hit.reviewOverdueSince())
                    .as("a procedure due for review in January 2022")
                    .isEqualTo("2022-01-15");
            assertThat(hit.type()).isEqualTo("operating_procedure");
            assertThat(hit.language()).isEqualTo("fr");
            assertThat(hit.score()).isPositive();
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
            SearchResults page = search(
                    Query.of("paludisme grave chez l'enfant anemie severe").lang("fr"));

            assertThat(page.queryLanguage()).isEqualTo("fr");
            assertThat(page.translatedQuery()).contains("severe malaria", "child", "anaemia");
            assertThat(ids(page).subList(0, Math.min(3, ids(page).size()))).contains(id);
            SearchResults.SearchHit hit = hitOf(page, id);
            assertThat(hit.language()).isEqualTo("en");
            SearchResults.PageLink best = hit.pages().getFirst();
            assertThat(best.page()).isEqualTo(2);
            assertThat(best.url()).isEqualTo("/api/documents/" + id + "/file?inline=true#page=2");
            assertThat(best.snippet()).contains("<mark>");
        }

        @Test
        void readsAQueryWhoseWordsDoNotTellInTheLanguageOfThePageThenOfTheBrowser() {
            // "cancer" is French and English alike: the reader's language decides how it is read.
            assertThat(search(Query.of("cancer").lang("fr")).queryLanguage()).isEqualTo("fr");
            assertThat(search(Query.of("cancer").acceptLanguage("de-DE,de;q=0.9,en;q=0.8,fr;q=0.5"))
                            .queryLanguage())
                    .as("the first of the browser's languages that the portal translates")
                    .isEqualTo("en");
            assertThat(search(Query.of("cancer").lang("fr").acceptLanguage("en-GB,en"))
                            .queryLanguage())
                    .as("the page's interface language before the browser's")
                    .isEqualTo("fr");
        }

        @Test
        void answersWithoutAReaderLanguageWhenTheBrowserSendsAMalformedOne() {
            assertThat(search(Query.of("cancer").acceptLanguage("fr;q=high,,;;"))
                            .queryLanguage())
                    .isNull();
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
            // the index commits before the job records its end: found, the document may still say "extracting"
            api.awaitIndexed(id);
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

            SearchResults two = search(Query.of(word).type("report", "protocol"));
            SearchResults commaTopic = search(Query.of(word).topic("Malnutrition, acute"));
            SearchResults recent = search(Query.of(word).newestFrom(2015));
            SearchResults niger = search(Query.of(word).country("NE").language("en"));

            assertThat(ids(two)).containsExactlyInAnyOrder(report, protocol);
            assertThat(two.facets().get("type"))
                    .as("a dimension's counts ignore its own filter")
                    .contains(new SearchResults.FacetCount("thesis", 1));
            assertThat(ids(commaTopic)).containsExactly(report);
            assertThat(ids(recent)).containsExactly(protocol, report);
            assertThat(recent.hits().getFirst().year()).isEqualTo(2023);
            assertThat(ids(niger)).containsExactly(protocol);
        }

        @Test
        void listsTheNewestFirstWhenBrowsingWithoutAQueryUnlessAskedOtherwise() {
            String topic = uniqueWord();
            java.util.function.UnaryOperator<String> published =
                    date -> "{\"topics\": [\"" + topic + "\"], \"publicationDate\": \"" + date + "\"}";
            String middle = uploadText(published.apply("2018-06-01"), "middle " + uniqueWord());
            String newest = uploadText(published.apply("2024-02-01"), "newest " + uniqueWord());
            String oldest = uploadText(published.apply("2009-11-01"), "oldest " + uniqueWord());
            List.of(middle, newest, oldest).forEach(SearchIT.this::awaitSearchable);

            // Read raw: the typed client always names a sort, and what is checked is the answer without one.
            JsonNode browsing = read(anonymous.get("/api/search?fields=id&topic=" + topic));
            JsonNode emptyQuery = read(anonymous.get("/api/search?q=&fields=id&topic=" + topic));
            JsonNode newestAsked = read(anonymous.get("/api/search?fields=id&sort=newest&topic=" + topic));

            assertThat(ids(browsing)).containsExactly(newest, middle, oldest);
            assertThat(ids(emptyQuery)).containsExactly(newest, middle, oldest);
            assertThat(ids(newestAsked)).containsExactly(newest, middle, oldest);
            assertThat(read(anonymous.get("/api/search?fields=id&sort=relevance&topic=" + topic))
                            .get("total")
                            .asInt())
                    .as("relevance may still be asked for")
                    .isEqualTo(3);
        }

        @Test
        void pagesWithTheCursorWithoutRepeatingAHit() {
            String word = uniqueWord();
            List<String> uploaded = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                uploaded.add(uploadText(null, "page " + word + " " + i));
            }
            uploaded.forEach(SearchIT.this::awaitSearchable);

            SearchResults first = search(Query.of(word).size(2));
            SearchResults second = search(Query.of(word).size(2).after(first.nextCursor()));

            assertThat(first.total()).isEqualTo(3);
            List<String> all = new ArrayList<>(ids(first));
            all.addAll(ids(second));
            assertThat(all).containsExactlyInAnyOrderElementsOf(uploaded);
            assertThat(second.nextCursor()).isNull();
        }

        @Test
        void sendsOnlyTheFieldsAskedFor() {
            String word = uniqueWord();
            awaitSearchable(uploadText("{\"title\": \"Guide " + word + "\"}", "guide " + word));

            // Read raw: what is checked is which keys the JSON holds, which a typed answer cannot tell.
            HttpResponse<String> response = anonymous.get("/api/search?q=" + word + "&fields=id,title,pages");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = read(response);

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

            Suggestions suggestions = search.suggest(word.substring(0, 7), 8, Viewer.ANONYMOUS);

            assertThat(suggestions.suggestions())
                    .contains(new Suggestions.Suggestion("Prise en charge " + word, "title", id));
        }

        @Test
        void findsDocumentsThatShareTheirWords() {
            String shared = uniqueWord() + " " + uniqueWord() + " " + uniqueWord();
            String one = uploadText(null, "paludisme grave " + shared);
            String other = uploadText(null, "paludisme simple " + shared);
            awaitSearchable(one);
            awaitSearchable(other);

            RelatedDocuments related = search.related(UUID.fromString(one), 10, Viewer.ANONYMOUS);

            assertThat(related.id()).isEqualTo(one);
            assertThat(related.hits())
                    .extracting(SearchResults.SearchHit::id)
                    .contains(other)
                    .doesNotContain(one);
        }

        @Test
        void leavesOutTheDocumentsOwnVersionsWithinTheQuery() {
            String shared = uniqueWord() + " " + uniqueWord() + " " + uniqueWord();
            String first = uploadText("{\"title\": \"Paludisme grave\"}", "paludisme grave " + shared);
            String other = uploadText(null, "paludisme simple " + shared);
            awaitSearchable(first);
            awaitSearchable(other);
            // Its second version shares every word of the first, as versions do.
            HttpResponse<String> accepted = api.upload(
                    "/api/documents/" + first + "/versions",
                    new Api.Multipart()
                            .file("v2.txt", ("paludisme grave, révisé " + shared).getBytes(StandardCharsets.UTF_8)));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String second = read(accepted).get("id").asText();
            TestDocuments.publish(curator, second);
            awaitSearchable(second);
            TestDocuments.awaitSettled(curator, first);

            RelatedDocuments ofFirst = search.related(UUID.fromString(first), 10, Viewer.ANONYMOUS);
            RelatedDocuments ofSecond = search.related(UUID.fromString(second), 10, Viewer.ANONYMOUS);
            RelatedDocuments best = search.related(UUID.fromString(first), 1, Viewer.ANONYMOUS);

            assertThat(ofFirst.hits())
                    .extracting(SearchResults.SearchHit::id)
                    .contains(other)
                    .doesNotContain(first, second);
            assertThat(ofSecond.hits())
                    .extracting(SearchResults.SearchHit::id)
                    .contains(other)
                    .doesNotContain(first, second);
            assertThat(best.hits())
                    .as("the version does not take a place of the size asked for")
                    .extracting(SearchResults.SearchHit::id)
                    .containsExactly(other);
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

    /** The search as an anonymous reader. */
    private SearchResults search(Query query) {
        return search.search(query, Viewer.ANONYMOUS);
    }

    private static SearchResults.SearchHit hitOf(SearchResults page, String id) {
        return page.hits().stream()
                .filter(hit -> id.equals(hit.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("document " + id + " is not among the hits: " + page));
    }

    private static List<String> ids(SearchResults page) {
        return page.hits().stream().map(SearchResults.SearchHit::id).toList();
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
