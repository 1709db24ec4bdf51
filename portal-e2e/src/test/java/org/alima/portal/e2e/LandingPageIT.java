package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A document's permanent page (/documents/{id}) as served, read by Chromium with JavaScript off: complete, accessible,
 * light; and with JavaScript on, the web app's results linking to it.
 */
@BrowserTest
class LandingPageIT {

    private static final Logger LOG = LoggerFactory.getLogger(LandingPageIT.class);

    private final E2ePortal portal;
    private final Library library;
    private final Browser browser;

    LandingPageIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        this.library = portal.library();
        this.browser = browser;
    }

    @Test
    void aLandingPageIsCompleteAndAccessibleWithJavaScriptOff() {
        String id = library.mosquitoReview();
        browser.driver().get("about:blank");
        browser.cdp("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            browser.driver().get(portal.url() + "documents/" + id);
            assertThat(browser.shown(By.tagName("h1")).getText()).isNotBlank();
            assertThat(browser.driver().findElements(By.cssSelector("dl.facts dt")))
                    .isNotEmpty();
            assertThat(browser.driver()
                            .findElement(By.cssSelector("a[href$='/file']"))
                            .getText())
                    .contains("PDF");
            assertThat(browser.driver().findElement(By.id("related")).isDisplayed())
                    .as("no script ran: the related documents stay hidden")
                    .isFalse();
            browser.screenshot("landing-no-js");
        } finally {
            browser.cdp("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
        // axe-core runs as a script: on the page as it was served, no script of the page having run.
        browser.assertAccessible("landing page without JavaScript");
    }

    @Test
    void theListPagesAreAccessibleInFrenchAndEnglish() {
        for (String path : List.of("/collections", "/collections/" + Library.MALARIA, "/topics", "/countries")) {
            browser.driver().get(portal.url() + path.substring(1));
            browser.shown(By.tagName("h1"));
            browser.assertAccessible(path);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLandingPageTransfersUnderThirtyKilobytesWithWhatItNeeds() {
        browser.driver().get("about:blank");
        browser.cdp("Network.enable", Map.of());
        browser.cdp("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        browser.driver().get(portal.url() + "documents/" + library.mosquitoReview());
        browser.shown(By.tagName("h1"));
        browser.waitFor(
                d -> Boolean.TRUE.equals(browser.script(
                        "return performance.getEntriesByType('resource').some(e => e.name.includes('/related'))")),
                java.time.Duration.ofSeconds(10));
        List<Map<String, Object>> entries = (List<Map<String, Object>>) browser.script(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                        + ".map(e => ({name: e.name, transfer: e.transferSize}))");
        long total = entries.stream()
                .mapToLong(e -> ((Number) e.get("transfer")).longValue())
                .sum();
        LOG.info("Landing page, first visit: {} bytes transferred in {} requests: {}", total, entries.size(), entries);
        assertThat(total).isPositive().isLessThan(30_000);
    }

    @Test
    void theWebAppsResultsLinkToThePermanentPage() {
        browser.open("#/search?q=mosquito");
        browser.shown(By.cssSelector(".hit h3 a"));
        assertThat(browser.driver().findElement(By.cssSelector(".hit h3 a")).getAttribute("href"))
                .startsWith(portal.url() + "documents/");
        browser.driver().findElement(By.cssSelector(".hit h3 a")).click();
        assertThat(browser.shown(By.tagName("h1")).getText()).isNotBlank();
        assertThat(browser.driver().getCurrentUrl()).matches(".*/documents/[0-9a-f-]{36}");
    }
}
