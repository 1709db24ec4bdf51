package org.alima.portal.api.alerts;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Saved searches over HTTP, their private feeds, and their e-mail digests read from a real SMTP server (GreenMail)
 * that the portal of this test sends to.
 */
@MicronautTest(transactional = false)
class SavedSearchAlertsIT extends PortalTest {

    private final Mailbox mailbox = new Mailbox();

    @Inject
    Digests digests;

    /** The time the digests run at: moved on a day or more before each run, past every schedule so far. */
    private Instant clock = Instant.now();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(mailbox.properties());
        return properties;
    }

    @AfterAll
    void stopMailbox() {
        mailbox.close();
    }

    private Api admin() {
        return anonymous.as(TestAccounts.admin(anonymous));
    }

    private String metadata(String title, String word) {
        return String.format(Locale.ROOT, """
                {"title": "%s", "type": "report", "language": "en", "abstract": "About %s.",
                 "authors": [{"name": "Diallo, Aminata"}], "publicationDate": "2024-03-31",
                 "countries": ["ML"], "topics": ["malnutrition"], "license": "CC-BY-4.0"}
                """, title, word);
    }

    /** A document with {@code word} in its text, published by an administrator and searchable. */
    private String published(Api owner, String title, String word) {
        return TestDocuments.published(owner, admin(), title + " " + word, metadata(title, word));
    }

    private JsonNode save(Api owner, String body) {
        HttpResponse<String> created = owner.json("POST", "/api/account/saved-searches", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created);
    }

    /** Runs the digests a day or more later than the last run; how many were sent. */
    private int runDigests(int days) {
        clock = clock.plus(Duration.ofDays(days)).plusSeconds(60);
        return digests.runDue(clock);
    }

    @Nested
    class SavingAndListing {

        @Test
        void savesListsRenamesAndDeletesASearchOfItsOwnerOnly() {
            JsonNode saved = save(api, """
                    {"name": "Malaria in Mali", "q": "paludisme", "filters": {"country": ["ML"], "type": ["report"]},
                     "frequency": "weekly", "language": "fr"}
                    """);
            String id = saved.get("id").asText();
            assertThat(saved.get("frequency").asText()).isEqualTo("weekly");
            assertThat(saved.at("/filters/country/0").asText()).isEqualTo("ML");
            assertThat(saved.get("feedUrl").asText()).contains("/feeds/saved/");
            assertThat(saved.hasNonNull("nextDigestAt")).isTrue();

            JsonNode listing = read(api.get("/api/account/saved-searches"));
            assertThat(listing.get("mailConfigured").asBoolean()).isTrue();
            assertThat(listing.findValuesAsText("id")).contains(id);

            HttpResponse<String> renamed = api.json(
                    "PATCH",
                    "/api/account/saved-searches/" + id,
                    "{\"name\": \"Paludisme au Mali\", \"frequency\": \"none\"}");
            assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
            assertThat(read(renamed).get("name").asText()).isEqualTo("Paludisme au Mali");
            assertThat(read(renamed).hasNonNull("nextDigestAt")).isFalse();
            assertThat(read(renamed).get("q").asText()).isEqualTo("paludisme");

            Api other = TestAccounts.contributor(server.getURI());
            assertProblem(other.get("/api/account/saved-searches/" + id), 404, "not-found");
            assertProblem(other.delete("/api/account/saved-searches/" + id), 404, "not-found");
            assertThat(read(other.get("/api/account/saved-searches")).path("items"))
                    .isEmpty();
            assertThat(anonymous.get("/api/account/saved-searches").statusCode())
                    .isEqualTo(401);

            assertThat(api.delete("/api/account/saved-searches/" + id).statusCode())
                    .isEqualTo(204);
            assertProblem(api.get("/api/account/saved-searches/" + id), 404, "not-found");
        }

        @Test
        void refusesANameTooLongAnUnknownFilterAndABadFrequencyNamingEachField() {
            JsonNode tooLong = assertProblem(
                    api.json("POST", "/api/account/saved-searches", "{\"name\": \"" + "n".repeat(101) + "\"}"),
                    400,
                    "invalid-field");
            assertThat(Api.fields(tooLong)).containsExactly("name");

            JsonNode unknownFilter = assertProblem(
                    api.json(
                            "POST",
                            "/api/account/saved-searches",
                            "{\"name\": \"x\", \"filters\": {\"colour\": [\"red\"]}}"),
                    400,
                    "invalid-field");
            assertThat(Api.fields(unknownFilter)).containsExactly("filters.colour");
            assertThat(unknownFilter.at("/errors/0/message").asText()).contains("collection", "country", "type");

            JsonNode badFrequency = assertProblem(
                    api.json("POST", "/api/account/saved-searches", "{\"name\": \"x\", \"frequency\": \"hourly\"}"),
                    400,
                    "invalid-field");
            assertThat(Api.fields(badFrequency)).containsExactly("frequency");

            assertThat(Api.fields(assertProblem(
                            api.json("POST", "/api/account/saved-searches", "{\"q\": \"malaria\"}"),
                            400,
                            "invalid-field")))
                    .containsExactly("name");

            JsonNode french = assertProblem(
                    api.json(
                            "POST",
                            "/api/account/saved-searches",
                            "{\"name\": \"x\", \"frequency\": \"hourly\"}",
                            "Accept-Language",
                            "fr"),
                    400,
                    "invalid-field");
            assertThat(french.get("title").asText()).isEqualTo("Champ de la requête invalide");
        }
    }

    @Nested
    class EmailDigests {

        @Test
        void mailsANewMatchingPublicationOnceInTheOwnersLanguageWithItsLandingPage() throws Exception {
            TestAccounts.Account owner = TestAccounts.create(anonymous, "contributor");
            Api ownerApi = anonymous.as(owner.token());
            String word = Api.uniqueWord();
            JsonNode saved = save(
                    ownerApi,
                    "{\"name\": \"Nutrition " + word + "\", \"q\": \"" + word + "\", \"frequency\": \"daily\","
                            + " \"language\": \"fr\"}");
            String id = published(api, "Rapport sur la nutrition", word);

            runDigests(1);

            List<Mailbox.Mail> mails = mailbox.to(owner.email());
            assertThat(mails).hasSize(1);
            Mailbox.Mail mail = mails.get(0);
            assertThat(mail.subject()).contains("1 nouvelle publication", "Nutrition " + word);
            assertThat(mail.body())
                    .contains("Bonjour Test contributor")
                    .contains("Rapport sur la nutrition")
                    .contains("/documents/" + id)
                    .contains(saved.get("feedUrl").asText())
                    .contains("/#/account");
            assertThat(mail.from()).contains(Mailbox.FROM);

            runDigests(1);
            runDigests(7);
            assertThat(mailbox.to(owner.email()))
                    .as("the same document is never sent twice")
                    .hasSize(1);

            String second = published(api, "Second rapport", word);
            runDigests(1);
            List<Mailbox.Mail> after = mailbox.to(owner.email());
            assertThat(after).hasSize(2);
            assertThat(after.get(1).body()).contains("/documents/" + second).doesNotContain("/documents/" + id);
            assertThat(read(ownerApi.get("/api/account/saved-searches/"
                                    + saved.get("id").asText()))
                            .hasNonNull("lastError"))
                    .isFalse();
        }

        @Test
        void neverMailsADraftNorWhatWasPublishedBeforeAlertsWereTurnedOn() {
            TestAccounts.Account owner = TestAccounts.create(anonymous, "curator");
            Api ownerApi = anonymous.as(owner.token());
            String word = Api.uniqueWord();
            String before = published(api, "Published before", word);
            save(ownerApi, "{\"name\": \"Drafts " + word + "\", \"q\": \"" + word + "\", \"frequency\": \"daily\"}");
            String draft = TestDocuments.draft(api, "A draft " + word, metadata("A draft", word));
            TestDocuments.awaitSearchable(admin(), draft);
            assertThat(ownerApi.finds(word, draft))
                    .as("the curator finds the draft in search")
                    .isTrue();

            runDigests(1);

            assertThat(mailbox.to(owner.email())).isEmpty();
            assertThat(before).isNotBlank();
        }

        @Test
        void aPrivateCollectionsDocumentsReachOnlyThoseWhoMaySeeItAndStopWhenTheirRoleDrops() {
            TestAccounts.Account owner = TestAccounts.create(anonymous, "curator");
            Api ownerApi = anonymous.as(owner.token());
            String slug = "it-" + java.util.UUID.randomUUID().toString().substring(0, 13);
            HttpResponse<String> collection =
                    ownerApi.json("POST", "/api/collections", String.format(Locale.ROOT, """
                            {"slug": "%s", "title": {"fr": "Privée", "en": "Private"}, "visibility": "private",
                             "featured": false, "curatorIds": []}
                            """, slug));
            assertThat(collection.statusCode()).as(collection.body()).isEqualTo(201);
            String word = Api.uniqueWord();
            save(
                    ownerApi,
                    "{\"name\": \"Private " + word + "\", \"q\": \"" + word + "\", \"filters\": {\"collection\": [\""
                            + slug + "\"]}, \"frequency\": \"daily\"}");
            String first = published(api, "In the private collection", word);
            addToCollection(ownerApi, slug, first);

            runDigests(1);
            assertThat(mailbox.to(owner.email())).hasSize(1);
            assertThat(mailbox.to(owner.email()).get(0).body()).contains("/documents/" + first);

            HttpResponse<String> demoted =
                    admin().json("PATCH", "/api/admin/accounts/" + owner.id(), "{\"role\": \"contributor\"}");
            assertThat(demoted.statusCode()).as(demoted.body()).isEqualTo(200);
            String second = published(api, "Also in the private collection", word);
            addToCollection(admin(), slug, second);

            runDigests(1);
            assertThat(mailbox.to(owner.email()))
                    .as("a contributor may not know the private collection")
                    .hasSize(1);
        }

        @Test
        void aDisabledAccountGetsNoDigest() {
            TestAccounts.Account owner = TestAccounts.create(anonymous, "contributor");
            String word = Api.uniqueWord();
            save(anonymous.as(owner.token()), "{\"name\": \"n\", \"q\": \"" + word + "\", \"frequency\": \"weekly\"}");
            HttpResponse<String> disabled =
                    admin().json("PATCH", "/api/admin/accounts/" + owner.id(), "{\"disabled\": true}");
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
            published(api, "For nobody", word);

            runDigests(7);

            assertThat(mailbox.to(owner.email())).isEmpty();
        }
    }

    private void addToCollection(Api curator, String slug, String documentId) {
        HttpResponse<String> added =
                curator.json("POST", "/api/collections/" + slug + "/items", "{\"documentId\": \"" + documentId + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        TestDocuments.awaitSettled(admin(), documentId);
    }

    @Nested
    class PrivateFeeds {

        @Test
        void listsTheOwnersMatchesAndAnswers404OnceRevoked() {
            String word = Api.uniqueWord();
            JsonNode saved = save(api, "{\"name\": \"Feed " + word + "\", \"q\": \"" + word + "\"}");
            String id = published(api, "Feed document", word);
            String draft = TestDocuments.draft(api, "Draft " + word, metadata("Draft", word));
            TestDocuments.awaitSearchable(api, draft);
            String feedPath = URI.create(saved.get("feedUrl").asText()).getPath();

            HttpResponse<String> feed = anonymous.get(feedPath);
            assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
            assertThat(feed.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
            assertThat(feed.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
            assertThat(feed.body())
                    .contains("<title>Feed " + word + " · Evidence portal</title>")
                    .contains("/documents/" + id)
                    .doesNotContain(draft);

            HttpResponse<String> renewed = api.json(
                    "POST", "/api/account/saved-searches/" + saved.get("id").asText() + "/feed-token", "");
            assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
            String newPath = URI.create(read(renewed).get("feedUrl").asText()).getPath();
            assertThat(newPath).isNotEqualTo(feedPath);

            assertProblem(anonymous.get(feedPath), 404, "not-found");
            assertThat(anonymous.get(newPath).body()).contains("/documents/" + id);
            assertProblem(anonymous.get("/feeds/saved/not-a-token"), 404, "not-found");
        }
    }
}
