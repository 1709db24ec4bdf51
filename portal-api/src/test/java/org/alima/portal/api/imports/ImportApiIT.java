package org.alima.portal.api.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/imports} and {@code GET /api/imports/{id}} against the real server, worker and database: a ZIP of
 * real PDFs with a CSV that has a bad row, followed to its end; then the ZIPs and requests refused at the door.
 */
@MicronautTest
class ImportApiIT extends PortalTest {

    @Test
    void importsAZipInTheBackgroundAndReportsEveryLine() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] malaria = Api.uniquePdf("severe-malaria-children-en.pdf");
        files.put("reports/malaria.pdf", malaria);
        files.put("reports/malaria-again.pdf", malaria);
        files.put("fda.pdf", Api.uniquePdf("fda-guidance-excerpt-2.pdf"));
        files.put("note.txt", ("Cholera note " + Api.uniqueWord()).getBytes(StandardCharsets.UTF_8));
        String csv = """
                file,title,type,language,countries
                fda.pdf,FDA guidance,guideline,en,US
                malaria.pdf,Severe malaria,guideline,en,ML;BF
                note.txt,A note,memo,en,
                """;

        HttpResponse<String> sent = api.upload(
                "/api/imports",
                new Api.Multipart()
                        .file("file", "library.zip", zip(files))
                        .file("metadata", "library.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String statusUrl = Api.read(sent).get("statusUrl").asText();
        JsonNode done =
                api.awaitJson(statusUrl, state -> state.get("state").asText().equals("done"), Duration.ofSeconds(60));
        assertThat(done.get("total").asInt()).isEqualTo(4);
        assertThat(done.get("counts").get("imported").asInt()).isEqualTo(2);
        assertThat(done.get("counts").get("skippedDuplicate").asInt()).isEqualTo(1);
        assertThat(done.get("counts").get("failed").asInt()).isEqualTo(1);
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        done.get("lines").forEach(line -> lines.put(line.get("path").asText(), line));
        assertThat(lines.get("note.txt").get("line").asInt()).isEqualTo(4);
        assertThat(lines.get("note.txt").get("outcome").asText()).isEqualTo("failed");
        assertThat(lines.get("note.txt").get("reason").asText()).contains("type", "must be one of");
        assertThat(lines.get("reports/malaria.pdf").get("outcome").asText()).isEqualTo("skipped-duplicate");
        JsonNode copy = lines.get("reports/malaria-again.pdf");
        assertThat(copy.get("outcome").asText()).isEqualTo("imported");
        assertThat(lines.get("reports/malaria.pdf").get("documentId").asText())
                .isEqualTo(copy.get("documentId").asText());
        String fda = lines.get("fda.pdf").get("documentId").asText();
        JsonNode document = Api.read(api.get("/api/documents/" + fda));
        assertThat(document.get("title").asText()).isEqualTo("FDA guidance");
        assertThat(document.get("status").asText()).isEqualTo("draft");
        api.awaitIndexed(fda);

        // Another account does not learn of it.
        Api other = anonymous.as(TestAccounts.create(anonymous, "contributor").token());
        Api.assertProblem(other.get(statusUrl), 404, "not-found");
    }

    @Test
    void refusesAZipWhosePathsLeaveItsFolder() throws Exception {
        HttpResponse<String> sent = api.upload(
                "/api/imports",
                new Api.Multipart()
                        .file("file", "evil.zip", zip(Map.of("../../evil.txt", "x".getBytes(StandardCharsets.UTF_8)))));

        JsonNode problem = Api.assertProblem(sent, 400, "invalid-field");
        assertThat(Api.fields(problem)).containsExactly("file");
        assertThat(problem.toString()).contains("leads outside");
    }

    @Test
    void refusesWhatIsNoZip() {
        HttpResponse<String> sent = api.upload(
                "/api/imports",
                new Api.Multipart().file("file", "library.zip", Api.uniquePdf("fda-guidance-excerpt-2.pdf")));

        JsonNode problem = Api.assertProblem(sent, 400, "invalid-field");
        assertThat(problem.toString()).contains("is not a readable ZIP");
    }

    @Test
    void refusesPublishingToAContributor() throws Exception {
        HttpResponse<String> sent = api.upload(
                "/api/imports",
                new Api.Multipart()
                        .file("file", "library.zip", zip(Map.of("a.txt", "a".getBytes(StandardCharsets.UTF_8))))
                        .field("status", "published"));

        JsonNode problem = Api.assertProblem(sent, 400, "invalid-field");
        assertThat(Api.fields(problem)).containsExactly("status");
        assertThat(problem.toString()).contains("only a curator or an administrator may publish");
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
