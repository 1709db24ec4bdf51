package org.alima.portal.api.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalProcess;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.operations.AdminCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} as an operator runs it: the committed test PDFs in a folder with a CSV of metadata that has bad rows,
 * imported into a stopped portal (its embedded PostgreSQL started by the command); the same import interrupted
 * partway and run again must end as the uninterrupted one, and a run after either imports nothing new. The portal,
 * started afterwards, indexes what was imported while it was stopped, and the same command works beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportCommandIT {

    private static final List<String> PDFS = List.of(
            "data-in-brief-2019-page.pdf",
            "fda-guidance-excerpt-2.pdf",
            "sante-psy-tutoriel-choruspro.pdf",
            "severe-malaria-children-en.pdf");

    /** Lines 2 to 8: three good rows, an unknown type, a bad date, a file missing, and a row for the copy. */
    private static final String CSV = """
            file,title,authors,date,type,language,countries,topics,doi,licence,health_topics,populations,settings,interventions
            data-in-brief-2019-page.pdf,Data in brief,"Diallo, Aminata; Smith, John",2019-03-01,article,en,SN;ML,nutrition;data,10.1016/j.dib.2019.01.001,CC-BY-4.0,"Endocrine, nutritional or metabolic diseases; maladies infectieuses",Enfants de moins de cinq ans; Orpailleurs,CAMP,nutrition
            guidance/fda-guidance-excerpt-2.pdf,FDA guidance excerpt,,2020-01-15,guideline,en,US,regulation,,,,,,
            severe-malaria-children-en.pdf,"Severe malaria, children",WHO,2012-07-01,guideline,en,,malaria,,,,,,
            sante-psy-tutoriel-choruspro.pdf,Tutoriel,,2021-02-02,novel,fr,FR,,,,,,,
            notes.txt,Notes,,2019-13-45,report,en,,,,,,,,
            nowhere.pdf,Missing,,2020-01-01,study,en,,,,,,,,
            copies/severe-malaria-copy.pdf,A copy,,,,,,,,,,,,
            """;

    @TempDir
    static Path root;

    private Path library;
    private Path csv;
    private final List<Process> portals = new ArrayList<>();

    @BeforeAll
    void library() throws Exception {
        library = root.resolve("library");
        Files.createDirectories(library.resolve("guidance"));
        Files.createDirectories(library.resolve("copies"));
        for (String pdf : PDFS) {
            Path target = pdf.startsWith("fda") ? library.resolve("guidance").resolve(pdf) : library.resolve(pdf);
            Files.write(target, Api.resource("" + pdf));
        }
        Files.write(library.resolve("copies/severe-malaria-copy.pdf"), Api.resource("severe-malaria-children-en.pdf"));
        Files.writeString(library.resolve("notes.txt"), "Cholera treatment notes: oral rehydration.");
        Files.writeString(library.resolve("no-metadata.txt"), "A note of its own, described by no row.");
        Files.write(library.resolve("empty.pdf"), new byte[0]);
        Files.writeString(library.resolve(".DS_Store"), "hidden, never imported");
        csv = root.resolve("metadata.csv");
        Files.writeString(csv, CSV);
    }

    @Test
    @Order(1)
    void importsTheFolderReportingEachLineAndASecondRunImportsNothingNew() throws Exception {
        Map<String, String> environment = newPortal("whole");
        Path report = root.resolve("whole.tsv");

        Output first = importLibrary(environment, report);

        assertThat(first.status()).as(first.toString()).isEqualTo(1);
        assertThat(first.out())
                .contains("9 lines: 4 imported, 1 skipped as duplicates, 4 failed (2 bad metadata, 1 file missing, 1"
                        + " file refused)")
                .contains("[9/9]");
        assertThat(first.err()).isEmpty();
        Map<String, String[]> lines = report(report);
        assertThat(lines.keySet())
                .containsExactly(
                        "copies/severe-malaria-copy.pdf",
                        "data-in-brief-2019-page.pdf",
                        "empty.pdf",
                        "guidance/fda-guidance-excerpt-2.pdf",
                        "no-metadata.txt",
                        "notes.txt",
                        "sante-psy-tutoriel-choruspro.pdf",
                        "severe-malaria-children-en.pdf",
                        "nowhere.pdf");
        assertThat(lines.get("data-in-brief-2019-page.pdf")).startsWith("2", "data-in-brief-2019-page.pdf", "imported");
        // Files are taken in the order of their paths: the copy comes first, and the original is its duplicate.
        assertThat(lines.get("copies/severe-malaria-copy.pdf"))
                .startsWith("8", "copies/severe-malaria-copy.pdf", "imported");
        assertThat(lines.get("severe-malaria-children-en.pdf")[2]).isEqualTo("skipped-duplicate");
        assertThat(lines.get("severe-malaria-children-en.pdf")[4])
                .isEqualTo(lines.get("copies/severe-malaria-copy.pdf")[4]);
        assertThat(lines.get("sante-psy-tutoriel-choruspro.pdf"))
                .startsWith("5", "sante-psy-tutoriel-choruspro.pdf", "failed");
        assertThat(lines.get("sante-psy-tutoriel-choruspro.pdf")[3]).contains("type", "must be one of");
        assertThat(lines.get("notes.txt")).startsWith("6", "notes.txt", "failed");
        assertThat(lines.get("notes.txt")[3]).contains("publicationDate");
        assertThat(lines.get("nowhere.pdf")).startsWith("7", "nowhere.pdf", "failed");
        assertThat(lines.get("nowhere.pdf")[3]).contains("no file nowhere.pdf");
        assertThat(lines.get("empty.pdf")[2]).isEqualTo("failed");
        assertThat(lines.get("no-metadata.txt")).startsWith("", "no-metadata.txt", "imported");

        Output again = importLibrary(environment, root.resolve("again.tsv"));
        assertThat(again.out())
                .contains("4 imported, 1 skipped as duplicates, 4 failed", "5 of them done by an earlier run");
        assertThat(withoutIds(report(root.resolve("again.tsv")))).isEqualTo(withoutIds(lines));
        assertThat(report(root.resolve("again.tsv")).get("data-in-brief-2019-page.pdf")[4])
                .isEqualTo(lines.get("data-in-brief-2019-page.pdf")[4]);

        // The portal started afterwards shows the metadata and indexes what was imported while it was stopped.
        Api admin = start(environment, "whole");
        String id = lines.get("data-in-brief-2019-page.pdf")[4];
        JsonNode document = Api.read(admin.get("/api/documents/" + id));
        assertThat(document.get("title").asText()).isEqualTo("Data in brief");
        assertThat(document.get("status").asText()).isEqualTo("draft");
        assertThat(document.get("authors").get(0).get("name").asText()).isEqualTo("Diallo, Aminata");
        assertThat(document.get("authors").get(1).get("name").asText()).isEqualTo("Smith, John");
        assertThat(document.get("countries").toString()).isEqualTo("[\"SN\",\"ML\"]");
        // Vocabulary columns: a code or a label in French or English becomes the code; anything else is free text,
        // for health topics among the free topics ("maladies infectieuses" is not the ICD-11 chapter's title).
        assertThat(document.get("topics").toString()).isEqualTo("[\"nutrition\",\"data\",\"maladies infectieuses\"]");
        assertThat(document.get("healthTopics").toString()).isEqualTo("[\"nutritional_metabolic\"]");
        assertThat(document.get("populations").toString()).isEqualTo("[\"children_under_five\"]");
        assertThat(document.get("populationsOther").toString()).isEqualTo("[\"Orpailleurs\"]");
        assertThat(document.get("settings").toString()).isEqualTo("[\"camp\"]");
        assertThat(document.get("interventions").toString()).isEqualTo("[\"nutrition\"]");
        assertThat(document.get("publicationDate").asText()).isEqualTo("2019-03-01");
        assertThat(document.get("doi").asText()).isEqualTo("10.1016/j.dib.2019.01.001");
        admin.awaitIndexed(id);
        admin.awaitIndexed(lines.get("no-metadata.txt")[4]);

        // Beside the running portal, with JSON Lines: published at once, and its worker indexes it; a file without
        // the metadata publishing needs fails with the workflow's own words.
        Path more = root.resolve("more");
        Files.createDirectories(more);
        String word = Api.uniqueWord();
        Files.writeString(more.resolve("field-report.txt"), "Field report on " + word + " in the camps.");
        Files.writeString(more.resolve("undescribed.txt"), "Nothing says what this is.");
        Path jsonl = root.resolve("more.jsonl");
        Files.writeString(jsonl, """
                {"file": "field-report.txt", "title": "Field report", "type": "report", "language": "en", \
                "authors": ["Diallo, Aminata"], "countries": ["SN"]}
                """);
        String slug = "import-" + word.toLowerCase(java.util.Locale.ROOT);
        var created = admin.json(
                "POST",
                "/api/collections",
                "{\"slug\": \"" + slug + "\", \"title\": {\"fr\": \"Import\", \"en\": \"Import\"},"
                        + " \"visibility\": \"public\", \"featured\": false}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Output beside = run(
                environment,
                "import",
                more.toString(),
                "--collection",
                slug,
                "--metadata",
                jsonl.toString(),
                "--as",
                TestAccounts.ADMIN_EMAIL,
                "--status",
                "published",
                "--report",
                root.resolve("more.tsv").toString());
        assertThat(beside.status()).as(beside.toString()).isEqualTo(1);
        assertThat(beside.out()).contains("into the running portal", "1 imported", "1 failed (1 status refused)");
        Map<String, String[]> moreLines = report(root.resolve("more.tsv"));
        assertThat(moreLines.get("undescribed.txt")[3]).contains("title", "type", "language");
        String published = moreLines.get("field-report.txt")[4];
        JsonNode fieldReport = Api.read(admin.get("/api/documents/" + published));
        assertThat(fieldReport.get("status").asText()).isEqualTo("published");
        assertThat(fieldReport.get("authors").get(0).get("name").asText()).isEqualTo("Diallo, Aminata");
        admin.awaitIndexed(published);
        assertThat(Api.read(admin.get("/api/collections/" + slug)).toString()).contains(published);
        assertThat(admin.anonymous().finds(word, published)).isTrue();
    }

    @Test
    @Order(2)
    void anImportInterruptedPartwayEndsAsTheUninterruptedOneWhenRunAgain() throws Exception {
        Map<String, String> uninterrupted = newPortal("uninterrupted");
        Map<String, String> interrupted = newPortal("interrupted");

        Output whole = importLibrary(uninterrupted, root.resolve("uninterrupted.tsv"));
        Output partway = importLibrary(interrupted, root.resolve("partway.tsv"), "--limit", "3");
        Output resumed = importLibrary(interrupted, root.resolve("resumed.tsv"));

        assertThat(partway.out()).contains("stopped at the limit after 3 lines");
        assertThat(report(root.resolve("partway.tsv"))).hasSize(3);
        // The line that failed (the empty file) is tried again; the two imported are not.
        assertThat(resumed.out()).contains("2 of them done by an earlier run");
        assertThat(resumed.status()).isEqualTo(whole.status());
        assertThat(withoutIds(report(root.resolve("resumed.tsv"))))
                .isEqualTo(withoutIds(report(root.resolve("uninterrupted.tsv"))));
        assertThat(summary(resumed.out())).isEqualTo(summary(whole.out()));
    }

    @Test
    @Order(3)
    void wrongUsageExitsTwoWithOneClearLine() throws Exception {
        Map<String, String> environment = newPortal("usage");

        Output noFolder = run(environment, "import", root.resolve("absent").toString(), "--as", "x@y.z");
        Output badStatus = run(environment, "import", library.toString(), "--as", "x@y.z", "--status", "live");
        Output noAccount = run(environment, "import", library.toString(), "--as", "nobody@portal.test");
        Path badCsv = root.resolve("bad.csv");
        Files.writeString(badCsv, "file,colour\na.pdf,red\n");
        Output badColumn = run(
                environment,
                "import",
                library.toString(),
                "--as",
                TestAccounts.ADMIN_EMAIL,
                "--metadata",
                badCsv.toString());

        assertThat(List.of(noFolder, badStatus, noAccount, badColumn)).allSatisfy(output -> {
            assertThat(output.status()).as(output.toString()).isEqualTo(2);
            assertThat(output.err().strip().lines()).as(output.err()).hasSize(1);
            assertThat(output.err()).doesNotContain("Exception", "\tat ");
        });
        assertThat(noFolder.err()).contains("is not a folder");
        assertThat(badStatus.err()).contains("--status must be draft, submitted or published");
        assertThat(noAccount.err()).contains("no enabled account signs in with nobody@portal.test");
        assertThat(badColumn.err()).contains("unknown column \"colour\"");
    }

    @AfterAll
    void stopPortals() throws Exception {
        for (Process portal : portals) {
            portal.destroy();
            if (!portal.waitFor(60, TimeUnit.SECONDS)) {
                portal.destroyForcibly();
            }
        }
    }

    /** A data directory with its administrator, the portal stopped. */
    private Map<String, String> newPortal(String name) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PORTAL_DATA_DIR", root.resolve(name).toString(),
                "PORTAL_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_EMBEDDED_DB_PORT", String.valueOf(TestDatabase.freePort()),
                "PORTAL_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD));
        Output created = run(environment, "create-admin", "--email", TestAccounts.ADMIN_EMAIL);
        assertThat(created.status()).as(created.toString()).isZero();
        return environment;
    }

    private Output importLibrary(Map<String, String> environment, Path report, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                library.toString(),
                "--metadata",
                csv.toString(),
                "--as",
                TestAccounts.ADMIN_EMAIL,
                "--report",
                report.toString()));
        args.addAll(List.of(more));
        return run(environment, args.toArray(String[]::new));
    }

    private Api start(Map<String, String> environment, String name) throws Exception {
        Path log = root.resolve(name + ".log");
        Process portal = PortalProcess.start(environment, log);
        portals.add(portal);
        Api anonymous = new Api(URI.create("http://localhost:" + environment.get("PORTAL_PORT") + "/"));
        PortalProcess.awaitReady(anonymous, portal, log);
        return anonymous.as(TestAccounts.signIn(anonymous, TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD));
    }

    /** The report's lines by path: line, path, outcome, reason, document id. */
    private static Map<String, String[]> report(Path report) throws Exception {
        List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(ImportReport.HEADER);
        Map<String, String[]> byPath = new java.util.LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split("\t", -1);
            assertThat(values).hasSize(5);
            byPath.put(values[1], values);
        }
        return byPath;
    }

    /** The report as two portals can agree on it: their document ids differ. */
    private static List<String> withoutIds(Map<String, String[]> report) {
        return report.values().stream()
                .map(values -> String.join("\t", values[0], values[1], values[2], values[3])
                        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID"))
                .toList();
    }

    private static String summary(String out) {
        return out.lines()
                .filter(line -> line.startsWith("Import done"))
                .findFirst()
                .orElseThrow()
                .replaceAll("; \\d+ of them done by an earlier run", "")
                .replaceAll("Report: .*", "");
    }

    private static Output run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AdminCommands.run(args, environment, null, new PrintWriter(out), new PrintWriter(err));
        return new Output(status, out.toString(), err.toString());
    }

    private record Output(int status, String out, String err) {}
}
