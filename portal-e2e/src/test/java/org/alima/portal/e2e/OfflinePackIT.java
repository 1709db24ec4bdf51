package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.alima.portal.api.packs.PackTerms;
import org.alima.portal.api.packs.SyntheticPack;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection's offline pack, as a field team would use it: downloaded through the route (waiting while it answers
 * 202), unzipped, its index.html opened from file:// by Chromium with the network cut, a French word typed without
 * its accents found on its page of its document, and the hit opening the PDF at that page; the same on a phone-sized
 * screen; axe finds nothing; the page cuts a query into terms exactly as the server cut the pages; and a pack of 100
 * documents of 20 pages opens in under 2 s with the CPU slowed four times, as a mid-range phone.
 */
@BrowserTest(languages = "fr-FR,fr")
class OfflinePackIT {

    private static final Logger LOG = LoggerFactory.getLogger(OfflinePackIT.class);
    private static final String SLUG = "offline-pack-e2e";

    /** The pack's build waits for the documents' text in the index; a shared machine may be slow. */
    private static final Duration BUILD = Duration.ofSeconds(90);

    private static boolean tried;
    private static Path pack;
    private static Path packWithoutFiles;

    private final Library library;
    private final Browser browser;

    OfflinePackIT(E2ePortal portal, Library library, Browser browser) {
        this.library = library;
        this.browser = browser;
        packOnce(portal, library);
    }

    @Test
    void aFrenchWordTypedWithoutItsAccentsIsFoundOfflineOnItsPageAndOpensThePdfThere() {
        openOffline(browser, pack);
        assertThat(browser.script("return navigator.onLine"))
                .as("the network is cut")
                .isEqualTo(false);
        assertThat(browser.shown(By.tagName("h1")).getText()).isEqualTo("Santé mentale hors ligne");

        search(browser, "ecran");
        assertThat(browser.shown(By.id("count")).getText()).isEqualTo("1 page contient tous les mots dans 1 document.");
        WebElement hit = browser.shown(By.cssSelector(".hit[data-document='" + library.choruspro() + "']"));
        assertThat(hit.findElement(By.tagName("h3")).getText())
                .isEqualTo("Facturer ses séances sur Chorus Pro : tutoriel pour les psychologues");
        WebElement page = hit.findElement(By.cssSelector("li[data-page='4']"));
        assertThat(page.findElement(By.tagName("mark")).getText()).isEqualTo("Écran");
        WebElement link = page.findElement(By.tagName("a"));
        assertThat(link.getText()).isEqualTo("page 4");
        assertThat(link.getAttribute("href")).startsWith("file:").endsWith(".pdf#page=4");
        browser.assertAccessible("the offline pack's page with a hit");
        browser.screenshot("pack-offline-desktop");

        link.click();
        browser.waitFor(ExpectedConditions.urlMatches("\\.pdf#page=4$"), Duration.ofSeconds(10));
        assertThat(resourcesFetched(browser)).allMatch(url -> url.startsWith("file:"));
    }

    @Test
    void everyWordOfAQueryMustBeOnThePageAndAWordNowhereInThePackIsNamed() {
        openOffline(browser, pack);
        search(browser, "certificat depot");
        assertThat(browser.shown(By.id("count")).getText()).isEqualTo("1 page contient tous les mots dans 1 document.");
        assertThat(browser.driver().findElements(By.cssSelector(".hit li[data-page]")))
                .extracting(e -> e.getAttribute("data-page"))
                .containsExactly("5");

        search(browser, "depot xylophone");
        assertThat(browser.shown(By.id("count")).getText())
                .isEqualTo("Aucun document ne correspond à « depot xylophone ».");
        assertThat(browser.shown(By.id("results")).getText()).contains("Absents de ce paquet : xylophone.");
    }

    @Test
    void onAPhoneSizedScreenTheSearchFitsTheWidthAndSaysThePage(@OwnBrowser(languages = "en-GB,en") Browser phone) {
        phone.cdp(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 2, "mobile", true));
        phone.cdp(
                "Emulation.setUserAgentOverride",
                Map.of(
                        "userAgent",
                        "Mozilla/5.0 (Linux; Android 13; Pixel 6a) AppleWebKit/537.36 (KHTML, like Gecko)"
                                + " Chrome/120.0 Mobile Safari/537.36"));
        phone.cdp("Emulation.setTouchEmulationEnabled", Map.of("enabled", true));
        openOffline(phone, pack);
        assertThat(phone.shown(By.tagName("h1")).getText()).isEqualTo("Student mental health offline");

