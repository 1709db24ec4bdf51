package org.alima.portal.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a script would drive it: real files in, real index, JSON out. */
class PortalIndexerCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path library;
    Path index;

    @BeforeEach
    void createLibrary() throws IOException {
        library = Files.createDirectories(dir.resolve("library/procedures"));
        index = dir.resolve("index");
        writePdf(
                library.resolve("rehydratation.pdf"),
                List.of(
                        "Procedure operationnelle standard. Preparation du service et des intrants.",
                        "La rehydratation orale de l'enfant atteint de diarrhee se fait avec une solution"
                                + " de sels de rehydratation a osmolarite reduite.",
                        "Annexes et formulaires de suivi des patients."));
        Files.writeString(dir.resolve("library/abstracts.jsonl"), """
                {"id": "pmid-1", "title": "Malaria rapid diagnostic tests in rural clinics", "text": "Rapid diagnostic tests for malaria were evaluated in rural clinics of Mali.", "language": "en", "year": 2018}
                {"id": "pmid-2", "title": "Measles vaccination coverage", "text": "Coverage of measles vaccination among children under five.", "language": "en", "year": 2020}
                """);
        Files.writeString(dir.resolve("library/not-a-pdf.pdf"), "\u0089PNG\r\n\u001a\nthis is not a pdf");
    }

    @Test
    void indexesFoldersAndRecordsThenReportsFailuresByKind() {
        Result result =
                run("index", "--index", index.toString(), dir.resolve("library").toString());
        assertThat(result.exitCode).isZero();
        assertThat(result.out)
                .contains("Indexed 3 documents, 5 pages")
                .contains("Failures: 1 {unsupported_type=1}")
                .contains("not-a-pdf.pdf");
    }

    @Test
    void searchAsJsonGivesTheStableShapeWithThePageOfTheMatch() throws IOException {
        run("index", "--index", index.toString(), dir.resolve("library").toString());

        Result result = run("search", "--index", index.toString(), "--json", "réhydratation", "diarrhée");

        assertThat(result.exitCode).isZero();
        JsonNode response = JSON.readTree(result.out);
        // Hybrid: the documents nearest in meaning come after the one holding the words.
        assertThat(response.get("total").asLong()).isBetween(1L, 3L);
        JsonNode hit = response.get("hits").get(0);
        assertThat(hit.get("id").asText()).isEqualTo("procedures/rehydratation.pdf");
        assertThat(hit.has("title")).isTrue();
        assertThat(hit.get("score").asDouble()).isPositive();
        assertThat(hit.get("pages").get(0).get("page").asInt()).isEqualTo(2);
        assertThat(hit.get("pages").get(0).get("snippet").asText()).contains("<mark>");
    }

    @Test
    void searchAsJsonNamesTheWordsAPartialMatchLacks() throws IOException {
        run(
                "index",
                "--index",
                index.toString(),
                "--no-semantic",
                dir.resolve("library/abstracts.jsonl").toString());

        JsonNode response =
                JSON.readTree(run("search", "--index", index.toString(), "--json", "measles", "xylophone").out);

        JsonNode hit = response.get("hits").get(0);
        assertThat(hit.get("id").asText()).isEqualTo("pmid-2");
        assertThat(hit.get("missingWords")).hasSize(1);
        assertThat(hit.get("missingWords").get(0).asText()).isEqualTo("xylophone");
        assertThat(response.get("hits").get(0).has("pages")).isTrue();
    }

    @Test
    void recordsAreFoundByTheirOwnIds() throws IOException {
        run(
                "index",
                "--index",
                index.toString(),
                dir.resolve("library/abstracts.jsonl").toString());

        JsonNode response = JSON.readTree(run("search", "--index", index.toString(), "--json", "malaria").out);

        assertThat(response.get("hits").get(0).get("id").asText()).isEqualTo("pmid-1");
    }

    @Test
    void evalPrintsNdcgAndRecallForJudgedQueries() throws IOException {
        run(
                "index",
                "--index",
                index.toString(),
                dir.resolve("library/abstracts.jsonl").toString());
        Path queries = Files.writeString(
                dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"measles vaccine coverage?\"}\n");
        Path qrels = Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\tpmid-2\t1\n");

        Result result =
                run("eval", "--index", index.toString(), "--queries", queries.toString(), "--qrels", qrels.toString());

        assertThat(result.exitCode).isZero();
        assertThat(result.out)
                .contains("queries.jsonl: 1 queries")
                .containsPattern("bm25 +nDCG@10 1\\.0000 +recall@100 1\\.0000")
                .containsPattern("dense +nDCG@10 1\\.0000 +recall@100 1\\.0000")
                .containsPattern("hybrid \\(the portal's default\\) +nDCG@10 1\\.0000")
                .contains("nDCG@10:     1.0000  (queries.jsonl)");
    }

    @Test
    void evalOfAWordsOnlyIndexSaysWhyDenseAndHybridAreLeftOut() throws IOException {
        run(
                "index",
                "--no-semantic",
                "--index",
                index.toString(),
                dir.resolve("library/abstracts.jsonl").toString());
        Path queries = Files.writeString(
                dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"measles vaccine coverage?\"}\n");
        Path qrels = Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\tpmid-2\t1\n");

        Result result =
                run("eval", "--index", index.toString(), "--queries", queries.toString(), "--qrels", qrels.toString());

        assertThat(result.exitCode).isZero();
        assertThat(result.out)
                .containsPattern("dense +skipped: the index holds no vectors")
                .containsPattern("bm25 \\(the portal's default\\) +nDCG@10 1\\.0000")
                .contains("nDCG@10:     1.0000  (queries.jsonl)");
    }

    @Test
    void rebuildReextractsEverySourceAndKeepsTheDocuments() {
        run("index", "--index", index.toString(), dir.resolve("library").toString());

        Result result = run("rebuild", "--index", index.toString());

        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("3 documents");
        assertThat(run("stats", "--index", index.toString()).out).contains("documents:      3");
    }

    @Test
    void aRefusedQueryIsOneLineOnStandardErrorNotAStackTrace() {
        run(
                "index",
                "--index",
                index.toString(),
                dir.resolve("library/abstracts.jsonl").toString());

        Result result = run("search", "--index", index.toString(), "*alaria");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).startsWith("error: ").doesNotContain("\tat ");
    }

    @Test
    void aMissingPathIsOneLineNamingItAndNoIndexIsCreatedThere() throws IOException {
        run(
                "index",
                "--index",
                index.toString(),
                dir.resolve("library/abstracts.jsonl").toString());
        String missing = dir.resolve("no-such-folder").toString();
        Path queries = Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"measles\"}\n");
        List<String[]> commands = List.of(
                new String[] {
                    "bench", "--pdfs", missing, "--work", dir.resolve("bench").toString()
                },
                new String[] {"bench", "--pdfs", library.toString(), "--scifact", missing, "--work", dir.toString()},
                new String[] {"search", "--index", missing, "malaria"},
                new String[] {"suggest", "--index", missing, "mal"},
                new String[] {"stats", "--index", missing},
                new String[] {"rebuild", "--index", missing},
                new String[] {"eval", "--index", missing, "--queries", queries.toString(), "--qrels", queries.toString()
                },
                new String[] {
                    "eval", "--index", index.toString(), "--queries", queries.toString(), "--qrels", missing + "/q.tsv"
                },
                new String[] {"eval", "--index", index.toString(), "--known-items", missing + "/k.tsv"});

        for (String[] command : commands) {
            Result result = run(command);

            assertThat(result.exitCode).as(String.join(" ", command)).isNotZero();
            assertThat(result.err.strip())
                    .as(String.join(" ", command))
                    .startsWith("error: ")
                    .doesNotContain("\n")
                    .doesNotContain("\tat ");
        }
        assertThat(dir.resolve("no-such-folder")).doesNotExist();
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = PortalIndexerCli.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static void writePdf(Path file, List<String> pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            document.save(file.toFile());
        }
    }
}
