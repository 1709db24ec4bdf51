package org.alima.portal.api.packs;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.fields;
import static org.alima.portal.api.Api.uniquePdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Offline packs over real HTTP, against the real worker, index and PostgreSQL, with real PDFs: built in the background
 * (202 then 200), the ZIP's entries checked against its manifest, pack-data.js read as the offline page reads it, the
 * cache answering 304 and renewed by a change to the collection or to one of its documents, and who may have which
 * pack.
 */
@MicronautTest
class PackIT extends PortalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shared documents and collection, made once for the class. */
    private static Fixture fixture;

    @Value("${portal.data-dir}")
    String dataDirectory;

    private record Fixture(
            Api curator,
            Api otherCurator,
            String english,
            String french,
            String draft,
            String hidden,
            String publicSlug,
            String privateSlug) {}

    @BeforeEach
    void prepare() {
        if (fixture != null) {
            return;
        }
        Api curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        Api otherCurator =
                anonymous.as(TestAccounts.create(anonymous, "curator").token());
        String english = publishedPdf(
                curator,
                "severe-malaria-children-en.pdf",
                "{\"title\": \"Severe malaria in children\", \"type\": \"guideline\", \"language\": \"en\","
                        + " \"authors\": [{\"name\": \"Alima\"}], \"publicationDate\": \"2024-03-01\"}");
        String french = publishedPdf(
                curator,
                "sante-psy-tutoriel-choruspro.pdf",
                "{\"title\": \"Tutoriel Chorus Pro\", \"type\": \"report\", \"language\": \"fr\"}");
        String draft = api.uploadAccepted(
                "draft.txt",
                ("Brouillon confidentiel " + Api.uniqueWord()).getBytes(StandardCharsets.UTF_8),
                "{\"title\": \"Draft\", \"type\": \"report\", \"language\": \"fr\"}");
        TestDocuments.awaitSettled(api, draft);
        String hidden = TestDocuments.published(
                api, curator, "Private collection only " + Api.uniqueWord(), "{\"title\": \"Hidden\"}");
        String publicSlug = collection(curator, "public");
        addItem(curator, publicSlug, english, null);
        addItem(curator, publicSlug, french, "À lire avant la facturation");
        addItem(curator, publicSlug, draft, null);
        String privateSlug = collection(curator, "private");
        addItem(curator, privateSlug, hidden, null);
        fixture = new Fixture(curator, otherCurator, english, french, draft, hidden, publicSlug, privateSlug);
    }

    @Nested
    class Building {

        @Test
        void answers202ThenTheZipWhoseEntriesMatchTheirManifest() throws IOException {
            String slug = collection(fixture.curator(), "public");
            addItem(fixture.curator(), slug, fixture.english(), null);
            addItem(fixture.curator(), slug, fixture.french(), null);
            String path = "/api/collections/" + slug + "/pack";
            HttpResponse<byte[]> first = anonymous.getBytes(path);
            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith(path);
            assertThat(JSON.readTree(first.body()).path("status").asText()).isEqualTo("building");

            HttpResponse<byte[]> pack = awaitPack(anonymous, path);

            assertThat(pack.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(pack.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"" + slug + "-pack.zip\"");
            String version = etag(pack);
            Map<String, byte[]> entries = unzip(pack.body());
            // The page's static files are whatever pack/FILES lists (the page owns it), then the data and the PDFs.
            List<String> expected = new ArrayList<>(PackBuilder.staticFiles());
            expected.addAll(List.of(
                    "pack-data.js",
                    "files/01-" + fixture.english() + ".pdf",
                    "files/02-" + fixture.french() + ".pdf",
                    "manifest.json"));
            assertThat(expected).startsWith("index.html");
            assertThat(entries.keySet()).containsExactlyElementsOf(expected);
            assertThat(new String(
                            entries.get("files/02-" + fixture.french() + ".pdf"), 0, 5, StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF-");
            JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
            assertThat(manifest.path("version").asText()).isEqualTo(version);
            assertThat(manifest.path("files")).hasSize(expected.size() - 1);
            for (JsonNode file : manifest.path("files")) {
                byte[] content = entries.get(file.path("name").asText());
                assertThat(file.path("bytes").asLong()).isEqualTo(content.length);
                assertThat(file.path("sha256").asText()).isEqualTo(PackArchive.sha256(content));
            }
        }

        @Test
        void writesTheDocumentsInTheCuratorsOrderAndASearchThatFindsAFrenchWordTypedWithoutAccents() {
            JsonNode data = packData(awaitPack(anonymous, "/api/collections/" + fixture.publicSlug() + "/pack"));

            assertThat(data.path("format").asInt()).isEqualTo(1);
            assertThat(data.at("/collection/slug").asText()).isEqualTo(fixture.publicSlug());
            assertThat(data.at("/collection/title/fr").asText()).startsWith("Procédures");
            List<String> ids = new ArrayList<>();
            data.path("documents").forEach(d -> ids.add(d.path("id").asText()));
            assertThat(ids).as("a draft never enters a pack").containsExactly(fixture.english(), fixture.french());
            JsonNode english = data.path("documents").get(0);
            assertThat(english.path("title").asText()).isEqualTo("Severe malaria in children");
            assertThat(english.path("citation").asText())
                    .startsWith("Alima (2024). Severe malaria in children. ")
                    .endsWith("/documents/" + fixture.english());
            assertThat(english.path("pages").asInt()).isEqualTo(3);
            assertThat(english.path("note").isNull()).isTrue();
            JsonNode french = data.path("documents").get(1);
            assertThat(french.at("/note/fr").asText()).isEqualTo("À lire avant la facturation");
            assertThat(french.path("file").asText()).isEqualTo("files/02-" + fixture.french() + ".pdf");
            assertThat(french.path("pages").asInt()).isEqualTo(5);

            // Page 1 of the French tutorial reads "factures dématérialisées".
            List<String> query = PackTerms.of("dematerialisees");
            assertThat(query).hasSize(1);
            List<int[]> hits = hits(data.path("search"), query.getFirst());
            assertThat(hits).as("pages holding " + query).isNotEmpty();
            assertThat(hits.getFirst()).containsExactly(1, 1);
            assertThat(data.toString()).doesNotContain(fixture.draft()).doesNotContain(fixture.hidden());
        }

        @Test
        void leavesOutThePdfsTheOptionsExclude() {
            String base = "/api/collections/" + fixture.publicSlug() + "/pack";
            Map<String, byte[]> none =
                    unzip(awaitPack(anonymous, base + "?files=none").body());
            assertThat(none.keySet()).noneMatch(name -> name.startsWith("files/"));
            assertThat(packData(none).path("documents").get(1).path("file").isNull())
                    .isTrue();

            long frenchBytes =
                    packData(none).path("documents").get(1).path("bytes").asLong();
            long englishBytes =
                    packData(none).path("documents").get(0).path("bytes").asLong();
            assertThat(englishBytes).isLessThan(frenchBytes);
            Map<String, byte[]> small = unzip(
                    awaitPack(anonymous, base + "?maxFileBytes=" + englishBytes).body());
            assertThat(small.keySet())
                    .filteredOn(name -> name.startsWith("files/"))
                    .containsExactly("files/01-" + fixture.english() + ".pdf");
        }

        @Test
        void refusesOptionsItCannotReadNamingTheParameter() {
            String base = "/api/collections/" + fixture.publicSlug() + "/pack";
            assertThat(fields(assertProblem(anonymous.get(base + "?files=some"), 400, "invalid-field")))
                    .containsExactly("files");
            assertThat(fields(assertProblem(anonymous.get(base + "?maxFileBytes=5MB"), 400, "invalid-field")))
                    .containsExactly("maxFileBytes");
            assertThat(fields(assertProblem(anonymous.get(base + "?maxFileBytes=-1"), 400, "invalid-field")))
                    .containsExactly("maxFileBytes");
            assertThat(fields(
                            assertProblem(anonymous.get(base + "?files=none&maxFileBytes=1000"), 400, "invalid-field")))
                    .containsExactly("maxFileBytes");
        }
    }

    @Nested
    class Caching {

        @Test
        void answers304WhenIfNoneMatchNamesTheCurrentVersion() {
            String path = "/api/collections/" + fixture.publicSlug() + "/pack";
            String etag = "\"" + etag(awaitPack(anonymous, path)) + "\"";

            HttpResponse<byte[]> same = anonymous.getBytes(path, "If-None-Match", etag);
            assertThat(same.statusCode()).isEqualTo(304);
            assertThat(same.body()).isEmpty();
            assertThat(anonymous.getBytes(path, "If-None-Match", "\"older\"").statusCode())
                    .isEqualTo(200);
        }

        @Test
        void makesANewVersionWhenANoteChangesAndDeletesTheOldOne() {
            String document = TestDocuments.published(
                    api, fixture.curator(), "Eau potable et assainissement " + Api.uniqueWord(), "{}");
            String slug = collection(fixture.curator(), "public");
            addItem(fixture.curator(), slug, document, "Première note");
            String path = "/api/collections/" + slug + "/pack";
            String before = etag(awaitPack(anonymous, path));

            HttpResponse<String> changed = fixture.curator()
                    .json("PATCH", "/api/collections/" + slug + "/items/" + document, "{\"note\": \"Seconde note\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

            assertThat(anonymous
                            .getBytes(path, "If-None-Match", "\"" + before + "\"")
                            .statusCode())
                    .as("the old version is no longer the current one")
                    .isIn(200, 202);
            HttpResponse<byte[]> after = awaitPack(anonymous, path);
            assertThat(etag(after)).isNotEqualTo(before);
            assertThat(packData(after).at("/documents/0/note/fr").asText()).isEqualTo("Seconde note");
            assertThat(zipsOf(slug))
                    .as("the older version is deleted once the new one is built")
                    .hasSize(1);
        }

        @Test
        void makesANewVersionWhenADocumentsMetadataChanges() {
            String document = TestDocuments.published(
                    api, fixture.curator(), "Vaccination des enfants " + Api.uniqueWord(), "{\"title\": \"Avant\"}");
            String slug = collection(fixture.curator(), "public");
            addItem(fixture.curator(), slug, document, null);
            String path = "/api/collections/" + slug + "/pack";
            String before = etag(awaitPack(anonymous, path));

            HttpResponse<String> changed =
                    fixture.curator().json("PATCH", "/api/documents/" + document, "{\"title\": \"Après\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

            HttpResponse<byte[]> after = awaitPack(anonymous, path);
            assertThat(etag(after)).isNotEqualTo(before);
            assertThat(packData(after).at("/documents/0/title").asText()).isEqualTo("Après");
        }
    }

    @Nested
    class Failing {

        @Test
        void answersTheReasonOfAFailedBuildInsteadOfBuildingAgainAtEachPoll() throws IOException {
            byte[] pdf = uniquePdf("fda-guidance-excerpt-2.pdf");
            String document = publishedPdf(fixture.curator(), pdf, "{\"title\": \"Lost file\", \"type\": \"report\"}");
            String slug = collection(fixture.curator(), "public");
            addItem(fixture.curator(), slug, document, null);
            String sha256 = PackArchive.sha256(pdf);
            Files.delete(Path.of(dataDirectory, "files", sha256.substring(0, 2), sha256));
            String path = "/api/collections/" + slug + "/pack";

            AtomicReference<HttpResponse<String>> failed = new AtomicReference<>();
            await("the failed build of " + path)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        HttpResponse<String> answer = anonymous.get(path);
                        assertThat(answer.statusCode()).as(answer.body()).isIn(202, 503);
                        assertThat(answer.statusCode()).isEqualTo(503);
                        failed.set(answer);
                    });

            JsonNode problem = assertProblem(failed.get(), 503, "pack-unavailable");
            assertThat(problem.path("detail").asText()).contains("cannot be read");
            assertThat(Long.parseLong(
                            failed.get().headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1L, 60L);
            assertProblem(anonymous.get(path), 503, "pack-unavailable");
        }
    }

    @Nested
    class SearchResults {

        @Test
        void holdsThePublishedDocumentsASearchFindsAndNoDraft() {
            String word = Api.uniqueWord();
            String first = TestDocuments.published(
                    api, fixture.curator(), "Protocole de vaccination " + word, "{\"title\": \"Vaccination\"}");
            String second = TestDocuments.published(
                    api, fixture.curator(), "Rapport de supervision " + word, "{\"title\": \"Supervision\"}");
            String draft = api.uploadAccepted(
                    "draft.txt",
                    ("Brouillon " + word).getBytes(StandardCharsets.UTF_8),
                    "{\"title\": \"Draft\", \"type\": \"report\", \"language\": \"fr\"}");
            TestDocuments.awaitSettled(api, draft);
            String path = "/api/search/pack?q=" + word;

            assertThat(anonymous.getBytes(path).statusCode()).isEqualTo(202);
            HttpResponse<byte[]> pack = awaitPack(anonymous, path);
            JsonNode data = packData(pack);

            assertThat(pack.headers().firstValue("Content-Disposition").orElseThrow())
                    .matches("attachment; filename=\"search-[0-9a-f]{16}-pack.zip\"");
            List<String> ids = new ArrayList<>();
            data.path("documents").forEach(d -> ids.add(d.path("id").asText()));
            assertThat(ids).as("a draft never enters a pack").containsExactlyInAnyOrder(first, second);
            assertThat(data.at("/collection/title/en").asText()).isEqualTo("Search: " + word);
            assertThat(data.at("/collection/address").asText()).endsWith("#/search?q=" + word);
            assertThat(hits(data.path("search"), PackTerms.of(word).getFirst())).hasSize(2);

            // Another search is another pack: its own slug and version, both kept in the cache.
            HttpResponse<byte[]> other = awaitPack(anonymous, path + "&limit=1");
            assertThat(packData(other).path("documents")).hasSize(1);
            assertThat(etag(other)).isNotEqualTo(etag(pack));
            assertThat(anonymous.getBytes(path).statusCode()).isEqualTo(200);
        }

        @Test
        void refusesASearchItCannotRunNamingTheParameter() {
            String base = "/api/search/pack";
            assertThat(fields(assertProblem(anonymous.get(base), 400, "invalid-field")))
                    .containsExactly("q");
            for (String limit : List.of("0", "101", "many")) {
                assertThat(fields(
                                assertProblem(anonymous.get(base + "?q=malaria&limit=" + limit), 400, "invalid-field")))
                        .as("limit=" + limit)
                        .containsExactly("limit");
            }
            assertThat(assertProblem(anonymous.get(base + "?q=malaria&design=nonsense"), 400, "invalid-field")
                            .toString())
                    .contains("design");
        }
    }

    @Nested
    class Access {

        @Test
        void hidesAPrivateCollectionsPackFromAllButItsCurators() {
            String path = "/api/collections/" + fixture.privateSlug() + "/pack";
            assertProblem(anonymous.get(path), 404, "not-found");
            assertProblem(api.get(path), 404, "not-found");
            assertProblem(fixture.otherCurator().get(path), 404, "not-found");

            JsonNode data = packData(awaitPack(fixture.curator(), path));

            assertThat(data.path("documents")).hasSize(1);
            assertThat(data.at("/documents/0/id").asText()).isEqualTo(fixture.hidden());
        }

        @Test
        void answers404ForAnUnknownCollection() {
            assertProblem(anonymous.get("/api/collections/no-such-collection/pack"), 404, "not-found");
        }
    }

    private String publishedPdf(Api curator, String resource, String metadata) {
        return publishedPdf(curator, uniquePdf(resource), metadata);
    }

    private String publishedPdf(Api curator, byte[] pdf, String metadata) {
        String id = api.uploadAccepted("document.pdf", pdf, metadata);
        api.awaitIndexed(id);
        TestDocuments.publish(curator, id);
        TestDocuments.awaitSearchable(curator, id);
        return id;
    }

    private static String collection(Api curator, String visibility) {
        String slug = "it-" + UUID.randomUUID().toString().substring(0, 13);
        HttpResponse<String> created =
                curator.json("POST", "/api/collections", String.format(Locale.ROOT, """
                {"slug": "%s", "title": {"fr": "Procédures %s", "en": "Procedures %s"},
                 "description": {"fr": "Pour les équipes"}, "visibility": "%s"}
                """, slug, slug, slug, visibility));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return slug;
    }

    private static void addItem(Api curator, String slug, String document, String note) {
        String noteJson = note == null ? "null" : "\"" + note + "\"";
        HttpResponse<String> added = curator.json(
                "POST",
                "/api/collections/" + slug + "/items",
                "{\"documentId\": \"" + document + "\", \"note\": " + noteJson + "}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    /** Asks for the pack until it is built (202 meanwhile), and returns the 200. */
    private static HttpResponse<byte[]> awaitPack(Api caller, String path) {
        AtomicReference<HttpResponse<byte[]>> built = new AtomicReference<>();
        await("the pack at " + path)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<byte[]> answer = caller.getBytes(path);
                    assertThat(answer.statusCode())
                            .as(new String(answer.body(), StandardCharsets.UTF_8))
                            .isIn(200, 202);
                    assertThat(answer.statusCode()).isEqualTo(200);
                    built.set(answer);
                });
        return built.get();
    }

    private static String etag(HttpResponse<byte[]> pack) {
        String etag = pack.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        return etag.substring(1, etag.length() - 1);
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static JsonNode packData(HttpResponse<byte[]> pack) {
        JsonNode data = packData(unzip(pack.body()));
        assertThat(data.path("version").asText()).isEqualTo(etag(pack));
        return data;
    }

    /** pack-data.js read as its contract says: the script's prefix and final semicolon stripped, the rest JSON. */
    private static JsonNode packData(Map<String, byte[]> entries) {
        String script = new String(entries.get("pack-data.js"), StandardCharsets.UTF_8).strip();
        assertThat(script).startsWith("window.PORTAL_PACK = ").endsWith(";");
        try {
            return JSON.readTree(script.substring("window.PORTAL_PACK = ".length(), script.length() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pages holding {@code term}, as {document index, page number}, decoded from the delta-coded postings. */
    private static List<int[]> hits(JsonNode search, String term) {
        List<int[]> pages = new ArrayList<>();
        int ordinal = 0;
        for (JsonNode gap : search.path("terms").path(term)) {
            ordinal += gap.asInt();
            JsonNode page = search.path("pages").get(ordinal);
            pages.add(new int[] {page.get(0).asInt(), page.get(1).asInt()});
        }
        return pages;
    }

    private List<Path> zipsOf(String slug) {
        try (Stream<Path> files = Files.list(Path.of(dataDirectory, "packs", slug, "all"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".zip"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
