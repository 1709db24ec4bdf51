package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results page on a slow link: Chromium's network emulation at 400 kbit/s each way with 400 ms of latency and
 * no cache, the time from navigation until the page is usable (results shown, search box ready for typing), as the
 * page itself marks it. Prints the figure; run alone with {@code ./mvnw -B -ntp -pl portal-e2e -am verify
 * -Dit.test=SlowLinkIT -Dsurefire.failIfNoSpecifiedTests=false -Dtest=none}.
 */
@BrowserTest(languages = "fr-FR,fr")
class SlowLinkIT {

    /** 400 kbit/s in bytes per second, as DevTools counts throughput. */
    private static final int BYTES_PER_SECOND = 400_000 / 8;

    private static final int LATENCY_MILLIS = 400;
    private static final Logger LOG = LoggerFactory.getLogger(SlowLinkIT.class);

    private final E2ePortal portal;
    private final Browser browser;

    SlowLinkIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        // Seeded before: the query finds its documents.
        portal.library();
        this.browser = browser;
    }

    @Test
    void theResultsPageIsUsableWithinFiveSecondsAtFourHundredKilobitsPerSecond() {
        browser.driver().get("about:blank");
        slowLink(browser);
        browser.driver().get(portal.url() + FirstVisitIT.RESULTS);
        browser.waitFor(
                d -> browser.script("return performance.getEntriesByName('results-rendered').length > 0")
                        .equals(Boolean.TRUE),
                Duration.ofSeconds(30));
        long usable = millis("performance.getEntriesByName('results-rendered')[0].startTime");
        long shell = millis("performance.getEntriesByType('navigation')[0].responseEnd");
        long code = millis("Math.max(...performance.getEntriesByType('resource')"
                + ".filter(e => /\\.(js|css)$/.test(e.name)).map(e => e.responseEnd))");
        long answer = millis(
                "performance.getEntriesByType('resource')" + ".find(e => e.name.includes('/api/search?')).responseEnd");
        LOG.info(
                "Results page usable after {} ms at 400 kbit/s with 400 ms latency, cache disabled"
                        + " (page shell received at {} ms, scripts and style at {} ms, search answer at {} ms)",
                usable,
                shell,
                code,
                answer);

        WebElement box = browser.driver().findElement(By.cssSelector("input[role=combobox]"));
        assertThat(box.isEnabled()).isTrue();
        assertThat(browser.driver().findElements(By.cssSelector(".hit"))).isNotEmpty();
        assertThat(answer)
                .as("the emulated link was slow (at least two round trips)")
                .isGreaterThan(2L * LATENCY_MILLIS);
        assertThat(usable).isLessThan(5_000);
    }

    @Test
    void whatIsTypedBeforeTheScriptArrivesIsKept(
            // A browser that does not wait for pages to load: by then the script would have drawn the page.
            @OwnBrowser(languages = "fr-FR,fr", loads = PageLoadStrategy.NONE) Browser early) {
        early.driver().get("about:blank");
        slowLink(early);
        early.driver().get(portal.url() + "#/");
        early.waitFor(ExpectedConditions.elementToBeClickable(By.id("q0")), Duration.ofSeconds(10))
                .sendKeys("malaria");
        assertThat(early.script("return document.querySelector('input[role=combobox]') === null"))
                .as("typed before the script drew the page")
                .isEqualTo(true);
        WebElement box = early.waitFor(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[role=combobox]")),
                Duration.ofSeconds(15));
        assertThat(box.getAttribute("value")).isEqualTo("malaria");
        assertThat(early.driver().switchTo().activeElement()).isEqualTo(box);
    }

    private static void slowLink(Browser browser) {
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

    private long millis(String expression) {
        return Math.round(((Number) browser.script("return " + expression)).doubleValue());
    }
}
