package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results page on a first visit (a browser with an empty cache) transfers at most 100 KB, everything included,
 * as the browser counts it (Resource Timing's transferSize: headers and compressed bodies).
 */
@BrowserTest(languages = "fr-FR,fr")
class FirstVisitIT {

    /** A query that finds most of the library, each hit with page snippets. */
    static final String RESULTS = "#/search?q=data";

    private static final Logger LOG = LoggerFactory.getLogger(FirstVisitIT.class);

    private final E2ePortal portal;
    private final Browser browser;

    FirstVisitIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        // Seeded before: the query finds its documents.
        portal.library();
        this.browser = browser;
    }

    /** Each test is a first visit: the profile is new, and the cache stays off whatever ran before. */
    @BeforeEach
    void emptyCache() {
        browser.driver().get("about:blank");
        browser.cdp("Network.enable", Map.of());
        browser.cdp("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theResultsPageTransfersAtMostOneHundredKilobytesOnAFirstVisit() {
        browser.driver().get(portal.url() + RESULTS);
        browser.shown(By.cssSelector(".hit"));
        browser.settled();
        // Everything the page fetched, the document included; a data: icon is not fetched at all.
        List<Map<String, Object>> entries = (List<Map<String, Object>>) browser.script(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                        + ".map(e => ({name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize,"
                        + " decoded: e.decodedBodySize}))");
        long total = entries.stream()
                .mapToLong(e -> ((Number) e.get("transfer")).longValue())
                .sum();
        StringBuilder breakdown = new StringBuilder();
        for (Map<String, Object> e : entries) {
            breakdown.append(String.format(
                    java.util.Locale.ROOT,
                    "%n  %6d B transferred, %6d B body (%6d B decoded)  %s",
                    ((Number) e.get("transfer")).longValue(),
                    ((Number) e.get("encoded")).longValue(),
                    ((Number) e.get("decoded")).longValue(),
                    e.get("name").toString().replace(portal.url(), "/")));
        }
        LOG.info(
                "First visit of the results page ({} hits): {} bytes transferred in {} requests{}",
                browser.driver().findElements(By.cssSelector(".hit")).size(),
                total,
                entries.size(),
                breakdown);
        assertThat(entries)
                .extracting(e -> e.get("name").toString())
                .anyMatch(name -> name.endsWith("/app.js"))
                .anyMatch(name -> name.endsWith("/messages/fr.js"))
                .anyMatch(name -> name.contains("/api/search?"))
                // Only the reader's language: the English messages wait for the switch.
                .noneMatch(name -> name.endsWith("/messages/en.js"));
        assertThat(entries)
                .as("every request reached the network (nothing came from a cache)")
                .allSatisfy(e ->
                        assertThat(((Number) e.get("transfer")).longValue()).isPositive());
        assertThat(total).isPositive().isLessThanOrEqualTo(100_000);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePortalCompressesThePagesAndTheirCode() {
        browser.driver().get(portal.url() + RESULTS);
        browser.shown(By.cssSelector(".hit"));
        List<Map<String, Object>> assets = (List<Map<String, Object>>) browser.script(
                "return performance.getEntriesByType('resource').filter(e => /\\.(js|css)$/.test(e.name))"
                        + ".map(e => ({name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize}))");
        assertThat(assets).hasSizeGreaterThanOrEqualTo(3);
        assertThat(assets)
                .as("scripts and style sheets over 1 KB are sent compressed")
                .filteredOn(e -> ((Number) e.get("decoded")).longValue() > 1024)
                .allSatisfy(e -> assertThat(((Number) e.get("encoded")).longValue())
                        // a small module (language.js, 1 KB) gains less than half; sent as is, it would gain none
                        .isLessThan(((Number) e.get("decoded")).longValue() * 3 / 4));
    }
}
