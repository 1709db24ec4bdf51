package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.uniquePdf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestPdfs;
import org.alima.portal.api.indexing.ProcessingFailure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Uploads against the real server, worker and database. Accepted uploads and what becomes of them go through the typed
 * client ({@link DocumentsClient}); a stored file is read raw, as bytes and headers (see {@code DocumentFilesApi}), and
 * refused uploads are sent raw, since most break the contract on purpose (no file, malformed JSON, parts over their
 * bound) and the client reads only successful answers.
 */
@MicronautTest
class DocumentUploadIT extends PortalTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Inject
    DocumentsClient documents;

    @Nested
    class AcceptedUpload {

        @Test
        void answers202WithStatusUrlAndReachesIndexedWithThePdfsPageCount() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            var response = documents.upload(
                    DocumentsClient.file(
                            "fda-guidance.pdf",
                            pdf,
                            "{\"title\": \"Guidance for industry\", \"type\": \"guideline\", \"language\": \"en\"}"),
                    contributor);

            assertThat(response.code()).isEqualTo(202);
            DocumentController.UploadAccepted accepted = response.body();
            String id = accepted.id();
            assertThat(accepted.status()).isEqualTo("queued");
            assertThat(accepted.statusUrl()).isEqualTo("/api/documents/" + id + "/status");
            assertThat(response.header(HttpHeaders.LOCATION)).isEqualTo("/api/documents/" + id);

            ProcessingStatus status = awaitStatus(id, s -> "done".equals(s.jobState()));
            assertThat(status.status()).isEqualTo("indexed");
            assertThat(status.pageCount()).isEqualTo(3);
            assertThat(status.attempts()).isEqualTo(1);

            DocumentResponse document = get(id);
            assertThat(document.metadata().title()).isEqualTo("Guidance for industry");
            assertThat(document.metadata().type()).isEqualTo("guideline");
            assertThat(document.status()).isEqualTo("draft");
            assertThat(document.owner().displayName()).isEqualTo("Test contributor");
            assertThat(document.file().mediaType()).isEqualTo("application/pdf");
            assertThat(document.file().sizeBytes()).isEqualTo(pdf.length);
            assertThat(document.file().pageCount()).isEqualTo(3);
            assertThat(document.file().extractionStatus()).isEqualTo("indexed");
            // The PDF has no metadata of its own to fill in: the document itself did not change.
            assertThat(document.updatedAt()).isEqualTo(document.createdAt());
        }

        @Test
        void keepsTheUploadedBytesExactly() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String id = upload("simple.pdf", pdf, null);

            HttpResponse<byte[]> file = api.getBytes("/api/documents/" + id + "/file");

            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(pdf);
        }

        @Test
        void keepsTheBytesOfFilesSentAfterTheirMetadataExactlyWhileTheServerIsBusy() {
            // Raw: the regression came with the framing of the parts as the raw client writes them.
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
            String id = upload("locked.pdf", uniquePdf("password.pdf"), null);

            ProcessingStatus status = awaitStatus(id, s -> "failed".equals(s.jobState()));

            assertThat(status.status()).isEqualTo("failed");
            assertThat(status.failureReason()).contains("password");
            assertThat(status.failureCode()).isEqualTo(ProcessingFailure.ENCRYPTED);
            assertThat(status.attempts()).isEqualTo(1);
            // Read raw: the code as clients read it, on the processing status and on the document.
            assertThat(Api.read(api.get("/api/documents/" + id + "/status"))
                            .get("failureCode")
                            .asText())
                    .isEqualTo("encrypted");
            assertThat(Api.read(api.get("/api/documents/" + id))
                            .at("/file/failureCode")
                            .asText())
                    .isEqualTo("encrypted");
        }

        @Test
        void marksATruncatedPdfFailedAsDamagedAndKeepsTheDocument() {
            String id = upload(
                    "cut.pdf", TestPdfs.truncated("fda-guidance-excerpt-2.pdf", 8000), "{\"title\": \"Cut short\"}");

            ProcessingStatus status = awaitStatus(id, s -> "failed".equals(s.jobState()));

            assertThat(status.status()).isEqualTo("failed");
            assertThat(status.failureReason()).contains("damaged or truncated");
            assertThat(status.failureCode()).isEqualTo(ProcessingFailure.MALFORMED);
            assertThat(status.failureParameters()).isNull();
            assertThat(Api.read(api.get("/api/documents/" + id))
                            .at("/file/failureCode")
                            .asText())
                    .isEqualTo("malformed");
            assertThat(status.attempts()).isEqualTo(1);
            assertThat(get(id).metadata().title()).isEqualTo("Cut short");
        }

        @Test
        void marksAScannedPdfFailedAsNeedingOcrWithItsPageCount() {
            String id = upload("scan.pdf", TestPdfs.pages(true, true, true), null);

            ProcessingStatus status = awaitStatus(id, s -> "failed".equals(s.jobState()));

            assertThat(status.status()).isEqualTo("failed");
            assertThat(status.failureReason())
                    .isEqualTo("needs OCR; OCR is turned off on this server (all 3 of its pages are scanned images"
                            + " without text)");
            assertThat(status.imageOnlyPages()).isEqualTo(3);
            assertThat(status.failureCode()).isEqualTo(ProcessingFailure.OCR_TURNED_OFF);
            assertThat(status.failureParameters()).containsEntry("pages", 3);
            assertThat(status.attempts()).isEqualTo(1);
            assertThat(get(id).id()).as("kept").isEqualTo(id);
        }

        @Test
        void indexesAPartlyScannedPdfAndCountsItsScannedPages() {
            String id = upload("mixed.pdf", TestPdfs.pages(false, true, false), null);

            ProcessingStatus status =
                    awaitStatus(id, s -> "done".equals(s.jobState()) || "failed".equals(s.jobState()));
            assertThat(status.status()).as(status.toString()).isEqualTo("indexed");

            assertThat(status.pageCount()).isEqualTo(3);
            assertThat(status.imageOnlyPages()).isEqualTo(1);
            assertThat(get(id).file().imageOnlyPages()).isEqualTo(1);
        }

        @Test
        void acceptsUtf8MarkdownAndIndexesItsTextWithoutTheMarkup() {
            String text = "# Protocole de prise en charge\n\nMalnutrition aiguë sévère — enfants de 6 à 59 mois. "
                    + System.nanoTime();
            String id = upload("protocole.md", text.getBytes(StandardCharsets.UTF_8), null);

            ProcessingStatus status = awaitStatus(id, s -> "done".equals(s.jobState()));

            assertThat(status.status()).isEqualTo("indexed");
            // The heading's "# " is markup, not text.
            assertThat(status.characterCount()).isEqualTo(text.length() - 2);
            DocumentResponse document = get(id);
            assertThat(document.file().mediaType()).isEqualTo("text/markdown");
            assertThat(document.metadata().title()).isEqualTo("Protocole de prise en charge");
        }

        @Test
        void storesHtmlThatStartsWithThePdfSignatureAsPdfAndServesItOnlyAsAnAttachment() {
            byte[] html = ("%PDF-1.4\n<html><body><script>alert(document.cookie)</script>" + System.nanoTime()
                            + "</body></html>")
                    .getBytes(StandardCharsets.US_ASCII);
            String id = upload("page.html", html, null);

            HttpResponse<byte[]> file = api.getBytes("/api/documents/" + id + "/file");

            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(file.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("attachment;"));
            assertThat(file.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(value -> assertThat(value).contains("sandbox"));
            // PDFBox cannot read it: the worker says so instead of pretending.
            ProcessingStatus status = awaitStatus(id, s -> "failed".equals(s.jobState()));
            assertThat(status.failureReason()).contains("damaged");
        }

        @Test
        void takesOnlyTheLastSegmentOfAPathTraversingFileName() {
            String id = upload(
                    "../../etc/passwd", ("root:x:0:0 " + System.nanoTime()).getBytes(StandardCharsets.UTF_8), null);

            assertThat(get(id).file().name()).isEqualTo("passwd");
        }

        @Test
        void removesControlCharactersFromTheFileName() {
            String id = upload(
                    "re\u0001port\u007f\u001b[31m.txt",
                    ("text " + System.nanoTime()).getBytes(StandardCharsets.UTF_8),
                    null);

            assertThat(get(id).file().name()).isEqualTo("report[31m.txt");
        }

        @Test
        void acceptsMetadataSentAfterTheFile() {
            byte[] text = ("notes " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            var fileFirst = io.micronaut.http.client.multipart.MultipartBody.builder()
                    .addPart("file", "notes.txt", io.micronaut.http.MediaType.TEXT_PLAIN_TYPE, text)
                    .addPart("metadata", "{\"title\": \"Field notes\"}")
                    .build();

            var response = documents.upload(fileFirst, contributor);

            assertThat(response.code()).isEqualTo(202);
            assertThat(get(response.body().id()).metadata().title()).isEqualTo("Field notes");
        }
    }

    /** Uploads as the contributor, failing unless the answer is 202; the new document's id. */
    private String upload(String fileName, byte[] content, String metadata) {
        var accepted = documents.upload(DocumentsClient.file(fileName, content, metadata), contributor);
        assertThat(accepted.code()).isEqualTo(202);
        return accepted.body().id();
    }

    private DocumentResponse get(String id) {
        return documents.get(UUID.fromString(id), contributor);
    }

    private ProcessingStatus awaitStatus(String id, Predicate<ProcessingStatus> done) {
        return documents.awaitStatus(UUID.fromString(id), contributor, PROCESSING, done);
    }

    @Nested
    class RefusedUpload {

        @Test
        void answers409NamingTheExistingDocumentForTheSameBytes() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String first = upload("first.pdf", pdf, null);

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
