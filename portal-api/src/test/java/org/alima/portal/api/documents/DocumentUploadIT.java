package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniquePdf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestPdfs;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@MicronautTest
class DocumentUploadIT extends PortalTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Nested
    class AcceptedUpload {

        @Test
        void answers202WithStatusUrlAndReachesIndexedWithThePdfsPageCount() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            HttpResponse<String> response = api.upload(new Api.Multipart()
                    .metadata("{\"title\": \"Guidance for industry\", \"type\": \"guideline\", \"language\": \"en\"}")
                    .file("fda-guidance.pdf", pdf));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode accepted = read(response);
            String id = accepted.get("id").asText();
            assertThat(accepted.get("status").asText()).isEqualTo("queued");
            assertThat(accepted.get("statusUrl").asText()).isEqualTo("/api/documents/" + id + "/status");
            assertThat(response.headers().firstValue("Location")).hasValue("/api/documents/" + id);

            JsonNode status =
                    api.awaitStatus(id, s -> s.get("jobState").asText().equals("done"), PROCESSING);
            assertThat(status.get("status").asText()).isEqualTo("indexed");
            assertThat(status.get("pageCount").asInt()).isEqualTo(3);
            assertThat(status.get("attempts").asInt()).isEqualTo(1);

            JsonNode document = read(api.get("/api/documents/" + id));
            assertThat(document.get("title").asText()).isEqualTo("Guidance for industry");
            assertThat(document.get("type").asText()).isEqualTo("guideline");
            assertThat(document.get("status").asText()).isEqualTo("draft");
            assertThat(document.at("/owner/displayName").asText()).isEqualTo("Test contributor");
            assertThat(document.at("/file/mediaType").asText()).isEqualTo("application/pdf");
            assertThat(document.at("/file/sizeBytes").asLong()).isEqualTo(pdf.length);
            assertThat(document.at("/file/pageCount").asInt()).isEqualTo(3);
            assertThat(document.at("/file/extractionStatus").asText()).isEqualTo("indexed");
            // The PDF has no metadata of its own to fill in: the document itself did not change.
            assertThat(document.get("updatedAt").asText())
                    .isEqualTo(document.get("createdAt").asText());
        }

        @Test
        void keepsTheUploadedBytesExactly() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String id = api.uploadAccepted("simple.pdf", pdf, null);

            HttpResponse<byte[]> file = api.getBytes("/api/documents/" + id + "/file");

            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(pdf);
        }

        @Test
        void keepsTheBytesOfFilesSentAfterTheirMetadataExactlyWhileTheServerIsBusy() {
            AtomicBoolean done = new AtomicBoolean();
            for (int i = 0; i < 3; i++) {
                Thread.ofPlatform().daemon().start(() -> {
                    long spin = 0;
                    while (!done.get()) {
                        spin += System.nanoTime() & 7;
                    }
                });
            }
            try {
                for (int i = 0; i < 20; i++) {
                    byte[] pdf = uniquePdf("sante-psy-tutoriel-choruspro.pdf");
                    String id = api.uploadAccepted("tutoriel.pdf", pdf, "{\"language\": \"fr\"}");

                    assertThat(api.getBytes("/api/documents/" + id + "/file").body())
                            .as("upload %d", i)
                            .isEqualTo(pdf);
                }
            } finally {
                done.set(true);
            }
        }

        @Test
        void marksAPasswordProtectedPdfFailedWithAReasonAfterOneAttempt() {
            String id = api.uploadAccepted("locked.pdf", uniquePdf("password.pdf"), null);

            JsonNode status =
                    api.awaitStatus(id, s -> s.get("jobState").asText().equals("failed"), PROCESSING);

            assertThat(status.get("status").asText()).isEqualTo("failed");
            assertThat(status.get("failureReason").asText()).contains("password");
            assertThat(status.get("attempts").asInt()).isEqualTo(1);
        }

        @Test
        void marksATruncatedPdfFailedAsDamagedAndKeepsTheDocument() {
            String id = api.uploadAccepted(
                    "cut.pdf", TestPdfs.truncated("fda-guidance-excerpt-2.pdf", 8000), "{\"title\": \"Cut short\"}");

            JsonNode status =
                    api.awaitStatus(id, s -> s.get("jobState").asText().equals("failed"), PROCESSING);

            assertThat(status.get("status").asText()).isEqualTo("failed");
            assertThat(status.get("failureReason").asText()).contains("damaged or truncated");
            assertThat(status.get("attempts").asInt()).isEqualTo(1);
            assertThat(read(api.get("/api/documents/" + id)).get("title").asText())
                    .isEqualTo("Cut short");
        }

        @Test
        void marksAScannedPdfFailedAsNeedingOcrWithItsPageCount() {
            String id = api.uploadAccepted("scan.pdf", TestPdfs.pages(true, true, true), null);

            JsonNode status =
                    api.awaitStatus(id, s -> s.get("jobState").asText().equals("failed"), PROCESSING);

            assertThat(status.get("status").asText()).isEqualTo("failed");
            assertThat(status.get("failureReason").asText())
                    .isEqualTo("needs OCR; OCR is turned off on this server (all 3 of its pages are scanned images"
                            + " without text)");
            assertThat(status.get("imageOnlyPages").asInt()).isEqualTo(3);
            assertThat(status.get("attempts").asInt()).isEqualTo(1);
            assertThat(api.get("/api/documents/" + id).statusCode()).isEqualTo(200);
        }

        @Test
        void indexesAPartlyScannedPdfAndCountsItsScannedPages() {
            String id = api.uploadAccepted("mixed.pdf", TestPdfs.pages(false, true, false), null);

            JsonNode status = api.awaitIndexed(id);

            assertThat(status.get("pageCount").asInt()).isEqualTo(3);
            assertThat(status.get("imageOnlyPages").asInt()).isEqualTo(1);
            assertThat(read(api.get("/api/documents/" + id))
                            .at("/file/imageOnlyPages")
                            .asInt())
                    .isEqualTo(1);
        }

        @Test
        void acceptsUtf8MarkdownAndIndexesItsTextWithoutTheMarkup() {
            String text = "# Protocole de prise en charge\n\nMalnutrition aiguë sévère — enfants de 6 à 59 mois. "
                    + System.nanoTime();
            String id = api.uploadAccepted("protocole.md", text.getBytes(StandardCharsets.UTF_8), null);

            JsonNode status =
                    api.awaitStatus(id, s -> s.get("jobState").asText().equals("done"), PROCESSING);

            assertThat(status.get("status").asText()).isEqualTo("indexed");
            // The heading's "# " is markup, not text.
            assertThat(status.get("characterCount").asLong()).isEqualTo(text.length() - 2);
            JsonNode document = read(api.get("/api/documents/" + id));
            assertThat(document.at("/file/mediaType").asText()).isEqualTo("text/markdown");
            assertThat(document.get("title").asText()).isEqualTo("Protocole de prise en charge");
        }

        @Test
        void storesHtmlThatStartsWithThePdfSignatureAsPdfAndServesItOnlyAsAnAttachment() {
            byte[] html = ("%PDF-1.4\n<html><body><script>alert(document.cookie)</script>" + System.nanoTime()
                            + "</body></html>")
                    .getBytes(StandardCharsets.US_ASCII);
            String id = api.uploadAccepted("page.html", html, null);

            HttpResponse<byte[]> file = api.getBytes("/api/documents/" + id + "/file");

            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(file.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("attachment;"));
            assertThat(file.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(value -> assertThat(value).contains("sandbox"));
            // PDFBox cannot read it: the worker says so instead of pretending.
            JsonNode status =
                    api.awaitStatus(id, s -> s.get("jobState").asText().equals("failed"), PROCESSING);
            assertThat(status.get("failureReason").asText()).contains("damaged");
        }

        @Test
        void takesOnlyTheLastSegmentOfAPathTraversingFileName() {
            String id = api.uploadAccepted(
                    "../../etc/passwd", ("root:x:0:0 " + System.nanoTime()).getBytes(StandardCharsets.UTF_8), null);

            JsonNode document = read(api.get("/api/documents/" + id));

            assertThat(document.at("/file/name").asText()).isEqualTo("passwd");
        }

        @Test
        void removesControlCharactersFromTheFileName() {
            String id = api.uploadAccepted(
                    "re\u0001port\u007f\u001b[31m.txt",
                    ("text " + System.nanoTime()).getBytes(StandardCharsets.UTF_8),
                    null);

            JsonNode document = read(api.get("/api/documents/" + id));

            assertThat(document.at("/file/name").asText()).isEqualTo("report[31m.txt");
        }

        @Test
        void acceptsMetadataSentAfterTheFile() {
            byte[] text = ("notes " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response =
                    api.upload(new Api.Multipart().file("notes.txt", text).metadata("{\"title\": \"Field notes\"}"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode document =
                    read(api.get("/api/documents/" + read(response).get("id").asText()));
            assertThat(document.get("title").asText()).isEqualTo("Field notes");
        }
    }

    @Nested
    class RefusedUpload {

        @Test
        void answers409NamingTheExistingDocumentForTheSameBytes() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String first = api.uploadAccepted("first.pdf", pdf, null);

            HttpResponse<String> again = api.upload(new Api.Multipart().file("again.pdf", pdf));

            JsonNode problem = assertProblem(again, 409, "duplicate-file");
            assertThat(problem.get("existingId").asText()).isEqualTo(first);
            assertThat(problem.get("detail").asText()).contains(first);
        }

        @Test
        void answers400ForAnEmptyFile() {
            assertProblem(api.upload(new Api.Multipart().file("empty.pdf", new byte[0])), 400, "empty-file");
        }

        @Test
        void answers413ForAFileOverTheLimit() {
            byte[] big = new byte[1_200_000];
            Arrays.fill(big, (byte) 'a');

            JsonNode problem =
                    assertProblem(api.upload(new Api.Multipart().file("big.txt", big)), 413, "file-too-large");

            assertThat(problem.get("detail").asText()).contains("1048576");
        }

        @Test
        void answers415ForPngBytesNamedPdf() {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

            assertProblem(api.upload(new Api.Multipart().file("scan.pdf", png)), 415, "unsupported-media-type");
        }

        @Test
        void answers415ForTextThatIsNotUtf8() {
            byte[] latin1 = "Résumé de l'étude".getBytes(StandardCharsets.ISO_8859_1);

            assertProblem(api.upload(new Api.Multipart().file("resume.txt", latin1)), 415, "unsupported-media-type");
        }

        @Test
        void answers400NamingTheFilePartWhenItIsMissing() {
            HttpResponse<String> response = api.upload(new Api.Multipart().metadata("{\"title\": \"No file\"}"));

            assertThat(fields(assertProblem(response, 400, "invalid-field"))).containsExactly("file");
        }

        @Test
        void answers413NamingTheMetadataPartWhenItIsOverThePartLimit() {
            // The tests' part limit is 1 MB (production: 100 MB, where the title's own bound answers; see
            // DocumentApiIT for a 10 MB title).
            String title = "a".repeat(10 * 1024 * 1024);

            HttpResponse<String> response = api.upload(new Api.Multipart()
                    .metadata("{\"title\": \"" + title + "\"}")
                    .file("x.txt", "x".getBytes(StandardCharsets.UTF_8)));

            assertThat(fields(assertProblem(response, 413, "request-too-large")))
                    .containsExactly("metadata");
        }

        @Test
        void answers413NamingTheMetadataPartOver64KbWhateverTheFileLimit() {
            String abstractText = "a".repeat(70 * 1024);

            HttpResponse<String> response = api.upload(new Api.Multipart()
                    .file("x.txt", "x".getBytes(StandardCharsets.UTF_8))
                    .metadata("{\"abstract\": \"" + abstractText + "\"}"));

            JsonNode problem = assertProblem(response, 413, "request-too-large");
            assertThat(fields(problem)).containsExactly("metadata");
            assertThat(problem.get("detail").asText()).contains("65536");
        }

        @Test
        void answers400NamingTitleForATitleOverAThousandCharacters() {
            HttpResponse<String> response = api.upload(new Api.Multipart()
                    .metadata("{\"title\": \"" + "a".repeat(1001) + "\"}")
                    .file("x.txt", "x".getBytes(StandardCharsets.UTF_8)));

            JsonNode problem = assertProblem(response, 400, "invalid-field");
            assertThat(fields(problem)).containsExactly("title");
            assertThat(problem.at("/errors/0/message").asText()).contains("1000");
        }

        @Test
        void answers400NamingTheFieldThatHoldsANulCharacter() {
            HttpResponse<String> response = api.upload(new Api.Multipart()
                    .metadata("{\"title\": \"Study\\u0000\", \"abstract\": \"fine\"}")
                    .file("x.txt", "x".getBytes(StandardCharsets.UTF_8)));

            JsonNode problem = assertProblem(response, 400, "invalid-field");
            assertThat(fields(problem)).containsExactly("title");
            assertThat(problem.at("/errors/0/message").asText()).contains("NUL");
        }

        @Test
        void answers400NamingTheFieldThatHoldsALoneSurrogate() {
            HttpResponse<String> response = api.upload(new Api.Multipart()
                    .metadata("{\"authors\": [{\"name\": \"Ad\\ud800a\"}]}")
                    .file("x.txt", "x".getBytes(StandardCharsets.UTF_8)));

            JsonNode problem = assertProblem(response, 400, "invalid-field");
            assertThat(fields(problem)).containsExactly("authors[0].name");
            assertThat(problem.at("/errors/0/message").asText()).contains("surrogate");
        }

        @Test
        void answers400ForMalformedMetadataJson() {
            HttpResponse<String> response = api.upload(new Api.Multipart()
                    .metadata("{\"title\": \"unfinished")
                    .file("x.txt", "x".getBytes(StandardCharsets.UTF_8)));

            assertThat(fields(assertProblem(response, 400, "malformed-json"))).containsExactly("metadata");
        }

        @Test
        void answers400NamingEveryInvalidMetadataField() {
            HttpResponse<String> response =
                    api.upload(new Api.Multipart().metadata("""
                            {"type": "novel", "language": "French", "countries": ["ML", "XX"],
                             "doi": "doi.org/10.1/x", "publicationDate": "2023-02-30",
                             "authors": [{"name": "A", "orcid": "0000-0002-1825-0098"}]}
                            """).file("x.txt", "x".getBytes(StandardCharsets.UTF_8)));

            assertThat(fields(assertProblem(response, 400, "invalid-field")))
                    .containsExactlyInAnyOrder(
                            "type", "language", "countries[1]", "doi", "publicationDate", "authors[0].orcid");
        }
    }
}
