package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniquePdf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A document's pages over HTTP: the text of one page, the page alone as a PDF, and the light page view. */
@MicronautTest(transactional = false)
class DocumentPagesIT extends PortalTest {

    @Value("${portal.data-dir}")
    String dataDirectory;

    private Api curator;

    /** A French procedure of 5 pages, due for review on 15 January 2022; page 4 reads "vérifier … la ligne TVA". */
    private String procedure;

    @BeforeEach
    void publishTheProcedure() {
        if (curator == null) {
            curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
            procedure = api.uploadAccepted(
                    "tutoriel.pdf",
                    uniquePdf("sante-psy-tutoriel-choruspro.pdf"),
                    "{\"title\": \"Facturer sur Chorus Pro\", \"type\": \"operating_procedure\", \"language\": \"fr\","
                            + " \"effectiveDate\": \"2021-11-15\", \"reviewDueDate\": \"2022-01-15\"}");
            api.awaitIndexed(procedure);
            TestDocuments.publish(curator, procedure);
        }
    }

    @Nested
    class TheTextOfAPage {

        @Test
        void isThePagesWholeTextWithTheQuerysWordsMarkedAndItsNeighboursAndDownloadSizes() {
            JsonNode page = read(
                    anonymous.get("/api/documents/" + procedure + "/pages/4?q=" + Api.encode("verifier ligne TVA")));

            assertThat(page.get("id").asText()).isEqualTo(procedure);
            assertThat(page.get("title").asText()).isEqualTo("Facturer sur Chorus Pro");
            assertThat(page.get("page").asInt()).isEqualTo(4);
            assertThat(page.get("pageCount").asInt()).isEqualTo(5);
            assertThat(page.get("text").asText()).contains("<mark>TVA</mark>").contains("<mark>ligne</mark>");
            assertThat(page.get("marks").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(page.get("previous").asInt()).isEqualTo(3);
            assertThat(page.get("next").asInt()).isEqualTo(5);
            assertThat(page.get("view").asText())
                    .isEqualTo("/documents/" + procedure + "/pages/4?q=verifier+ligne+TVA");
            JsonNode file = read(anonymous.get("/api/documents/" + procedure)).get("file");
            assertThat(page.at("/file/sizeBytes").asLong())
                    .isEqualTo(file.get("sizeBytes").asLong());
            assertThat(page.at("/pdf/url").asText()).isEqualTo("/api/documents/" + procedure + "/pages/4.pdf");
            assertThat(page.at("/pdf/sizeBytes").asLong()).isPositive();
            assertThat(page.get("reviewOverdueSince").asText()).isEqualTo("2022-01-15");
        }

        @Test
        void hasNoPreviousPageOnTheFirstAndNoNextOnTheLast() {
            JsonNode first = read(anonymous.get("/api/documents/" + procedure + "/pages/1"));
            JsonNode last = read(anonymous.get("/api/documents/" + procedure + "/pages/5"));

            assertThat(first.get("previous").isNull()).isTrue();
            assertThat(first.get("marks").asInt()).isZero();
            assertThat(last.get("next").isNull()).isTrue();
        }

        @Test
        void pastTheEndIsAProblemNamingTheLastPage() {
            JsonNode past =
                    assertProblem(anonymous.get("/api/documents/" + procedure + "/pages/6"), 404, "page-out-of-range");
            JsonNode pastPdf = assertProblem(
                    anonymous.get("/api/documents/" + procedure + "/pages/9.pdf"), 404, "page-out-of-range");

            assertThat(past.get("detail").asText())
                    .contains("has 5 pages")
                    .contains("/api/documents/" + procedure + "/pages/5");
            assertThat(fields(past)).containsExactly("page");
            assertThat(past.at("/errors/0/message").asText()).contains("between 1 and 5");
            assertThat(pastPdf.get("detail").asText()).contains("has 5 pages");
        }

        @Test
        void refusesWhatIsNotAPageNumber() {
            for (String page : new String[] {"0", "abc", "4.docx", "-1", "1234567"}) {
                assertThat(fields(assertProblem(
                                anonymous.get("/api/documents/" + procedure + "/pages/" + page), 400, "invalid-field")))
                        .as(page)
                        .containsExactly("page");
            }
        }
    }

    @Nested
    class ThePageAloneAsAPdf {

        @Test
        void isOnePageCutFromTheFileKeptUnderTheDataDirectoryWithAnEntityTag() throws IOException {
            HttpResponse<byte[]> pdf = anonymous.getBytes("/api/documents/" + procedure + "/pages/4.pdf");

            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
                    .startsWith("inline")
                    .contains("tutoriel-p4.pdf");
            try (PDDocument page = Loader.loadPDF(pdf.body())) {
                assertThat(page.getNumberOfPages()).isEqualTo(1);
                assertThat(new PDFTextStripper().getText(page)).contains("TVA");
            }
            String sha256 = read(anonymous.get("/api/documents/" + procedure))
                    .at("/file/sha256")
                    .asText();
            Path cached =
                    Path.of(dataDirectory).resolve("page-cache").resolve(sha256).resolve("4.pdf");
            assertThat(cached).exists();
            assertThat(Files.readAllBytes(cached)).isEqualTo(pdf.body());
            String etag = pdf.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).isEqualTo("\"" + sha256 + ".p4\"");