        search(phone, "ecran");
        assertThat(phone.shown(By.id("count")).getText()).isEqualTo("1 page holds every word in 1 document.");
        WebElement link =
                phone.shown(By.cssSelector(".hit[data-document='" + library.choruspro() + "'] li[data-page='4'] a"));
        assertThat(link.getText()).isEqualTo("page 4");
        assertThat(phone.script("return document.documentElement.scrollWidth"))
                .as("no sideways scrolling at 360 px")
                .isEqualTo(360L);
        phone.assertAccessible("the offline pack's page on a phone-sized screen");
        phone.screenshot("pack-offline-mobile");

        link.click();
        phone.waitFor(ExpectedConditions.urlMatches("\\.pdf#page=4$"), Duration.ofSeconds(10));
    }

    @Test
    void withoutItsPdfsThePackStillSaysThePageAndThatTheFileWasLeftOut() {
        openOffline(browser, packWithoutFiles);
        search(browser, "ecran");
        WebElement hit = browser.shown(By.cssSelector(".hit[data-document='" + library.choruspro() + "']"));
        assertThat(hit.getText()).contains("PDF non inclus dans ce paquet", "page 4");
        assertThat(hit.findElements(By.cssSelector("a[href*='.pdf']"))).isEmpty();
        assertThat(packWithoutFiles.resolve("files")).doesNotExist();
    }

    @Test
    void theSwitchShowsThePackInEnglishAndKeepsTheHits() {
        openOffline(browser, pack);
        search(browser, "ecran");
        browser.shown(By.id("lang")).click();
        browser.waitFor(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"), Duration.ofSeconds(5));
        assertThat(browser.shown(By.id("count")).getText())
                .isEqualTo("The pack is now in English. 1 page holds every word in 1 document.");
        assertThat(browser.shown(By.id("lang")).getText()).isEqualTo("Français");
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".hit li[data-page='4'] a"))
                        .getText())
                .isEqualTo("page 4");
        browser.shown(By.id("lang")).click();
        browser.waitFor(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "fr"), Duration.ofSeconds(5));
    }

    @Test
    void aCollectionsPageDownloadsItsPackForOfflineUse(@OwnBrowser(languages = "en-GB,en") Browser reader)
            throws IOException {
        Path downloads = Files.createTempDirectory("offline-pack-download-");
        reader.open("#/collections/" + SLUG);
        reader.settled();
        reader.cdp("Page.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        reader.assertAccessible("a collection's page with its download for offline use");
        reader.shown(By.xpath("//button[.='Download for offline use']")).click();
        Path zip = downloads.resolve(SLUG + "-pack.zip");
        await("the pack saved by the browser")
                .atMost(BUILD)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Files.isRegularFile(zip) && Files.size(zip) > 0);
        await("the download finished")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (var partial = Files.list(downloads)) {
                        return partial.noneMatch(f -> f.toString().endsWith(".crdownload"));
                    }
                });
        assertThat(unzip(Files.readAllBytes(zip)).resolve("files")).isDirectory();
        assertThat(reader.shown(By.cssSelector(".pack [role=status]")).getText())
                .endsWith("MB");
    }

    @Test
    void aSearchsResultsDownloadAsAPackForOfflineUse(@OwnBrowser(languages = "en-GB,en") Browser reader)
            throws IOException {
        Path downloads = Files.createTempDirectory("offline-search-pack-download-");
        reader.open("#/search?q=chorus");
        reader.settled();
        reader.cdp("Page.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        reader.shown(By.xpath("//button[.='Download these results for offline use']"));
        reader.assertAccessible("a search's results with their download for offline use");
        reader.shown(By.xpath("//button[.='Download these results for offline use']"))
                .click();
        Path zip = downloads.resolve("search-pack.zip");
        await("the search's pack saved by the browser")
                .atMost(BUILD)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Files.isRegularFile(zip) && Files.size(zip) > 0);
        await("the download finished")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (var partial = Files.list(downloads)) {
                        return partial.noneMatch(f -> f.toString().endsWith(".crdownload"));
                    }
                });
        Path folder = unzip(Files.readAllBytes(zip));
        assertThat(Files.readString(folder.resolve("pack-data.js")))
                .contains("\"Search: chorus\"")
                .contains(library.choruspro());
        openOffline(reader, folder);
        search(reader, "ecran");
        assertThat(reader.shown(By.cssSelector(".hit[data-document='" + library.choruspro() + "'] li[data-page='4']"))
                        .getText())
                .contains("page 4");
    }

    /** Every page's text, and words chosen for their accents, elisions and endings, cut alike by Java and the page. */
    @Test
    void thePageCutsWordsIntoTermsExactlyAsTheServerCutThePages() {
        openOffline(browser, pack);
        List<String> samples = new ArrayList<>(List.of(
                "Écran",
                "l’hôpital",
                "L'Université",
                "qu'il",
                "jusqu'à",
                "lorsqu’on",
                "children's",
                "vaccinations",
                "traitements",
                "hospitalisées",
                "mosquitoes",
                "running",
                "studies",
                "Œdème",
                "naïve",
                "ÉTUDIANTS",
                "COVID-19",
                "1970–2010",
                "e-mail",
                "aujourd'hui",
                "d'accord",
                "fièvres",
                "stratégies",
                "İstanbul",
                "ﬁnal",
                "Straße",
                "x",
                "ee",
                "tees",
                "'s",
                "l'",
                "Ça",
                "cœur",
                "A.C.T.",
                "über",
                "«paludisme»"));
        @SuppressWarnings("unchecked")
        List<String> pages = (List<String>)
                browser.script("return window.PORTAL_PACK.search.pages.map(function (p) { return p[2]; })");
        assertThat(pages).hasSizeGreaterThan(10);
        samples.addAll(pages);
        @SuppressWarnings("unchecked")
        List<List<String>> cut = (List<List<String>>) browser.script(
                "return arguments[0].map(function (s) { return window.PORTAL_PACK_TERMS(s); })", samples);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(cut.get(i)).as("terms of «%s»", samples.get(i)).isEqualTo(PackTerms.of(samples.get(i)));
        }
    }

    /**
     * 100 documents of 20 pages each (text from the test PDFs), the CPU slowed four times (Chrome DevTools'
     * "mid-tier mobile" setting), a phone-sized screen, no network: the page has loaded, run its script and shown
     * the collection in under 2 s (the median of three openings), and a search answers in a fraction of that.
     */
    @Test
    void aPackOfAHundredDocumentsOfTwentyPagesOpensInUnderTwoSecondsOnAPhoneProfile(
            @OwnBrowser(languages = "fr-FR,fr") Browser phone) throws IOException {
        Path folder = Files.createTempDirectory("offline-pack-100x20-");
        SyntheticPack.Sizes sizes = SyntheticPack.write(folder, sourceTexts(), 100, 20, 15L);
        long pageFiles = 0;
        for (String name : SyntheticPack.staticFiles()) {
            pageFiles += Files.size(folder.resolve(name));
        }
        phone.cdp(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 2, "mobile", true));
        phone.cdp("Emulation.setCPUThrottlingRate", Map.of("rate", 4));
        List<Long> opens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            openOffline(phone, folder);
            phone.waitFor(d -> "complete".equals(phone.script("return document.readyState")), Duration.ofSeconds(30));
            assertThat(phone.driver().findElements(By.cssSelector("#documents > li")))
                    .hasSize(100);
            opens.add(((Number) phone.script(
                            "return Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd)"))
                    .longValue());
        }
        long open = opens.stream().sorted().toList().get(1);
        long search = ((Number) phone.script(
                        "var t = performance.now(); var q = document.getElementById('q'); q.value = 'sante etudiants';"
                                + " document.getElementById('search').requestSubmit();"
                                + " return Math.round(performance.now() - t);"))
                .longValue();
        String count = phone.shown(By.id("count")).getText();
        phone.screenshot("pack-offline-100x20-mobile");
        LOG.info(
                "Offline pack of 100 documents × 20 pages: pack-data.js {} bytes (search data {} bytes, {} terms, page"
                        + " text {} bytes); page files {} bytes; opened in {} ms (median of {}) with the CPU slowed 4x"
                        + " at 360×740; a two-word search took {} ms: {}",
                sizes.dataBytes(),
                sizes.searchBytes(),
                sizes.terms(),
                sizes.textBytes(),
                pageFiles,
                open,
                opens,
                search,
                count);
        assertThat(open)
                .as("open time in ms on the phone profile, median of %s", opens)
                .isLessThan(2_000);
        // Loose: a search is well under this on a quiet machine (158 ms), three times that when other builds share it.
        assertThat(search).as("search time in ms on the phone profile").isLessThan(1_000);
    }

    /** Opens the pack's index.html from the file system with the tab's network cut, as in the field. */
    private static void openOffline(Browser browser, Path folder) {
        browser.driver().get("about:blank");
        browser.cdp("Network.enable", Map.of());
        browser.cdp(
                "Network.emulateNetworkConditions",
                Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        browser.driver().get(folder.resolve("index.html").toUri().toString());
        browser.shown(By.cssSelector("#documents > li"));
    }

    private static void search(Browser browser, String words) {
        WebElement box = browser.shown(By.id("q"));
        box.clear();
        String before = browser.driver().findElement(By.id("count")).getText();
        box.sendKeys(words, Keys.ENTER);
        browser.waitFor(
                d -> !d.findElement(By.id("count")).getText().isEmpty()
                        && !d.findElement(By.id("count")).getText().equals(before),
                Duration.ofSeconds(5));
    }

    @SuppressWarnings("unchecked")
    private static List<String> resourcesFetched(Browser browser) {
        return (List<String>)
                browser.script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
    }

    /** The collection of the two French documents on students' mental health and the English review, packed twice. */
    private static synchronized void packOnce(E2ePortal portal, Library library) {
        if (tried) {
            assertThat(pack)
                    .as("the pack, which the first test could not download")
                    .isNotNull();
            return;
        }
        tried = true;
        PortalApi curator = portal.as("curator");
        HttpResponse<String> created = curator.send(
                "POST",
                "/api/collections",
                Map.of(
                        "slug",
                        SLUG,
                        "title",
                        Map.of("fr", "Santé mentale hors ligne", "en", "Student mental health offline"),
                        "description",
                        Map.of("fr", "Pour les équipes sans connexion.", "en", "For teams without a connection."),
                        "visibility",
                        "public"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        curator.post(
                "/api/collections/" + SLUG + "/items",
                Map.of("documentId", library.choruspro(), "note", "La page 4 dit quoi mettre dans chaque champ."));
        curator.post("/api/collections/" + SLUG + "/items", Map.of("documentId", library.studentFlyer()));
        curator.post("/api/collections/" + SLUG + "/items", Map.of("documentId", library.mosquitoReview()));
        pack = unzip(download(portal.anonymous(), "/api/collections/" + SLUG + "/pack"));
        packWithoutFiles = unzip(download(portal.anonymous(), "/api/collections/" + SLUG + "/pack?files=none"));
    }

    /** The pack's ZIP, asking again after the Retry-After the route gives as long as it answers 202 (building). */
    private static byte[] download(PortalApi api, String path) {
        AtomicLong retryAfter = new AtomicLong(0);
        AtomicInteger building = new AtomicInteger();
        HttpResponse<byte[]> response = await(path + " built")
                .atMost(BUILD)
                .pollDelay(Duration.ZERO)
                .pollInterval((count, previous) -> Duration.ofMillis(Math.max(100, retryAfter.get() * 1000)))
                .until(() -> api.download(path), answer -> {
                    if (answer.statusCode() != 202) {
                        return true;
                    }
                    building.incrementAndGet();
                    retryAfter.set(answer.headers()
                            .firstValue("Retry-After")
                            .map(Long::parseLong)
                            .orElseThrow(() -> new AssertionError("202 without Retry-After")));
                    return false;
                });
        assertThat(response.statusCode())
                .as("%s answered %s", path, new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/zip"));
        assertThat(response.headers().firstValue("ETag")).isPresent();
        LOG.info("{}: {} bytes, after {} answer(s) 202", path, response.body().length, building.get());
        return response.body();
    }

    private static Path unzip(byte[] zip) {
        try {
            Path folder = Files.createTempDirectory("offline-pack-");
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path target = folder.resolve(entry.getName()).normalize();
                    assertThat(target.startsWith(folder))
                            .as("entry %s stays in the pack's folder", entry.getName())
                            .isTrue();
                    Files.createDirectories(target.getParent());
                    Files.write(target, in.readAllBytes());
                }
            }
            assertThat(folder.resolve("index.html")).isRegularFile();
            assertThat(folder.resolve("pack-data.js")).isRegularFile();
            assertThat(folder.resolve("manifest.json")).isRegularFile();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unzip the pack", e);
        }
    }

    /** The text of the test PDFs, French and English, as the source of the synthetic pack's pages. */
    private static List<String> sourceTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String name : List.of(
                "jrsoc-interface-2013-mosquito-borne-models-review.pdf",
                "sante-psy-tutoriel-choruspro.pdf",
                "sante-psy-flyer-etudiant-fr.pdf",
                "paludisme-grave-enfant-fr.pdf",
                "cdc-mmwr-suppl-chd-stroke-deaths-excerpt.pdf",
                "fda-guidance-excerpt-2.pdf")) {
            try (InputStream in = Files.newInputStream(Library.pdf(name));
                    PDDocument pdf = Loader.loadPDF(in.readAllBytes())) {
                texts.add(new PDFTextStripper().getText(pdf));
            }
        }
        return texts;
    }
}
