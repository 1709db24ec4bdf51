package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
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
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestPdfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One work in two languages over HTTP, with the real worker, index, PDFs (written by PDFBox) and PostgreSQL: the rules
 * of linking, who sees which translation, the suggestions and each of their reasons, one search hit per work in the
 * reader's language, and the landing page's hreflang links.
 */
@MicronautTest(transactional = false)
class TranslationsIT extends PortalTest {

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private Api curator;
    private Api other;

    @BeforeEach
    void signInTheOthers() {
        if (curator == null) {
            curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
            other = TestAccounts.contributor(server.getURI());
        }
    }

    @Nested
    class Linking {

        @Test
        void linksAFrenchAndAnEnglishDocumentBothWaysOnceAndUnlinksThem() {
            String word = uniqueWord();
            String french = upload(api, "fr", "Rapport " + word, word);
            String english = upload(api, "en", "Report " + word, word);

            JsonNode linked = read(put(api, french, english));
            assertThat(linked).hasSize(1);
            assertThat(linked.get(0).get("id").asText()).isEqualTo(english);
            assertThat(linked.get(0).get("language").asText()).isEqualTo("en");
            assertThat(linked.get(0).get("title").asText()).isEqualTo("Report " + word);
            assertThat(translationIds(api, english)).containsExactly(french);
            assertThat(put(api, english, french).statusCode())
                    .as("linking twice")
                    .isEqualTo(200);
            Integer audited = transactions.executeRead(status -> jdbc.prepareStatement(
                    "SELECT count(*) FROM audit_events WHERE action = 'document.translation_link' AND target_id = ?",
                    statement -> {
                        statement.setString(1, french);
                        var rows = statement.executeQuery();
                        rows.next();
                        return rows.getInt(1);
                    }));
            assertThat(audited)
                    .as("one audit record: the second link changed nothing")
                    .isEqualTo(1);

            assertThat(read(api.delete(path(french, english)))).isEmpty();
            assertThat(translationIds(api, english)).isEmpty();
            assertProblem(api.delete(path(french, english)), 409, "translation-conflict");
        }

        @Test
        void refusesASelfLinkASameLanguageLinkAndASecondVersionInOneLanguage() {
            String word = uniqueWord();
            String french = upload(api, "fr", "Guide " + word, word);
            String alsoFrench = upload(api, "fr", "Guide bis " + word, word);
            String english = upload(api, "en", "Guide " + word, word);
            String secondEnglish = upload(api, "en", "Guide two " + word, word);

            assertThat(fields(assertProblem(put(api, french, french), 400, "invalid-field")))
                    .containsExactly("otherId");
            JsonNode sameLanguage = assertProblem(put(api, french, alsoFrench), 409, "translation-conflict");
            assertThat(sameLanguage.get("detail").asText()).contains("new version");
            assertThat(put(api, french, english).statusCode()).isEqualTo(200);
            JsonNode twice = assertProblem(put(api, french, secondEnglish), 409, "translation-conflict");
            assertThat(twice.get("detail").asText()).contains(english).contains("Unlink");
        }

