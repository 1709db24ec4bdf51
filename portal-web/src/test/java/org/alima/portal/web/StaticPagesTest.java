package org.alima.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The pages as the jar ships them: self-contained (nothing from another host, every module they import present),
 * light on a first visit, and complete in French and English. The browser tests in portal-e2e run them for real.
 */
class StaticPagesTest {

    /** The pages a first visit opens: home and results, whose modules the shell preloads. */
    private static final List<String> FIRST_PAGES = List.of("pages/home.js", "pages/results.js");

    /** The interface languages, each with its file of messages, {@code messages/<language>.js}. */
    private static final List<String> LANGUAGES = List.of("fr", "en");

    /** The shell's classic script that asks for the reader's language's messages before the modules run. */
    private static final String MESSAGES_PRELOAD = "messages-preload.js";

    /** The one module that may send a request or name an address of the API. */
    private static final String API_CLIENT = "api.js";

    /** Addresses of other hosts the pages may name: links a reader follows and XML namespaces, never assets. */
    private static final List<String> OTHER_HOSTS_ALLOWED = List.of("https://doi.org/", "http://www.w3.org/2000/svg");

    private static final Pattern ADDRESS = Pattern.compile("https?://[^\\s\"'`)]*");
    private static final Pattern STATIC_IMPORT = Pattern.compile("\\bfrom \"(\\.{1,2}/[^\"]+)\"");
    private static final Pattern LITERAL_IMPORT = Pattern.compile("\\bimport\\(\"(\\.{1,2}/[^\"]+)\"\\)");
    private static final Pattern ROUTED_PAGE = Pattern.compile("\\bpage\\(\"(\\./[^\"]+)\"");
    private static final Pattern REQUEST = Pattern.compile("\\bfetch\\(|XMLHttpRequest|[\"'`/]api/");
    private static final Pattern MESSAGE_KEY = Pattern.compile("\\bt\\(\"([A-Za-z0-9._-]+)\"(\\s*\\+)?");

    private final Path root = publicDirectory();

    @Test
    void everyAssetTheShellLoadsIsInTheJarAndNoneComesFromAnotherHost() throws IOException {
        Document shell = Jsoup.parse(read("index.html"));
        // The OpenSearch description and the Atom feed are written by portal-api (its landing package), not files here.
        List<Element> assets = shell.select("script[src], link[href]:not([rel=search]):not([rel=alternate])");
        assertThat(assets).hasSizeGreaterThanOrEqualTo(3);
        for (Element asset : assets) {
            String url = asset.hasAttr("src") ? asset.attr("src") : asset.attr("href");
            if (url.startsWith("data:")) {
                continue;
            }
            assertThat(url).as("asset %s", url).doesNotContain("//").doesNotStartWith("/");
            assertThat(root.resolve(url)).as("asset %s", url).isRegularFile();
        }
    }