            HttpResponse<byte[]> again =
                    anonymous.getBytes("/api/documents/" + procedure + "/pages/4.pdf", "If-None-Match", etag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(anonymous
                            .getBytes("/api/documents/" + procedure + "/pages/4.pdf")
                            .body())
                    .as("served from the cache")
                    .isEqualTo(pdf.body());
        }

        @Test
        void isRefusedForADocumentThatIsNotAPdf() {
            String text = TestDocuments.published(api, curator, "Notes de terrain", "{\"language\": \"fr\"}");

            assertProblem(anonymous.get("/api/documents/" + text + "/pages/1.pdf"), 409, "page-unavailable");
            assertThat(read(anonymous.get("/api/documents/" + text + "/pages/1"))
                            .get("pdf")
                            .isNull())
                    .isTrue();
        }
    }

    @Nested
    class Visibility {

        @Test
        void aDraftsPagesAreItsOwnersOnly() {
            String draft = api.uploadAccepted("draft.pdf", uniquePdf("fda-guidance-excerpt-2.pdf"), null);
            api.awaitIndexed(draft);

            assertProblem(anonymous.get("/api/documents/" + draft + "/pages/1"), 404, "not-found");
            assertProblem(anonymous.get("/api/documents/" + draft + "/pages/1.pdf"), 404, "not-found");
            assertThat(api.get("/api/documents/" + draft + "/pages/1").statusCode())
                    .isEqualTo(200);
            assertThat(api.getBytes("/api/documents/" + draft + "/pages/1.pdf").statusCode())
                    .isEqualTo(200);
        }

        @Test
        void aWithdrawnDocumentsPagesAreGoneForReaders() {
            String withdrawn = api.uploadAccepted("gone.pdf", uniquePdf("fda-guidance-excerpt-2.pdf"), null);
            api.awaitIndexed(withdrawn);
            TestDocuments.publish(curator, withdrawn);
            TestDocuments.transition(curator, withdrawn, "withdraw", "{\"reason\": \"Replaced by the 2025 guidance\"}");

            assertProblem(anonymous.get("/api/documents/" + withdrawn + "/pages/1.pdf"), 410, "document-withdrawn");
            assertProblem(anonymous.get("/api/documents/" + withdrawn + "/pages/1"), 410, "document-withdrawn");
        }
    }

    @Nested
    class ThePageView {

        @Test
        void isASmallPageWithoutScriptInTheReadersLanguageWithTheWordsMarked() {
            HttpResponse<String> view = anonymous.get(
                    "/documents/" + procedure + "/pages/4?q=" + Api.encode("verifier TVA"),
                    "Accept-Language",
                    "fr-FR,fr;q=0.9");

            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(view.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(view.headers().firstValue("Content-Language")).hasValue("fr");
            assertThat(view.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'none'")
                    .contains("style-src 'sha256-");
            String html = view.body();
            assertThat(html.getBytes(StandardCharsets.UTF_8).length)
                    .as("a few KB")
                    .isLessThan(12_000);
            assertThat(html)
                    .contains("<html lang=\"fr\">")
                    .doesNotContain("<script")
                    .contains("<h1 lang=\"fr\">Facturer sur Chorus Pro</h1>")
                    .contains("Page 4 sur 5")
                    .contains("<mark>TVA</mark>")
                    .contains("Révision en retard depuis le 15 janvier 2022")
                    .contains("rel=\"prev\" href=\"/documents/" + procedure + "/pages/3?q=verifier+TVA&amp;lang=fr\"")
                    .contains("rel=\"next\" href=\"/documents/" + procedure + "/pages/5?q=verifier+TVA&amp;lang=fr\"")
                    .contains("href=\"/api/documents/" + procedure + "/pages/4.pdf\"")
                    .containsPattern("Cette page seule \\(PDF, [0-9,]+ ko\\)")
                    .containsPattern("Le document entier \\(PDF, [0-9,]+ ko\\)");
        }

        @Test
        void isInEnglishWhenAsked() {
            String html = anonymous
                    .get("/documents/" + procedure + "/pages/1?lang=en", "Accept-Language", "fr")
                    .body();

            assertThat(html)
                    .contains("<html lang=\"en\">")
                    .contains("Page 1 of 5")
                    .contains("Review overdue since January 15, 2022")
                    .contains("The whole document (PDF,")
                    .doesNotContain("rel=\"prev\"");
        }

        @Test
        void pastTheEndOffersTheLastPage() {
            HttpResponse<String> past = anonymous.get("/documents/" + procedure + "/pages/8?lang=en");

            assertThat(past.statusCode()).isEqualTo(404);
            assertThat(past.body())
                    .contains("This document has 5 pages: page 8 does not exist.")
                    .contains("href=\"/documents/" + procedure + "/pages/5?lang=en\"");
        }

        @Test
        void anUnknownOrMalformedDocumentIsNotFound() {
            HttpResponse<String> malformed = anonymous.get("/documents/not-an-id/pages/1", "Accept-Language", "fr");
            HttpResponse<String> unknown =
                    anonymous.get("/documents/00000000-0000-0000-0000-000000000000/pages/1?lang=en");

            assertThat(malformed.statusCode()).isEqualTo(404);
            assertThat(malformed.body()).contains("Document introuvable");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("Document not found");
        }
    }
}
