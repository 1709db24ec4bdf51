package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A reader searches, narrows, corrects a typo and opens a hit at its page: with the mouse, and with keys alone. */
@BrowserTest
class SearchFlowIT {

    private final E2ePortal portal;
    private final Library library;
    private final Browser browser;

    SearchFlowIT(E2ePortal portal, Library library, Browser browser) {
        this.portal = portal;
        this.library = library;
        this.browser = browser;
    }

    @Test
    void searchThenOpenAHitAtItsPage() {
        browser.open("#/");
        WebElement box = browser.shown(By.cssSelector("input[role=combobox]"));
        box.sendKeys("dengue transmission", Keys.ENTER);
        WebElement hit = browser.shown(By.cssSelector(".hit"));
        assertThat(hit.findElement(By.cssSelector("h3")).getText()).startsWith("A systematic review");
        WebElement page = hit.findElement(By.cssSelector(".page-link"));
        String href = page.getAttribute("href");
        String number = page.getText().replaceAll("\\D", "");
        assertThat(href)
                .as("the light page view of that page, the query carried to mark its words")
                .endsWith("/documents/" + library.mosquitoReview() + "/pages/" + number + "?q=dengue+transmission");
        assertThat(page.getAttribute("aria-label")).startsWith("page " + number + " of “A systematic review");

        page.click();
        browser.waitFor(ExpectedConditions.urlContains("/pages/" + number), Duration.ofSeconds(10));
        assertThat(browser.shown(By.tagName("h1")).getText()).startsWith("A systematic review");
        assertThat(browser.driver().findElements(By.cssSelector("#text mark"))).isNotEmpty();
        String onePage = browser.driver()
                .findElement(By.cssSelector("a[href$='/pages/" + number + ".pdf']"))
                .getAttribute("href");

        HttpResponse<byte[]> pdf = portal.anonymous().download(onePage.substring(onePage.indexOf("/api/")));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("inline"));
    }

    @Test
    void aKeyboardAloneReachesAResultAndOpensIt() {
        browser.open("#/");
        browser.shown(By.cssSelector("input[role=combobox]"));
        Actions keys = new Actions(browser.driver());
        assertThat(tabUntil("input[role=combobox]", 10)).isTrue();
        keys.sendKeys("mosquito models").sendKeys(Keys.ENTER).perform();
        browser.shown(By.cssSelector(".hit"));
        assertThat(browser.script("return document.activeElement.tagName")).isEqualTo("H1");
        assertThat(tabUntil(".hit h3 a", 5))
                .as("the first result is a few tabs away")
                .isTrue();
        assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle"))
                .as("the focused link shows its focus")
                .isEqualTo("solid");
        String title = browser.driver().switchTo().activeElement().getText();
        keys.sendKeys(Keys.ENTER).perform();
        // A reader's hit opens the permanent page (a page load: the browser starts focus at its top, where its skip
        // link is the first stop).
        browser.waitFor(ExpectedConditions.urlMatches("/documents/[0-9a-f-]{36}$"), Duration.ofSeconds(5));
        assertThat(browser.shown(By.cssSelector("h1")).getText()).isEqualTo(title);
        keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("class"))
                .isEqualTo("skip");
    }

    @Test
    void typeAheadSuggestsATitleThatArrowsAndEnterOpen() {
        browser.open("#/");
        WebElement box = browser.shown(By.cssSelector("input[role=combobox]"));
        box.sendKeys("coronary");
        browser.shown(By.cssSelector("[role=listbox] [role=option]"));
        assertThat(box.getAttribute("aria-expanded")).isEqualTo("true");
        box.sendKeys(Keys.ARROW_DOWN);
        String active = box.getAttribute("aria-activedescendant");
        assertThat(browser.driver().findElement(By.id(active)).getAttribute("aria-selected"))
                .isEqualTo("true");
        assertThat(browser.driver().findElement(By.id(active)).getText()).containsIgnoringCase("coronary");
        box.sendKeys(Keys.ENTER);
        browser.waitFor(ExpectedConditions.urlContains("#/documents/" + library.strokeDeaths()), Duration.ofSeconds(5));
        browser.settled();
        browser.shown(By.cssSelector("dl.facts"));
        browser.assertAccessible("document opened from a suggestion");
    }

    @Test
    void escapeClosesTheSuggestions() {
        browser.open("#/");
        WebElement box = browser.shown(By.cssSelector("input[role=combobox]"));
        box.sendKeys("mosq");
        browser.shown(By.cssSelector("[role=listbox] [role=option]"));
        browser.assertAccessible("home with suggestions open");
        box.sendKeys(Keys.ESCAPE);
        browser.waitFor(
                ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=listbox]")),
                Duration.ofSeconds(2));
        assertThat(box.getAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void aFacetNarrowsTheResultsAndItsChipRemovesIt() {
        browser.open("#/search?q=");
        browser.shown(By.cssSelector(".hit"));
        // The facets are drawn again when the collections' titles arrive: wait for them, lest a link go stale.
        browser.shown(By.xpath("//div[@class='facet']//a[contains(., 'Malaria and arboviral diseases')]"));
        int all = browser.driver().findElements(By.cssSelector(".hit")).size();
        browser.driver()
                .findElement(By.xpath("//div[@class='facet'][h3='Language']//a[contains(., 'French')]"))
                .click();
        browser.waitFor(ExpectedConditions.urlContains("language=fr"), Duration.ofSeconds(5));
        browser.settled();
        assertThat(browser.driver().findElements(By.cssSelector(".hit h3 a")))
                .isNotEmpty()
                .hasSizeLessThan(all)
                .allSatisfy(link -> assertThat(link.getAttribute("lang")).isEqualTo("fr"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".facet a[aria-current=true]"))
                        .getText())
                .contains("French");
        browser.assertAccessible("results filtered by a facet");
        browser.driver().findElement(By.cssSelector(".chips a.chip")).click();
        browser.waitFor(d -> !d.getCurrentUrl().contains("language=fr"), Duration.ofSeconds(5));
        browser.settled();
        assertThat(browser.driver().findElements(By.cssSelector(".hit"))).hasSize(all);
    }

    @Test
    void aMisspelledQueryOffersTheCorrection() {
        browser.open("#/search?q=dengeu");
        WebElement correction = browser.shown(By.cssSelector(".dym a"));
        String corrected = correction.getText();
        assertThat(corrected).isEqualTo("dengue");
        browser.assertAccessible("results with a did-you-mean");
        correction.click();
        browser.shown(By.cssSelector(".hit"));
        assertThat(browser.driver().findElement(By.cssSelector("h1")).getText()).isEqualTo("Results for “dengue”");
    }

    @Test
    void aQueryThatMatchesNothingSaysWhatToTry() {
        browser.open("#/search?q=zyxwvut&language=fr");
        WebElement empty = browser.shown(By.cssSelector(".empty"));
        assertThat(empty.getText())
                .contains("No document matches “zyxwvut”.", "Search without the filters")
                .doesNotContain("Use fewer words");
        browser.assertAccessible("results with nothing found");
    }

    @Test
    void aQueryThePortalRefusesSaysWhy() {
        browser.open("#/search?q=*ngue");
        WebElement error = browser.shown(By.cssSelector("main .error"));
        // The web's own words for the problem's code, never the API's detail or an API path.
        assertThat(error.getText())
                .contains("The search could not be read: * goes only at the end of a word.")
                .doesNotContain("/api/")
                .doesNotContain("The query cannot be run");
        browser.assertAccessible("results with a refused query");
    }

    /** Presses Tab until the focused element matches {@code css}, at most {@code presses} times. */
    private boolean tabUntil(String css, int presses) {
        for (int i = 0; i < presses; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            if (Boolean.TRUE.equals(browser.script("return document.activeElement.matches(arguments[0])", css))) {
                return true;
            }
        }
        return false;
    }
}
