package org.alima.portal.api.documents;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.read;
import static org.alima.portal.api.Api.uniquePdf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The documents API against the real server and database. Successful calls go through the typed client ({@link
 * DocumentsClient}); bad input and refusals are sent raw, since the client checks its arguments against the contract
 * before sending them and reads only successful answers.
 */
@MicronautTest
class DocumentApiIT extends PortalTest {

    private static final String FULL_METADATA = """
            {"title": "Prise en charge de la malnutrition {aiguë} & 100% des cas_",
             "abstract": "Une étude\\nmulticentrique.",
             "authors": [{"name": "Diallo, Aminata", "orcid": "0000-0002-1825-0097"}, {"name": "Jean Dupont"}],
             "publicationDate": "2023-06-15", "type": "article", "language": "fr",
             "countries": ["ML", "NE"], "topics": ["nutrition", "pédiatrie"],
             "doi": "10.1371/journal.pmed.1002134", "license": "CC-BY-4.0"}
            """;

    @Inject
    DocumentsClient documents;

    private Api curator;

    @BeforeEach
    void signInACurator() {
        if (curator == null) {
            curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        }
    }

    /** A JSON object of text fields, as a PUT or PATCH body. */
    private static io.micronaut.json.tree.JsonNode object(String... namesAndValues) {
        Map<String, io.micronaut.json.tree.JsonNode> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], io.micronaut.json.tree.JsonNode.createStringNode(namesAndValues[i + 1]));
        }
        return io.micronaut.json.tree.JsonNode.createObjectNode(fields);
    }

    private String upload(String metadata) {
        return api.uploadAccepted("note.txt", ("text " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), metadata);
    }

    @Nested
    class Reading {

        @Test
        void returnsTheMetadataAsUploaded() {
            String id = upload(FULL_METADATA);

            DocumentResponse document = documents.get(UUID.fromString(id), contributor);

            assertThat(document.id()).isEqualTo(id);
            DocumentMetadata metadata = document.metadata();
            assertThat(metadata.abstractText()).isEqualTo("Une étude\nmulticentrique.");
            assertThat(metadata.authors().get(0).orcid()).isEqualTo("0000-0002-1825-0097");
            assertThat(metadata.authors().get(1).name()).isEqualTo("Jean Dupont");
            assertThat(metadata.publicationDate()).isEqualTo("2023-06-15");
            assertThat(metadata.countries()).containsExactly("ML", "NE");
            assertThat(document.version()).isEqualTo(1);
            assertThat(document.file().url()).isEqualTo("/api/documents/" + id + "/file");
        }

        @Test
        void answers404ProblemForAnUnknownId() {
            JsonNode problem = assertProblem(api.get("/api/documents/" + UUID.randomUUID()), 404, "not-found");

            assertThat(problem.get("detail").asText()).contains("No document has the id");
        }

        @Test
        void answers404ProblemForTheStatusFileAndCitationOfAnUnknownId() {
            String unknown = "/api/documents/" + UUID.randomUUID();

            assertProblem(api.get(unknown + "/status"), 404, "not-found");
            assertProblem(api.get(unknown + "/file"), 404, "not-found");
            assertProblem(api.get(unknown + "/citation"), 404, "not-found");
        }

        @Test
        void answers400NamingTheIdWhenItIsNotAUuid() {
            assertThat(fields(assertProblem(api.get("/api/documents/not-a-uuid"), 400, "invalid-field")))
                    .containsExactly("id");
        }
    }

    @Nested
    class Listing {

        @Test
        void listsNewestFirstAndFiltersByTypeLanguageCountryAndYear() {
            String marker = UUID.randomUUID().toString().substring(0, 8);
            String older = upload("{\"title\": \"older " + marker + "\", \"type\": \"report\", \"language\": \"fr\","
                    + " \"countries\": [\"CD\"], \"publicationDate\": \"2019-01-01\"}");
            String newer = upload("{\"title\": \"newer " + marker + "\", \"type\": \"report\", \"language\": \"fr\","
                    + " \"countries\": [\"CD\", \"BF\"], \"publicationDate\": \"2019-12-31\"}");
            upload("{\"title\": \"other " + marker + "\", \"type\": \"report\", \"language\": \"en\","
                    + " \"countries\": [\"CD\"], \"publicationDate\": \"2019-05-05\"}");
            upload("{\"title\": \"other year " + marker + "\", \"type\": \"report\", \"language\": \"fr\","
                    + " \"countries\": [\"CD\"], \"publicationDate\": \"2020-01-01\"}");

            DocumentPage page =
                    documents.list("report", "fr", "CD", 2019, null, null, false, null, 1, 100, contributor);

            assertThat(page.items()).extracting(DocumentResponse::id).containsSubsequence(newer, older);
            assertThat(page.items()).allSatisfy(item -> {
                assertThat(item.metadata().type()).isEqualTo("report");
                assertThat(item.metadata().language()).isEqualTo("fr");
                assertThat(item.metadata().publicationDate()).startsWith("2019-");
            });
        }

        @Test
        void pagesWithABoundedSize() {
            upload(null);
            upload(null);

            DocumentPage first = documents.list(null, null, null, null, null, null, false, null, 1, 1, contributor);
            DocumentPage second = documents.list(null, null, null, null, null, null, false, null, 2, 1, contributor);

            assertThat(first.items()).hasSize(1);
            assertThat(first.totalItems()).isGreaterThanOrEqualTo(2);
            assertThat(first.totalPages()).isEqualTo(first.totalItems());
            assertThat(second.items().getFirst().id())
                    .isNotEqualTo(first.items().getFirst().id());
        }

        @Test
        void answers400NamingSizeAndItsBoundForAPageOfAMillion() {
            JsonNode problem = assertProblem(api.get("/api/documents?size=1000000"), 400, "invalid-field");

            assertThat(fields(problem)).containsExactly("size");
            assertThat(problem.at("/errors/0/message").asText()).contains("100");
        }

        @Test
        void answers400NamingPageWhenPageTimesSizeGoesPastTenThousandAsSearchDoes() {
            assertThat(api.get("/api/documents?page=100&size=100").statusCode()).isEqualTo(200);

            JsonNode problem = assertProblem(api.get("/api/documents?page=101&size=100"), 400, "invalid-field");

            assertThat(fields(problem)).containsExactly("page");
            assertThat(problem.at("/errors/0/message").asText()).contains("10000");
        }

        @Test
        void answers400NamingEachInvalidFilter() {
            JsonNode problem = assertProblem(
                    api.get("/api/documents?type=novel&language=FR&country=XX&year=12&page=0"), 400, "invalid-field");

            assertThat(fields(problem)).containsExactlyInAnyOrder("type", "language", "country", "year", "page");
        }

        @Test
        void answers400NamingAPageThatIsNotANumber() {
            assertThat(fields(assertProblem(api.get("/api/documents?page=abc"), 400, "invalid-field")))
                    .containsExactly("page");
        }
    }

    @Nested
    class Editing {

        @Test
        void replacesTheMetadataWithPut() {
            String id = upload(FULL_METADATA);

            DocumentResponse document =
                    documents.replace(UUID.fromString(id), object("title", "Replaced", "type", "report"), contributor);

            assertThat(document.metadata().title()).isEqualTo("Replaced");
            assertThat(document.metadata().doi()).isNull();
            assertThat(document.metadata().authors()).isEmpty();
            assertThat(document.status()).isEqualTo("draft");
        }

        @Test
        void changesOnlyTheGivenFieldsWithPatch() {
            String id = upload(FULL_METADATA);

            DocumentResponse document = documents.patch(
                    UUID.fromString(id),
                    io.micronaut.json.tree.JsonNode.createObjectNode(
                            Map.of("countries", io.micronaut.json.tree.JsonNode.createArrayNode(List.of()))),
                    contributor);

            assertThat(document.metadata().countries()).isEmpty();
            assertThat(document.metadata().doi()).isEqualTo("10.1371/journal.pmed.1002134");
            assertThat(document.metadata().authors()).hasSize(2);
        }

        @Test
        void keepsTheStudyDesignAContributorConfirms() {
            String id = upload(null);

            HttpResponse<String> response =
                    api.json("PATCH", "/api/documents/" + id, "{\"design\": \"randomised_trial\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Api.read(api.get("/api/documents/" + id)).at("/design").asText())
                    .isEqualTo("randomised_trial");
        }

        @Test
        void answers400NamingDesignAndItsCodesForAnUnknownDesign() {
            String id = upload(null);

            JsonNode problem = assertProblem(
                    api.json("PATCH", "/api/documents/" + id, "{\"design\": \"rct\"}"), 400, "invalid-field");

            assertThat(fields(problem)).containsExactly("design");
            assertThat(problem.at("/errors/0/message").asText()).contains("randomised_trial, cohort, case_control");
        }

        @Test
        void answers400NamingTitleForATenMegabyteTitle() {
            String id = upload(null);

            // Ten million characters: under the server's 10 MiB bound on a JSON body, so the title's own bound answers.
            HttpResponse<String> response =
                    api.json("PATCH", "/api/documents/" + id, "{\"title\": \"" + "a".repeat(10_000_000) + "\"}");

            assertThat(fields(assertProblem(response, 400, "invalid-field"))).containsExactly("title");
        }

        @Test
        void answers400NamingTheFieldWithANulCharacter() {
            String id = upload(null);

            HttpResponse<String> response = api.json("PATCH", "/api/documents/" + id, "{\"license\": \"CC\\u0000BY\"}");

            assertThat(fields(assertProblem(response, 400, "invalid-field"))).containsExactly("license");
        }

        @Test
        void answers400NamingTheFieldWithALoneSurrogateSentAsRawBytes() {
            String id = upload(null);
            // "topics": ["<ED A0 80>"]: the UTF-8 encoding of U+D800, which no valid UTF-8 text contains.
            byte[] body = concat(
                    "{\"topics\": [\"".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    "\"]}".getBytes(StandardCharsets.US_ASCII));

            HttpResponse<String> response = api.jsonBytes("PATCH", "/api/documents/" + id, body);

            JsonNode problem = assertProblem(response, 400, "invalid-field");
            assertThat(fields(problem)).containsExactly("topics[0]");
            assertThat(problem.at("/errors/0/message").asText()).contains("surrogate");
        }

        @Test
        void answers413ForAJsonBodyOverTheServersBufferBound() {
            String id = upload(null);

            HttpResponse<String> response =
                    api.json("PATCH", "/api/documents/" + id, "{\"title\": \"" + "a".repeat(11 * 1024 * 1024) + "\"}");

            assertProblem(response, 413, "request-too-large");
        }

        @Test
        void answers400ForMalformedJson() {
            String id = upload(null);

            assertProblem(api.json("PUT", "/api/documents/" + id, "{\"title\": "), 400, "malformed-json");
            assertProblem(api.json("PUT", "/api/documents/" + id, "[1, 2"), 400, "malformed-json");
        }

        @Test
        void answers400ForJsonOfTheWrongShape() {
            String id = upload(null);

            assertProblem(
                    api.json("PUT", "/api/documents/" + id, "{\"authors\": \"everyone\"}"), 400, "malformed-json");
        }

        @Test
        void answers404ForAnUnknownDocument() {
            assertProblem(
                    api.json("PUT", "/api/documents/" + UUID.randomUUID(), "{\"title\": \"x\"}"), 404, "not-found");
        }

        @Test
        void countsVersionsOfADocumentThatSupersedesAnother() {
            String first = upload(null);
            TestDocuments.publish(curator, first);

            String second = newVersion(first);

            DocumentResponse document = documents.get(UUID.fromString(second), contributor);
            assertThat(document.supersedes()).isEqualTo(first);
            assertThat(document.version()).isEqualTo(2);
            TestDocuments.publish(curator, second);
            String third = newVersion(second);
            assertThat(documents.get(UUID.fromString(third), contributor).version())
                    .isEqualTo(3);
        }

        @Test
        void answers404ForANewVersionOfAnUnknownDocument() {
            HttpResponse<String> response = api.upload(
                    "/api/documents/" + UUID.randomUUID() + "/versions",
                    new Api.Multipart().file("v.txt", ("v " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));

            assertProblem(response, 404, "not-found");
        }

        private String newVersion(String of) {
            MultipartBody file = MultipartBody.builder()
                    .addPart(
                            "file",
                            "v.txt",
                            io.micronaut.http.MediaType.TEXT_PLAIN_TYPE,
                            ("v " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8))
                    .build();
            io.micronaut.http.HttpResponse<DocumentController.UploadAccepted> accepted =
                    documents.newVersion(UUID.fromString(of), file, contributor);
            assertThat(accepted.code()).isEqualTo(202);
            return accepted.body().id();
        }
    }

    @Nested
    class WithdrawingAndDeleting {

        @Test
        void withdrawsWithAReasonAndRefusesLaterEdits() {
            String id = upload(FULL_METADATA);
            TestDocuments.publish(curator, id);

            DocumentResponse withdrawn = documents.withdraw(
                    UUID.fromString(id), new WithdrawRequest("Data error found in table 2"), contributor);

            assertThat(withdrawn.status()).isEqualTo("withdrawn");
            assertThat(withdrawn.withdrawnReason()).isEqualTo("Data error found in table 2");
            assertProblem(
                    api.json("PATCH", "/api/documents/" + id, "{\"title\": \"again\"}"), 409, "document-withdrawn");
            assertProblem(
                    api.json("POST", "/api/documents/" + id + "/withdraw", "{\"reason\": \"twice\"}"),
                    409,
                    "document-withdrawn");
        }

        @Test
        void answers400NamingReasonWhenItIsMissing() {
            String id = upload(null);

            HttpResponse<String> response = api.json("POST", "/api/documents/" + id + "/withdraw", "{}");

            assertThat(fields(assertProblem(response, 400, "invalid-field"))).containsExactly("reason");
        }

        @Test
        void deletesDocumentsWhileTheWorkerProcessesThem() {
            // Upload and delete at once, so that deletions meet the worker in the middle of its job.
            for (int i = 0; i < 8; i++) {
                String id = api.uploadAccepted("doc" + i + ".pdf", uniquePdf("fda-guidance-excerpt-2.pdf"), null);

                assertThat(api.delete("/api/documents/" + id).statusCode()).isEqualTo(204);
            }
        }

        @Test
        void deletesTheDocumentAndItsFile() {
            String id = upload(null);

            HttpResponse<String> deleted = api.delete("/api/documents/" + id);

            assertThat(deleted.statusCode()).isEqualTo(204);
            assertProblem(api.get("/api/documents/" + id), 404, "not-found");
            assertProblem(api.get("/api/documents/" + id + "/file"), 404, "not-found");
            assertProblem(api.delete("/api/documents/" + id), 404, "not-found");
        }
    }

    @Nested
    class Downloading {

        @Test
        void servesTheFileAsAnAttachmentWithAnRfc6266FileName() {
            String id = api.uploadAccepted(
                    "Étude à Bamako \"2024\".txt", ("x " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), null);

            HttpResponse<byte[]> file = api.getBytes("/api/documents/" + id + "/file");

            assertThat(file.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"_tude _ Bamako _222024_22.txt\"; filename*=UTF-8''"
                            + "%C3%89tude%20%C3%A0%20Bamako%20%25222024%2522.txt");
            assertThat(file.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }

        @Test
        void answers304WhenTheEtagMatches() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String id = api.uploadAccepted("simple.pdf", pdf, null);
            HttpResponse<byte[]> first = api.getBytes("/api/documents/" + id + "/file");
            String etag = first.headers().firstValue("ETag").orElseThrow();

            HttpResponse<byte[]> again = api.getBytes("/api/documents/" + id + "/file", "If-None-Match", etag);
            HttpResponse<byte[]> other =
                    api.getBytes("/api/documents/" + id + "/file", "If-None-Match", "\"something-else\"");

            assertThat(etag)
                    .isEqualTo("\""
                            + read(api.get("/api/documents/" + id))
                                    .at("/file/sha256")
                                    .asText() + "\"");
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.body()).isEqualTo(pdf);
        }

        @Test
        void answers206WithTheRequestedBytes() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String id = api.uploadAccepted("fda.pdf", pdf, null);

            HttpResponse<byte[]> middle = api.getBytes("/api/documents/" + id + "/file", "Range", "bytes=100-199");
            HttpResponse<byte[]> tail = api.getBytes("/api/documents/" + id + "/file", "Range", "bytes=-10");
            HttpResponse<byte[]> open = api.getBytes("/api/documents/" + id + "/file", "Range", "bytes=20000-");

            assertThat(middle.statusCode()).isEqualTo(206);
            assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + pdf.length);
            assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(pdf, 100, 200));
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(pdf, pdf.length - 10, pdf.length));
            assertThat(open.body()).isEqualTo(Arrays.copyOfRange(pdf, 20000, pdf.length));
        }

        @Test
        void answers416ProblemForARangeBeyondTheEnd() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String id = api.uploadAccepted("simple.pdf", pdf, null);

            HttpResponse<String> response =
                    api.get("/api/documents/" + id + "/file", "Range", "bytes=" + (pdf.length + 10) + "-");

            assertProblem(response, 416, "range-not-satisfiable");
            assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + pdf.length);
        }

        @Test
        void sendsTheWholeFileWhenIfRangeNamesAnotherVersion() {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String id = api.uploadAccepted("simple.pdf", pdf, null);

            HttpResponse<byte[]> response = api.getBytes(
                    "/api/documents/" + id + "/file", "Range", "bytes=0-9", "If-Range", "\"an-older-version\"");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(pdf);
        }
    }

    @Nested
    class Citing {

        @Test
        void writesBibtexWithItsSpecialCharactersEscaped() {
            String id = upload(FULL_METADATA);

            HttpResponse<String> bibtex = api.get("/api/documents/" + id + "/citation?format=bibtex");

            assertThat(bibtex.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-bibtex"));
            assertThat(bibtex.body())
                    .startsWith("@article{diallo2023_" + id.substring(0, 8) + ",")
                    .contains("title = {{Prise en charge de la malnutrition \\{aiguë\\} \\& 100\\% des cas\\_}}")
                    .contains("author = {Diallo, Aminata and Jean Dupont}")
                    .contains("year = {2023}")
                    .contains("doi = {10.1371/journal.pmed.1002134}")
                    .contains("abstract = {Une étude multicentrique.}");
        }

        @Test
        void writesRisOneFieldPerLine() {
            String id = upload(FULL_METADATA);

            String ris =
                    api.get("/api/documents/" + id + "/citation?format=ris").body();

            assertThat(ris.split("\r\n"))
                    .startsWith("TY  - JOUR", "TI  - Prise en charge de la malnutrition {aiguë} & 100% des cas_")
                    .contains("AU  - Diallo, Aminata", "AU  - Jean Dupont", "PY  - 2023", "DA  - 2023/06/15")
                    .contains(
                            "AB  - Une étude multicentrique.", "KW  - nutrition", "DO  - 10.1371/journal.pmed.1002134")
                    .endsWith("ER  - ");
        }

        @Test
        void writesCslJson() {
            String id = upload(FULL_METADATA);

            HttpResponse<String> response = api.get("/api/documents/" + id + "/citation?format=csl-json");

            JsonNode item = read(response).get(0);
            assertThat(item.get("type").asText()).isEqualTo("article-journal");
            assertThat(item.at("/author/0/family").asText()).isEqualTo("Diallo");
            assertThat(item.at("/author/0/given").asText()).isEqualTo("Aminata");
            assertThat(item.at("/author/1/family").asText()).isEqualTo("Dupont");
            assertThat(item.at("/issued/date-parts/0").toString()).isEqualTo("[2023,6,15]");
            assertThat(item.get("DOI").asText()).isEqualTo("10.1371/journal.pmed.1002134");
            assertThat(item.get("title").asText()).contains("{aiguë} & 100%");
        }

        @Test
        void namesThePermanentPublicPageOncePublishedInEveryFormat() {
            String id = upload(FULL_METADATA);
            String draftBibtex =
                    api.get("/api/documents/" + id + "/citation?format=bibtex").body();
            TestDocuments.publish(curator, id);
            String page = api.base().resolve("/documents/" + id).toString();

            assertThat(draftBibtex)
                    .as("a draft's page is not one a reader can open")
                    .doesNotContain("/documents/");
            assertThat(anonymous
                            .get("/api/documents/" + id + "/citation?format=bibtex")
                            .body())
                    .contains("url = {" + page + "}");
            assertThat(anonymous
                            .get("/api/documents/" + id + "/citation?format=ris")
                            .body()
                            .split("\r\n"))
                    .contains("UR  - " + page);
            assertThat(read(anonymous.get("/api/documents/" + id + "/citation?format=csl-json"))
                            .at("/0/URL")
                            .asText())
                    .isEqualTo(page);
            assertThat(anonymous
                            .get(page.substring(page.indexOf("/documents/")))
                            .statusCode())
                    .as("the address opens the document's public page")
                    .isEqualTo(200);
        }

        @Test
        void answers400NamingFormatForAnUnknownFormat() {
            String id = upload(null);

            assertThat(fields(assertProblem(
                            api.get("/api/documents/" + id + "/citation?format=endnote"), 400, "invalid-field")))
                    .containsExactly("format");
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