    @Test
    void everyModuleAScriptImportsIsInTheJar() throws IOException {
        int imports = 0;
        for (Path script : files(".js")) {
            String text = Files.readString(script);
            for (Pattern pattern : List.of(STATIC_IMPORT, LITERAL_IMPORT)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    assertThat(script.resolveSibling(m.group(1)).normalize())
                            .as("%s imports %s", root.relativize(script), m.group(1))
                            .isRegularFile();
                    imports++;
                }
            }
            Matcher routed = ROUTED_PAGE.matcher(text);
            while (routed.find()) {
                assertThat(script.resolveSibling(routed.group(1)).normalize())
                        .as("%s routes to %s", root.relativize(script), routed.group(1))
                        .isRegularFile();
                imports++;
            }
        }
        assertThat(imports)
                .as("imports found (the patterns still match the code)")
                .isGreaterThan(10);
        // i18n.js imports the messages by the language's name, which the patterns above cannot follow.
        assertThat(read("i18n.js")).contains("import(\"./messages/\" + language + \".js\")");
        for (String language : LANGUAGES) {
            assertThat(root.resolve(messagesOf(language))).isRegularFile();
        }
    }

    @Test
    void noFileNamesAnotherHostExceptLinksForReaders() throws IOException {
        for (Path file : files("")) {
            Matcher m = ADDRESS.matcher(Files.readString(file));
            while (m.find()) {
                String address = m.group();
                assertThat(OTHER_HOSTS_ALLOWED)
                        .as("%s names %s", root.relativize(file), address)
                        .anyMatch(address::startsWith);
            }
        }
    }

    @Test
    void frenchAndEnglishHaveTheSameMessagesAndPluralForms() throws IOException {
        JsonNode messages = messages();
        assertThat(keys(messages.get("fr"))).isEqualTo(keys(messages.get("en")));
        messages.get("fr").properties().forEach(entry -> {
            JsonNode english = messages.get("en").get(entry.getKey());
            assertThat(english.isObject())
                    .as("plural forms of %s", entry.getKey())
                    .isEqualTo(entry.getValue().isObject());
            if (entry.getValue().isObject()) {
                assertThat(entry.getValue().has("other") && english.has("other"))
                        .as("plural %s has an 'other' form in both languages", entry.getKey())
                        .isTrue();
            }
            assertThat(placeholders(entry.getValue().toString()))
                    .as("placeholders of %s", entry.getKey())
                    .isEqualTo(placeholders(english.toString()));
        });
    }

    @Test
    void everyMessageThePagesAskForExists() throws IOException {
        Set<String> keys = keys(messages().get("fr"));
        List<String> asked = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (Path script : files(".js")) {
            Matcher m = MESSAGE_KEY.matcher(Files.readString(script));
            while (m.find()) {
                (m.group(2) == null ? asked : prefixes).add(m.group(1));
            }
        }
        for (Element element : Jsoup.parse(read("index.html")).select("[data-i18n]")) {
            asked.add(element.attr("data-i18n"));
        }
        assertThat(asked).hasSizeGreaterThan(100);
        assertThat(keys).containsAll(asked);
        for (String prefix : prefixes) {
            assertThat(keys).as("messages starting with %s", prefix).anyMatch(key -> key.startsWith(prefix));
        }
        // Values that come from the API and are shown through a message built from them.
        List<String> fromTheApi = new ArrayList<>();
        Stream.of("study", "article", "protocol", "operating_procedure", "guideline", "report", "poster", "thesis")
                .forEach(type -> fromTheApi.add("type." + type));
        Stream.of("queued", "extracting", "extracted", "indexed", "failed").forEach(s -> fromTheApi.add("status." + s));
        Stream.of("draft", "submitted", "published", "withdrawn").forEach(s -> fromTheApi.add("doc.state." + s));
        Stream.of(
                        "type",
                        "language",
                        "year",
                        "country",
                        "topic",
                        "collection",
                        "design",
                        "health",
                        "population",
                        "setting",
                        "intervention")
                .forEach(d -> fromTheApi.add("facet." + d));
        Stream.of("submit", "publish", "return", "withdraw", "retry", "delete", "edit", "newVersion")
                .forEach(action -> fromTheApi.add("manage." + action));
        Stream.of("title", "keyword").forEach(kind -> fromTheApi.add("suggest." + kind));
        assertThat(keys).containsAll(fromTheApi);
    }

    @Test
    void theShellPreloadsEveryModuleAFirstVisitNeedsAndNoOther() throws IOException {
        Document shell = Jsoup.parse(read("index.html"));
        Set<String> preloaded =
                new TreeSet<>(shell.select("link[rel=modulepreload]").eachAttr("href"));
        Set<String> needed = new TreeSet<>();
        for (Element script : shell.select("script[type=module][src]")) {
            staticImports(script.attr("src"), needed);
        }
        for (String page : FIRST_PAGES) {
            needed.add(page);
            staticImports(page, needed);
        }
        needed.removeAll(shell.select("script[type=module][src]").eachAttr("src"));

        // Fetched together as soon as the shell arrives, rather than one import after another on a slow link.
        assertThat(preloaded).isEqualTo(needed);

        // The messages, one file per language, are asked for by a classic script that runs as soon as it arrives
        // (async, never blocking the page), since which file is needed depends on the reader.
        Element early = shell.selectFirst("script[src=" + MESSAGES_PRELOAD + "]");
        assertThat(early).isNotNull();
        assertThat(early.hasAttr("async")).as("%s is async", MESSAGES_PRELOAD).isTrue();
        // Chromium fetches an async script at low priority, after every module: asked for first instead.
        assertThat(early.attr("fetchpriority")).isEqualTo("high");
        assertThat(early.attr("type"))
                .as("%s is a classic script", MESSAGES_PRELOAD)
                .isEmpty();
        String script = read(MESSAGES_PRELOAD);
        assertThat(script).contains("\"modulepreload\"", "\"messages/\" + chosen + \".js\"");
        for (String language : LANGUAGES) {
            assertThat(script).contains("\"" + language + "\"");
        }
    }

    @Test
    void onlyTheApiClientSendsRequests() throws IOException {
        for (Path script : files(".js")) {
            if (root.relativize(script).toString().equals(API_CLIENT)) {
                continue;
            }
            assertThat(REQUEST.matcher(Files.readString(script)).results().map(MatchResult::group))
                    .as(
                            "requests or API addresses in %s (the API is called through %s)",
                            root.relativize(script), API_CLIENT)
                    .isEmpty();
        }
        assertThat(REQUEST.matcher(read(API_CLIENT)).results().count())
                .as("the patterns still match the API client")
                .isGreaterThan(10);
    }

    @Test
    void aFirstVisitDownloadsUnderItsBudgetCompressedBeforeTheApiAnswers() throws IOException {
        Document shell = Jsoup.parse(read("index.html"));
        List<String> assets = new ArrayList<>(List.of("index.html"));
        assets.addAll(
                shell.select("link[rel=stylesheet], link[rel=modulepreload]").eachAttr("href"));
        assets.addAll(shell.select("script[src]").eachAttr("src"));
        long compressed = 0;
        for (String asset : assets) {
            compressed += compressedSize(asset);
        }
        // One language's messages: the heavier of the two.
        long messages = 0;
        for (String language : LANGUAGES) {
            messages = Math.max(messages, compressedSize(messagesOf(language)));
        }
        compressed += messages;
        // The results page may weigh 100 KB compressed on a first visit, answers included: the code takes about a
        // third (each module compressed on its own), the rest is left to the search answer. portal-e2e measures the
        // whole page in a browser, headers included. 36,000 became 38,000 when partial matches, the page view's links,
        // the overdue badge and a message of the page's own for every problem code came in (37,037 then): messages.js,
        // both languages of every page, is a third of it, and loading only the reader's language is the next saving.
        // Browsing by type, country and topic from the home page, the newest-first default and the messages of the
        // permanent link, of publishing a collection and of describing a file while it is sent made it 37,619; with the
        // OCR messages merged from main it went past 38,000 (38,223), and is just under once comments of home.js and
        // results.js and two messages were cut. The metadata checks, usage counts, OCR's dashboard and saved searches
        // made it 40,394: 42,000 held the whole first visit near 45 KB of its 100 KB target. Loading only the reader's
        // language of messages.js (messages/fr.js or messages/en.js, asked for by the shell's first script) took it
        // from 41,955 to 36,898, and the facets of study design and of the four vocabularies (their labels come
        // from the API, only their names are messages) to 37,931: 38,500 is the budget now. Offline packs made it
        // 38,148, the translations panel's messages and two API functions 38,472 (its code is loaded only for curators
        // and owners). The next saving, needed soon: the metadata form's, dashboards' and translations panel's
        // messages, which only signed-in contributors read, in a file of their own.
        assertThat(compressed).as("first visit, compressed").isLessThan(38_500);
    }

    private long compressedSize(String asset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(Files.readAllBytes(root.resolve(asset)));
        }
        return bytes.size();
    }

    private static String messagesOf(String language) {
        return "messages/" + language + ".js";
    }

    /** Adds the modules {@code module} imports statically, and theirs, as paths from public/. */
    private void staticImports(String module, Set<String> found) throws IOException {
        Path file = root.resolve(module);
        Matcher m = STATIC_IMPORT.matcher(Files.readString(file));
        while (m.find()) {
            String imported =
                    root.relativize(file.resolveSibling(m.group(1)).normalize()).toString();
            if (found.add(imported)) {
                staticImports(imported, found);
            }
        }
    }

    /** The messages of every language, as {"fr": {…}, "en": {…}}. */
    private JsonNode messages() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tables = json.createObjectNode();
        for (String language : LANGUAGES) {
            String module = read(messagesOf(language));
            int start = module.indexOf("export default ");
            assertThat(start)
                    .as("%s exports its table as default", messagesOf(language))
                    .isNotNegative();
            String table = module.substring(start + "export default ".length()).strip();
            tables.set(language, json.readTree(table.substring(0, table.length() - 1)));
        }
        return tables;
    }

    private static Set<String> keys(JsonNode table) {
        Set<String> keys = new TreeSet<>();
        table.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> path.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(root.resolve(name), StandardCharsets.UTF_8);
    }

    private static Path publicDirectory() {
        try {
            return Path.of(StaticPagesTest.class
                            .getResource("/public/index.html")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("public/ is not a directory on the test classpath", e));
        }
    }
}
