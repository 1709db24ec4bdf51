package org.alima.portal.api.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.TestAccounts;

/**
 * The portal's documents and collections as the OAI-PMH tests make and change them: through its HTTP API, as a
 * contributor, a curator and an administrator would, with small text files (a harvest reads metadata, not files).
 */
record Portal(Api contributor, Api curator, Api admin) {

    static Portal of(Api anonymous) {
        return new Portal(
                anonymous.as(TestAccounts.create(anonymous, "contributor").token()),
                anonymous.as(TestAccounts.create(anonymous, "curator").token()),
                anonymous.as(TestAccounts.admin(anonymous)));
    }

    /** Uploads a draft with full metadata and returns its id. */
    String draft(String title, String type) {
        String word = Api.uniqueWord();
        String metadata = String.format(Locale.ROOT, """
                {"title": "%s", "type": "%s", "language": "fr", "abstract": "Résumé de %s.",
                 "authors": [{"name": "Diallo, Aminata", "orcid": "0000-0002-1825-0097"}, {"name": "ALIMA"}],
                 "publicationDate": "2024-03-31", "countries": ["ML", "NE"], "topics": ["malnutrition", "%s"],
                 "doi": "10.5555/%s", "license": "CC-BY-4.0"%s}
                """, title, type, title, word, word, procedureDates(type));
        return contributor.uploadAccepted(
                "notes.txt", (title + " " + word + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), metadata);
    }

    /** The dates an operating procedure needs to be published; nothing for other types. */
    private static String procedureDates(String type) {
        return type.equals("operating_procedure")
                ? ", \"effectiveDate\": \"2024-04-01\", \"reviewDueDate\": \"2029-04-01\""
                : "";
    }

    /** A published document. */
    String published(String title, String type) {
        String id = draft(title, type);
        publish(id);
        return id;
    }

    void publish(String id) {
        ok(curator.json("POST", "/api/documents/" + id + "/publish", "{}"));
    }

    void withdraw(String id) {
        ok(curator.json(
                "POST", "/api/documents/" + id + "/withdraw", "{\"reason\": \"Superseded by the 2025 protocol\"}"));
    }

    void retitle(String id, String title) {
        ok(curator.json("PATCH", "/api/documents/" + id, "{\"title\": \"" + title + "\"}"));
    }

    void delete(String id) {
        HttpResponse<String> deleted = admin.delete("/api/documents/" + id);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }

    /** A new collection, and its slug. */
    String collection(String visibility) {
        String slug = "oai-" + UUID.randomUUID().toString().substring(0, 12);
        HttpResponse<String> created =
                curator.json("POST", "/api/collections", String.format(Locale.ROOT, """
                {"slug": "%s", "title": {"fr": "Protocoles %s", "en": "Protocols %s"}, "visibility": "%s"}
                """, slug, slug, slug, visibility));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return slug;
    }

    void collect(String slug, String id) {
        HttpResponse<String> added =
                curator.json("POST", "/api/collections/" + slug + "/items", "{\"documentId\": \"" + id + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    void makePrivate(String slug) {
        ok(curator.json("PUT", "/api/collections/" + slug, String.format(Locale.ROOT, """
                {"title": {"fr": "Protocoles %s", "en": "Protocols %s"}, "visibility": "private"}
                """, slug, slug)));
    }

    private static void ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
