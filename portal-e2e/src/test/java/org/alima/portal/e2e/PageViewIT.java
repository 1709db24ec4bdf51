package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page, not the file: a hit's "p. N" opens the light page view (the page's text, the query's words marked, the
 * previous and next pages, the one-page PDF and the whole file with their sizes), in French and English, with zero
 * axe-core violations; on a 400 kbit/s, 400 ms link it weighs and takes a fraction of the whole PDF, and the figures
 * are logged for the README. And a procedure past its review date says so on its page, in results and in its
 * collection.
 */
@BrowserTest(languages = "fr-FR,fr")
class PageViewIT {

    /** 400 kbit/s in bytes per second, as DevTools counts throughput; SlowLinkIT's link. */
    private static final int BYTES_PER_SECOND = 400_000 / 8;

    private static final int LATENCY_MILLIS = 400;
    private static final Logger LOG = LoggerFactory.getLogger(PageViewIT.class);

    private final E2ePortal portal;
    private final Library library;
    private final Browser browser;

    PageViewIT(E2ePortal portal, Library library, Browser browser) {
        this.portal = portal;
        this.library = library;
        this.browser = browser;
    }

    @Test
    void aHitsPageLinkOpensThePageViewWithTheQuerysWordsMarkedInFrenchAndEnglish() {
        browser.open("#/search?q=" + "ligne%20TVA");
        WebElement hit = hitOf(library.choruspro());
        WebElement link = hit.findElement(By.cssSelector(".page-link"));
        assertThat(link.getAttribute("aria-label"))
                .isEqualTo("page 4 de « Facturer ses séances sur Chorus Pro : tutoriel pour les psychologues », sans le"
                        + " PDF");
        assertThat(hit.findElement(By.cssSelector(".badge.overdue")).getText())
                .isEqualTo("Révision en retard depuis le 15 janvier 2022");

        link.click();
        browser.waitFor(ExpectedConditions.urlContains("/pages/4"), Duration.ofSeconds(10));
        assertThat(browser.shown(By.tagName("h1")).getText()).startsWith("Facturer ses séances sur Chorus Pro");
        assertThat(text("main")).contains("Page 4 sur 5").contains("Révision en retard depuis le 15 janvier 2022");
        assertThat(browser.driver().findElements(By.cssSelector("#text mark")))
                .extracting(WebElement::getText)
                .contains("TVA", "ligne");
        assertThat(text("ul.get"))
                .containsPattern("Cette page seule \\(PDF, [0-9,]+ ko\\)")
                .contains("Le document entier (PDF, 412,3 ko)");
        assertThat(browser.driver().findElement(By.cssSelector("a[rel=next]")).getText())
                .isEqualTo("Page suivante (5) →");
        browser.assertAccessible("page view, French");
        browser.screenshot("page-view");

        browser.driver().findElement(By.cssSelector("header a[hreflang=en]")).click();
        browser.waitFor(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"), Duration.ofSeconds(10));
        assertThat(text("main")).contains("Page 4 of 5").contains("Review overdue since January 15, 2022");
        assertThat(text("ul.get")).contains("The whole document (PDF, 412.3 kB)");
        browser.driver().findElement(By.cssSelector("a[rel=prev]")).click();
        browser.waitFor(ExpectedConditions.urlContains("/pages/3"), Duration.ofSeconds(10));
        assertThat(text("main")).contains("Page 3 of 5");
        browser.assertAccessible("page view, English");
    }

    @Test
    void aProcedurePastItsReviewDateSaysSoOnItsPageAndInItsCollection() {
        browser.open("#/documents/" + library.choruspro());
        WebElement banner = browser.shown(By.cssSelector(".banner.overdue"));
        assertThat(banner.getText()).startsWith("Révision en retard depuis le 15 janvier 2022 :");
        assertThat(text("main .actions")).containsPattern("Ouvrir le PDF \\(412,3[\\s\\u00a0\\u202f]ko\\)");
        browser.settled();
        browser.assertAccessible("an overdue procedure's page, French");
        browser.screenshot("overdue-banner");

        browser.open("#/collections/" + Library.MENTAL_HEALTH);
        browser.shown(By.cssSelector(".badge.overdue"));
        browser.language("en");
        assertThat(browser.shown(By.cssSelector(".badge.overdue")).getText())
                .isEqualTo("Review overdue since January 15, 2022");
        browser.settled();
        browser.assertAccessible("a collection holding an overdue procedure, English");
        browser.open("#/documents/" + library.choruspro());
        assertThat(browser.shown(By.cssSelector(".banner.overdue")).getText())
                .startsWith("Review overdue since January 15, 2022:");
        assertThat(browser.driver().findElements(By.cssSelector(".badge.overdue")))
                .as("the other documents are not procedures")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void atFourHundredKilobitsPerSecondThePageViewWeighsAndTakesAFractionOfTheWholePdf() {
        browser.open("#/search?q=malaria");
        WebElement link = hitOf(library.mosquitoReview()).findElement(By.cssSelector(".page-link"));
        String view = link.getAttribute("href");
        String id = library.mosquitoReview();
        String page = view.replaceAll(".*/pages/(\\d+).*", "$1");
        browser.driver().get("about:blank");
        slowLink();
        try {
            browser.driver().get(view);
            browser.shown(By.cssSelector("#text"));
            Map<String, Object> shown =
                    (Map<String, Object>) browser.script("const n = performance.getEntriesByType('navigation')[0];"
                            + " return {transfer: n.transferSize, done: n.loadEventEnd, body: n.decodedBodySize,"
                            + " requests: performance.getEntriesByType('resource').length + 1}");
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
            // Fetched from a page of the portal that allows it: the page view's policy lets it connect nowhere.
            browser.driver().get(portal.url() + "api/documents/" + id);
            Map<String, Object> whole = fetch("/api/documents/" + id + "/file?inline=true");
            Map<String, Object> onePage = fetch("/api/documents/" + id + "/pages/" + page + ".pdf");
            long viewBytes = number(shown, "transfer");
            long viewMillis = number(shown, "done");
            LOG.info(
                    "Page view of page {} of the mosquito-borne models review at 400 kbit/s with 400 ms latency, cache"
                            + " disabled: {} bytes transferred ({} bytes of HTML decoded) in {} request(s), loaded"
                            + " after {} ms; the one-page PDF: {} bytes in {} ms; the whole PDF: {} bytes in {} ms",
                    page,
                    viewBytes,
                    number(shown, "body"),
                    number(shown, "requests"),
                    viewMillis,
                    number(onePage, "bytes"),
                    number(onePage, "millis"),
                    number(whole, "bytes"),
                    number(whole, "millis"));
            assertThat(number(shown, "requests"))
                    .as("one request: no script, no style sheet")
                    .isEqualTo(1);
            assertThat(viewBytes).as("a few KB").isLessThan(15_000);
            assertThat(number(whole, "bytes")).isEqualTo(633_280);
            assertThat(viewBytes * 10).isLessThan(number(whole, "bytes"));
            assertThat(viewMillis * 3)
                    .as("the page view is read long before the PDF arrives")
                    .isLessThan(number(whole, "millis"));
            assertThat(number(onePage, "bytes")).isLessThan(number(whole, "bytes"));
            assertThat(number(whole, "millis"))
                    .as("the emulated link was slow: 633 KB at 50 KB/s")
                    .isGreaterThan(10_000);
        } finally {
            browser.cdp(
                    "Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            browser.cdp("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        }
    }

    /** Fetches a URL of the portal from the page, as the browser's viewer would, and says its size and time. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> fetch(String path) {
        return (Map<String, Object>) browser.driver()
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; const started = performance.now();"
                                + " fetch(arguments[0], {cache: 'no-store'}).then(r => r.arrayBuffer())"
                                + ".then(b => done({bytes: b.byteLength, millis: Math.round(performance.now() - started)}))"
                                + ".catch(e => done({bytes: -1, millis: -1, error: String(e)}));",
                        path);
    }

    private void slowLink() {
        browser.cdp("Network.enable", Map.of());
        browser.cdp("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        browser.cdp(
                "Network.emulateNetworkConditions",
                Map.of(
                        "offline", false,
                        "latency", LATENCY_MILLIS,
                        "downloadThroughput", BYTES_PER_SECOND,
                        "uploadThroughput", BYTES_PER_SECOND));
    }

    private WebElement hitOf(String id) {
        browser.shown(By.cssSelector(".hit"));
        List<WebElement> hits = browser.driver().findElements(By.cssSelector(".hit"));
        return hits.stream()
                .filter(hit -> hit.findElement(By.cssSelector("h3 a"))
                        .getAttribute("href")
                        .endsWith("/documents/" + id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hit for " + id + " among " + hits.size()));
    }

    private String text(String css) {
        return browser.shown(By.cssSelector(css)).getText();
    }

    private static long number(Map<String, Object> values, String key) {
        return Math.round(((Number) values.get(key)).doubleValue());
    }
}
