package org.alima.portal.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Usage counts over HTTP, against the real database: which requests count, what readers and curators see of the
 * counts, and the export. Each test reads its own document, so that counts do not mix. The counts are written every
 * 100 ms here; a test waits until a request it sent last is counted, after which every earlier one has been too (the
 * queue is flushed whole and in order).
 */
@MicronautTest
class UsageCountsIT extends PortalTest {

    private static final String FIREFOX =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private Api curator;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("portal.usage.flush-interval", "100ms");
        return properties;
    }

    private synchronized Api curator() {
        if (curator == null) {
            curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        }
        return curator;
    }

    /** A published PDF of one page, with a title that CSV must quote. */
    private String publishedPdf() {
        String id = api.uploadAccepted(
                "usage.pdf", Api.uniquePdf("data-in-brief-2019-page.pdf"), """
                {"title": "Malaria, \\"severe\\" cases %s", "type": "article", "language": "en"}""".replace("%s", Api.uniqueWord()));
        TestDocuments.publish(curator(), id);
        TestDocuments.awaitSettled(curator(), id);
        return id;
    }

    private static JsonNode usage(Api caller, String id) {
        HttpResponse<String> answer = caller.get("/api/documents/" + id + "/usage");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Api.read(answer);
    }

    /** The document's usage once {@code written} holds of it: the counts of the requests sent before are written. */
    private static JsonNode awaitUsage(Api caller, String id, Predicate<JsonNode> written) {
        return caller.awaitJson("/api/documents/" + id + "/usage", written, Duration.ofSeconds(20));
    }

    private static Predicate<JsonNode> total(String kind, long n) {
        return usage -> usage.at("/total/" + kind).asLong() == n;
    }

    private static String month() {
        return YearMonth.now(ZoneOffset.UTC).toString();
    }

    @Nested
    class WhatCounts {

        @Test
        void aLandingPageLoadedTwiceWithinThirtySecondsIsOneView() {
            String id = publishedPdf();
            anonymous.get("/documents/" + id, "User-Agent", FIREFOX);
            anonymous.get("/documents/" + id, "User-Agent", FIREFOX);
            anonymous.get("/documents/" + id, "User-Agent", CHROME_ANDROID);
            anonymous.getBytes("/api/documents/" + id + "/file", "User-Agent", FIREFOX);
            JsonNode usage = awaitUsage(anonymous, id, total("downloads", 1));
            assertThat(usage.get("month").asText()).isEqualTo(month());
            assertThat(usage.at("/thisMonth/views").asLong()).isEqualTo(2);
            assertThat(usage.at("/total/views").asLong()).isEqualTo(2);
            assertThat(usage.at("/thisMonth/downloads").asLong()).isEqualTo(1);
        }

        @Test
        void robotsAreNotCounted() {
            String id = publishedPdf();
            anonymous.get("/documents/" + id, "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)");
            anonymous.getBytes("/api/documents/" + id + "/file", "User-Agent", "python-requests/2.31.0");
            anonymous.get("/documents/" + id, "User-Agent", "MOZILLA/5.0 (COMPATIBLE; BINGBOT/2.0)");
            anonymous.getBytes("/api/documents/" + id + "/file", "User-Agent", FIREFOX);
            JsonNode usage = awaitUsage(anonymous, id, total("downloads", 1));
            assertThat(usage.at("/total/views").asLong()).as("robots' views").isZero();
            assertThat(usage.at("/total/downloads").asLong())
                    .as("a reader's download, not a script's")
                    .isEqualTo(1);
        }

        @Test
        void theAppsDocumentPageCountsOnlyTheReadThatSaysItIsAView() {
            String id = publishedPdf();
            anonymous.get("/api/documents/" + id, "User-Agent", FIREFOX);
            anonymous.get("/api/documents/" + id, "User-Agent", CHROME_ANDROID);
            anonymous.get("/api/documents/" + id + "?view=true", "User-Agent", FIREFOX);
            anonymous.getBytes("/api/documents/" + id + "/file", "User-Agent", FIREFOX);
            JsonNode usage = awaitUsage(anonymous, id, total("downloads", 1));
            assertThat(usage.at("/total/views").asLong())
                    .as("only the read with view=true")
                    .isEqualTo(1);
        }

        @Test
        void theWholeFileAndTheOnePagePdfAreDownloadsButNotARangeBeyondTheFirstByte() {
            String id = publishedPdf();
            assertThat(anonymous
                            .getBytes("/api/documents/" + id + "/file", "User-Agent", FIREFOX)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(anonymous
                            .getBytes("/api/documents/" + id + "/pages/1.pdf", "User-Agent", CHROME_ANDROID)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(anonymous
                            .getBytes(
                                    "/api/documents/" + id + "/file",
                                    "User-Agent",
                                    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                                    "Range",
                                    "bytes=100-199")
                            .statusCode())
                    .isEqualTo(206);
            anonymous.get("/documents/" + id, "User-Agent", FIREFOX);
            JsonNode usage = awaitUsage(anonymous, id, total("views", 1));
            assertThat(usage.at("/thisMonth/downloads").asLong()).isEqualTo(2);
        }
    }

    @Nested
    class WhoSeesCounts {

        @Test
        void aDraftIsNotCountedAndItsCountsAreNotFoundToOthers() {
            String draft = TestDocuments.draft(api, "Brouillon " + Api.uniqueWord(), """
                    {"title": "A draft", "type": "study", "language": "en"}""");
            api.get("/api/documents/" + draft + "?view=true", "User-Agent", FIREFOX);
            String published = publishedPdf();
            anonymous.get("/documents/" + published, "User-Agent", FIREFOX);
            awaitUsage(anonymous, published, total("views", 1));
            assertThat(usage(api, draft).at("/total/views").asLong())
                    .as("the owner's own reads of a draft are no usage")
                    .isZero();
            Api.assertProblem(anonymous.get("/api/documents/" + draft + "/usage"), 404, "not-found");
            Api.assertProblem(
                    anonymous.get("/api/documents/00000000-0000-4000-8000-000000000000/usage"), 404, "not-found");
        }

        @Test
        void theLandingPageShowsTheCountsInItsLanguage() {
            String id = publishedPdf();
            anonymous.get("/documents/" + id, "User-Agent", FIREFOX);
            anonymous.getBytes("/api/documents/" + id + "/file", "User-Agent", FIREFOX);
            awaitUsage(anonymous, id, total("views", 1).and(total("downloads", 1)));
            // Read as a crawler, whose reads are not counted: the second page shows what the first showed.
            String english = Jsoup.parse(anonymous
                            .get("/documents/" + id, "Accept-Language", "en", "User-Agent", GOOGLEBOT)
                            .body())
                    .select("#usage")
                    .text();
            assertThat(english).isEqualTo("1 view, 1 download this month · 1 view, 1 download in all");
            String french = Jsoup.parse(anonymous
                            .get("/documents/" + id, "Accept-Language", "fr", "User-Agent", GOOGLEBOT)
                            .body())
                    .select("#usage")
                    .text();
            assertThat(french)
                    .isEqualTo(
                            "1 consultation, 1 téléchargement ce mois-ci · 1 consultation, 1 téléchargement au total");
        }

        @Test
        void theMonthsReportAndTheExportAreForCuratorsOnly() {
            assertThat(api.get("/api/usage").statusCode()).isEqualTo(403);
            assertThat(anonymous.get("/api/usage").statusCode()).isEqualTo(401);
            assertThat(anonymous.get("/api/usage/export.csv").statusCode()).isEqualTo(401);
            assertThat(api.get("/api/usage/export.csv").statusCode()).isEqualTo(403);
        }
    }

    @Nested
    class CuratorsReportAndExport {

        @Test
        void theReportListsTheMonthsMostReadInAllAndByCollection() {
            String id = publishedPdf();
            String slug = "usage-" + Api.uniqueWord().toLowerCase(Locale.ROOT);
            HttpResponse<String> created = curator().json("POST", "/api/collections", """
                    {"slug": "%s", "title": {"en": "Usage", "fr": "Usage"}, "visibility": "private"}""".replace("%s", slug));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> added =
                    curator().json("POST", "/api/collections/" + slug + "/items", "{\"documentId\": \"" + id + "\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            anonymous.get("/documents/" + id, "User-Agent", FIREFOX);
            anonymous.get("/documents/" + id, "User-Agent", CHROME_ANDROID);
            anonymous.getBytes("/api/documents/" + id + "/file", "User-Agent", FIREFOX);
            awaitUsage(anonymous, id, total("views", 2).and(total("downloads", 1)));
            JsonNode report = Api.read(curator().get("/api/usage"));
            assertThat(report.get("month").asText()).isEqualTo(month());
            JsonNode line = find(report.at("/all/documents"), id);
            assertThat(line.get("views").asLong()).isEqualTo(2);
            assertThat(line.get("downloads").asLong()).isEqualTo(1);
            assertThat(line.get("title").asText()).startsWith("Malaria, \"severe\" cases");
            JsonNode group = null;
            for (JsonNode g : report.get("collections")) {
                if (g.get("slug").asText().equals(slug)) {
                    group = g;
                }
            }
            assertThat(group).as("the private collection's group, for curators").isNotNull();
            assertThat(group.at("/usage/views").asLong()).isEqualTo(2);
            assertThat(find(group.at("/usage/documents"), id).get("downloads").asLong())
                    .isEqualTo(1);
        }

        @Test
        void theExportHasALinePerDocumentAndMonthWithQuotedTitles() throws IOException {
            String id = publishedPdf();
            anonymous.get("/documents/" + id, "User-Agent", FIREFOX);
            anonymous.getBytes("/api/documents/" + id + "/pages/1.pdf", "User-Agent", FIREFOX);
            awaitUsage(anonymous, id, total("views", 1).and(total("downloads", 1)));
            HttpResponse<String> export = curator().get("/api/usage/export.csv?from=" + month() + "&to=" + month());
            assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            assertThat(export.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(d -> assertThat(d).contains("attachment", ".csv"));
            assertThat(export.body()).startsWith("month,document_id,title,views,downloads\r\n");
            assertThat(export.body()).contains(",\"Malaria, \"\"severe\"\" cases ");
            List<CSVRecord> records = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .get()
                    .parse(new StringReader(export.body()))
                    .getRecords();
            CSVRecord line = records.stream()
                    .filter(r -> r.get("document_id").equals(id))
                    .findFirst()
                    .orElseThrow();
            assertThat(line.get("month")).isEqualTo(month());
            assertThat(line.get("title")).startsWith("Malaria, \"severe\" cases");
            assertThat(line.get("views")).isEqualTo("1");
            assertThat(line.get("downloads")).isEqualTo("1");
        }

        @Test
        void aMalformedMonthOrRangeIsAFieldError() {
            JsonNode problem = Api.assertProblem(curator().get("/api/usage?month=2026-13"), 400, "invalid-field");
            assertThat(Api.fields(problem)).containsExactly("month");
            problem = Api.assertProblem(
                    curator().get("/api/usage/export.csv?from=2026-05&to=2026-01"), 400, "invalid-field");
            assertThat(Api.fields(problem)).containsExactly("from");
        }
    }

    private static JsonNode find(JsonNode lines, String id) {
        for (JsonNode line : lines) {
            if (line.get("id").asText().equals(id)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + id + " in " + lines);
    }
}