        @Test
        void refusesAContributorWhoDoesNotOwnBothAndLetsACuratorLinkThem() {
            String word = uniqueWord();
            String mine = upload(api, "fr", "Protocole " + word, word);
            String theirs = upload(other, "en", "Protocol " + word, word);
            TestDocuments.publish(curator, theirs);

            JsonNode refused = assertProblem(put(api, mine, theirs), 403, "forbidden");
            assertThat(refused.get("detail").asText()).contains("curator");
            assertThat(put(curator, mine, theirs).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Visibility {

        @Test
        void aReaderSeesOnlyThePublishedTranslationsAndTheOwnerTheirDraftToo() {
            String word = uniqueWord();
            String french = upload(api, "fr", "Fiche " + word, word);
            String english = upload(api, "en", "Sheet " + word, word);
            TestDocuments.publish(curator, french);
            assertThat(put(curator, french, english).statusCode()).isEqualTo(200);

            assertThat(translationIds(anonymous, french))
                    .as("a draft is no reader's")
                    .isEmpty();
            assertThat(translationIds(api, french)).containsExactly(english);
            assertThat(translationIds(curator, french)).containsExactly(english);
            TestDocuments.publish(curator, english);
            assertThat(translationIds(anonymous, french)).containsExactly(english);
        }
    }

    @Nested
    class Search {

        @Test
        void showsOneHitPerWorkInTheReadersLanguageWithTheOtherToSwitchTo() {
            String word = uniqueWord();
            String french = published("fr", "Paludisme " + word, word + " paludisme moustiquaire");
            String english = published("en", "Malaria " + word, word + " malaria bednet");
            String alone = published("en", "Another " + word, word + " unrelated");
            assertThat(put(curator, french, english).statusCode()).isEqualTo(200);
            TestDocuments.awaitSettled(curator, french);
            TestDocuments.awaitSettled(curator, english);

            JsonNode inEnglish = read(anonymous.get("/api/search?lang=en&q=" + word));
            assertThat(inEnglish.get("total").asLong()).as("works, not files").isEqualTo(2);
            assertThat(ids(inEnglish)).containsExactlyInAnyOrder(english, alone);
            JsonNode hit = hit(inEnglish, english);
            assertThat(hit.get("translations")).hasSize(1);
            assertThat(hit.get("translations").get(0).get("id").asText()).isEqualTo(french);
            assertThat(hit.get("translations").get(0).get("language").asText()).isEqualTo("fr");

            JsonNode inFrench = read(anonymous.get("/api/search?lang=fr&q=" + word));
            assertThat(ids(inFrench)).containsExactlyInAnyOrder(french, alone);
            assertThat(hit(inFrench, french)
                            .get("translations")
                            .get(0)
                            .get("id")
                            .asText())
                    .isEqualTo(english);

            JsonNode firstPage = read(anonymous.get("/api/search?lang=fr&size=1&q=" + word));
            assertThat(firstPage.get("total").asLong()).isEqualTo(2);
            JsonNode secondPage = read(anonymous.get("/api/search?lang=fr&size=1&page=2&q=" + word));
            assertThat(ids(secondPage)).doesNotContainAnyElementsOf(ids(firstPage));
            assertThat(ids(firstPage).size() + ids(secondPage).size()).isEqualTo(2);

            JsonNode related = read(anonymous.get("/api/documents/" + french + "/related?size=20"));
            List<String> relatedIds = new ArrayList<>();
            related.get("hits").forEach(each -> relatedIds.add(each.get("id").asText()));
            assertThat(relatedIds).as("its translation is the same work").doesNotContain(english);
        }

        @Test
        void aVersionTheReaderMayNotSeeIsNeitherChosenNorListed() {
            String word = uniqueWord();
            String french = published("fr", "Affiche " + word, word + " affiche");
            String english = upload(api, "en", "Poster " + word, word + " poster");
            TestDocuments.awaitSettled(api, english);
            assertThat(put(curator, french, english).statusCode()).isEqualTo(200);
            TestDocuments.awaitSettled(curator, french);
            TestDocuments.awaitSettled(curator, english);

            JsonNode found = read(anonymous.get("/api/search?lang=en&q=" + word));
            assertThat(ids(found)).containsExactly(french);
            assertThat(hit(found, french).has("translations")).isFalse();
            JsonNode owner = read(api.get("/api/search?lang=en&q=" + word));
            assertThat(ids(owner)).as("the owner reads their English draft").containsExactly(english);
        }
    }

    @Nested
    class Suggestions {

        @Test
        void suggestsTheSameDoi() {
            String doi = "10.5555/" + uniqueWord();
            String french = uploadWith(api, "fr", "Étude " + uniqueWord(), uniqueWord(), ", \"doi\": \"" + doi + "\"");
            String english = uploadWith(api, "en", "Study " + uniqueWord(), uniqueWord(), ", \"doi\": \"" + doi + "\"");

            JsonNode suggestion = suggestion(french, english);
            assertThat(reasons(suggestion)).contains("same-doi");
            assertThat(suggestion.get("score").asDouble()).isGreaterThanOrEqualTo(0.9);
            JsonNode pairs = read(curator.get("/api/translation-suggestions?size=100"));
            List<String> paired = new ArrayList<>();
            pairs.forEach(pair -> paired.add(pair.get("document").get("id").asText()
                    + pair.get("suggestion").get("id").asText()));
            assertThat(paired).containsAnyOf(french + english, english + french);
        }

        @Test
        void suggestsATranslatedTitleWithTheSameAuthorsAndYear() {
            String author = "Marie " + capitalised(uniqueWord());
            String byline = ", \"authors\": [{\"name\": \"" + author + "\"}], \"publicationDate\": \"2019-05-02\"";
            String french = uploadWith(api, "fr", "Paludisme grave chez l'enfant", uniqueWord(), byline);
            String english = uploadWith(api, "en", "Severe malaria in the child", uniqueWord(), byline);

            assertThat(reasons(suggestion(french, english))).contains("translated-title");
        }

        @Test
        void suggestsTheSameStructureAndNumbers() {
            List<String> numbers = IntStream.range(0, 30)
                    .mapToObj(i -> Integer.toString(1000 + i * 37))
                    .toList();
            String french = uploadPdf(api, "fr", "Tableau " + uniqueWord(), "Valeur", numbers);
            String english = uploadPdf(api, "en", "Table " + uniqueWord(), "Value", numbers);
            TestDocuments.awaitSearchable(api, french);
            TestDocuments.awaitSearchable(api, english);

            JsonNode suggestion = suggestion(french, english);
            assertThat(reasons(suggestion)).containsExactly("same-structure");
        }

        @Test
        void areForCuratorsOnly() {
            String french = upload(api, "fr", "Note " + uniqueWord(), uniqueWord());
            assertThat(api.get("/api/documents/" + french + "/translation-suggestions")
                            .statusCode())
                    .isEqualTo(403);
        }

        private JsonNode suggestion(String id, String expected) {
            JsonNode suggestions = read(curator.get("/api/documents/" + id + "/translation-suggestions"));
            for (JsonNode suggestion : suggestions) {
                if (suggestion.get("id").asText().equals(expected)) {
                    return suggestion;
                }
            }
            throw new AssertionError(expected + " is not suggested for " + id + ": " + suggestions);
        }
    }

    @Nested
    class LandingPage {

        @Test
        void linksTheOtherLanguageWithHreflangAndAVisibleLink() {
            String word = uniqueWord();
            String french = published("fr", "Recommandations " + word, word);
            String english = published("en", "Recommendations " + word, word);
            assertThat(put(curator, french, english).statusCode()).isEqualTo(200);

            String page = anonymous
                    .get("/documents/" + french, "Accept-Language", "en")
                    .body();
            assertThat(page)
                    .containsPattern(
                            "<link rel=\"alternate\" hreflang=\"en\" href=\"[^\"]*/documents/" + english + "\">");
            assertThat(page)
                    .containsPattern(
                            "<link rel=\"alternate\" hreflang=\"fr\" href=\"[^\"]*/documents/" + french + "\">");
            assertThat(page).contains(">Also in English</a>");
            String inFrench = anonymous
                    .get("/documents/" + english, "Accept-Language", "fr")
                    .body();
            assertThat(inFrench).contains(">Aussi en français</a>");
        }
    }

    private String published(String language, String title, String text) {
        String id = upload(api, language, title, text);
        TestDocuments.publish(curator, id);
        TestDocuments.awaitSearchable(curator, id);
        return id;
    }

    private static String upload(Api owner, String language, String title, String text) {
        return uploadWith(owner, language, title, text, "");
    }

    private static String uploadWith(Api owner, String language, String title, String text, String more) {
        return owner.uploadAccepted(
                "notes.txt",
                (text + " " + uniqueWord()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                metadata(language, title, more));
    }

    /** A real PDF of three pages whose lines are the label and the numbers, in the same order in either language. */
    private static String uploadPdf(Api owner, String language, String title, String label, List<String> numbers) {
        List<List<String>> pages = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> lines = new ArrayList<>();
            lines.add(label + " " + uniqueWord());
            for (int i = page * 10; i < page * 10 + 10; i++) {
                lines.add(label + " " + numbers.get(i));
            }
            pages.add(lines);
        }
        return owner.uploadAccepted("table.pdf", TestPdfs.scanned(pages), metadata(language, title, ""));
    }

    private static String metadata(String language, String title, String more) {
        return "{\"title\": \"" + title + "\", \"language\": \"" + language + "\", \"type\": \"report\"" + more + "}";
    }

    private static HttpResponse<String> put(Api caller, String id, String otherId) {
        return caller.json("PUT", path(id, otherId), "");
    }

    private static String path(String id, String otherId) {
        return "/api/documents/" + id + "/translations/" + otherId;
    }

    private static List<String> translationIds(Api viewer, String id) {
        List<String> ids = new ArrayList<>();
        read(viewer.get("/api/documents/" + id))
                .get("translations")
                .forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private static JsonNode hit(JsonNode results, String id) {
        for (JsonNode hit : results.get("hits")) {
            if (hit.get("id").asText().equals(id)) {
                return hit;
            }
        }
        throw new AssertionError(id + " is not among " + results);
    }

    private static List<String> reasons(JsonNode suggestion) {
        List<String> codes = new ArrayList<>();
        suggestion.get("reasons").forEach(reason -> codes.add(reason.get("code").asText()));
        return codes;
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
