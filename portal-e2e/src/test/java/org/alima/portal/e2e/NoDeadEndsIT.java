package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A reader never meets a dead end: words that together find nothing show the documents holding some of them, each
 * saying which words it lacks; an empty page gives advice that fits the query; a page past the last one says so and
 * offers the last; a long query is shortened in the heading; pasted text cut at the limit is said to be cut. In
 * English on a desktop and in French on a phone (412×915). The English partial matches are the README's screenshot
 * ({@code -Dportal.e2e.screenshots=../docs/screenshots}).
 */
@BrowserTest
class NoDeadEndsIT {

    private final Library library;
    private final Browser browser;

    NoDeadEndsIT(Library library, Browser browser) {
        this.library = library;
        this.browser = browser;
    }

    @Test
    void wordsThatTogetherFindNothingShowThePartialMatchesAndWhatEachLacks() {
        browser.open("#/search?q=dengue%20xylophone");
        WebElement hit = browser.shown(By.cssSelector(".hit"));

        assertThat(hit.findElement(By.cssSelector("h3 a")).getAttribute("href")).endsWith(library.mosquitoReview());
        assertThat(hit.findElement(By.cssSelector(".missing")).getText()).isEqualTo("Lacks: xylophone");
        assertThat(hit.findElement(By.cssSelector(".missing s")).getText()).isEqualTo("xylophone");
        assertThat(browser.driver().findElement(By.cssSelector(".status")).getText())
                .startsWith("No document has all these words;");
        assertThat(browser.driver().findElements(By.cssSelector(".empty"))).isEmpty();
        assertThat(hit.findElement(By.cssSelector(".pages mark")).getText()).containsIgnoringCase("dengue");
        browser.assertAccessible("partial matches");
        browser.screenshot("results-partial");
    }

    @Test
    void onAPhoneInFrenchThePartialMatchesSayWhatTheyLack(@OwnBrowser(languages = "fr-FR,fr") Browser phone) {
        phone.cdp(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 412, "height", 915, "deviceScaleFactor", 1, "mobile", true));
        phone.open("#/search?q=paludisme%20xylophone");
        WebElement hit = phone.shown(By.cssSelector(".hit"));

        assertThat(hit.findElement(By.cssSelector(".missing")).getText()).isEqualTo("Ne contient pas : xylophone");
        assertThat(phone.driver().findElement(By.cssSelector(".status")).getText())
                .startsWith("Aucun document n’a tous ces mots");
        phone.assertAccessible("résultats partiels sur un téléphone");
        phone.screenshot("results-partial-phone-fr");
    }

    @Test
    void onAPhoneTheFiltersAreAButtonAtTheTopAndTheCollectionScopeIsAChip(
            @OwnBrowser(languages = "fr-FR,fr") Browser phone) {
        phone.cdp(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 412, "height", 915, "deviceScaleFactor", 1, "mobile", true));
        phone.open("#/search?q=&collection=" + Library.MALARIA);
        phone.shown(By.cssSelector(".hit"));
        // Named by its slug until the collections' titles arrive, then by its French title.
        WebElement scope =
                phone.shown(By.xpath("//p[contains(@class,'scope')]/a[contains(., 'Paludisme et arboviroses')]"));
        WebElement toggle = phone.shown(By.cssSelector("button.filters-toggle"));
        WebElement facets = phone.driver().findElement(By.id("facets"));

        assertThat(scope.getText()).startsWith("Dans la collection");
        assertThat(toggle.getText()).isEqualTo("Filtres (1)");
        assertThat(toggle.getLocation().getY())
                .as("the button is on the first screen")
                .isLessThan(915);
        assertThat(facets.isDisplayed()).isFalse();
        phone.assertAccessible("résultats dans une collection sur un téléphone");

        toggle.click();
        assertThat(facets.isDisplayed()).isTrue();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(facets.getLocation().getY())
                .as("the filters open above the hits")
                .isLessThan(phone.driver()
                        .findElement(By.cssSelector(".hit"))
                        .getLocation()
                        .getY());
        phone.screenshot("results-phone-filters-fr");

        scope.click();
        phone.waitFor(d -> !d.getCurrentUrl().contains("collection="), java.time.Duration.ofSeconds(5));
        phone.settled();
        assertThat(phone.driver().findElements(By.cssSelector(".scope a.chip"))).isEmpty();
    }

    @Test
    void anEmptyPageForOneWordAdvisesNoFewerWords() {
        browser.open("#/search?q=zyxwvut");
        WebElement empty = browser.shown(By.cssSelector(".empty"));

        assertThat(empty.getText())
                .contains("No document matches “zyxwvut”.", "Try a broader word")
                .doesNotContain("Use fewer words");
    }

    @Test
    void anEmptyPageForQuerySyntaxAdvisesPlainWords() {
        browser.open("#/search?q=%22zyxwvut%20dengue%22");
        WebElement empty = browser.shown(By.cssSelector(".empty"));

        assertThat(empty.getText()).contains("Remove quotes").doesNotContain("Use fewer words");
    }

    @Test
    void aPagePastTheLastSaysSoAndOffersTheLast() {
        browser.open("#/search?q=&page=999");
        WebElement past = browser.shown(By.cssSelector(".empty"));

        assertThat(past.getText()).containsPattern("This page is past the last one \\(page \\d+\\)\\.");
        assertThat(past.getText()).doesNotContain("No document matches");
        assertThat(browser.driver().findElement(By.cssSelector(".status")).getText())
                .doesNotContain("documents found");
        past.findElement(By.partialLinkText("Go to the last page")).click();
        assertThat(browser.shown(By.cssSelector(".hit")).isDisplayed()).isTrue();
    }

    @Test
    void aLongQueryIsShortenedInTheHeadingAndTheTitle() {
        String query = "dengue ".repeat(150).strip();
        browser.open("#/search?q=" + query.replace(" ", "%20"));
        WebElement heading = browser.shown(By.cssSelector("main h1"));
        browser.shown(By.cssSelector(".status:not(:empty), .hit, .empty, main .error"));

        assertThat(heading.getText()).hasSizeLessThan(120).endsWith("…”");
        assertThat(heading.getAttribute("title")).isEqualTo(query);
        assertThat(browser.driver().getTitle()).hasSizeLessThan(140);
    }

    @Test
    void aMalformedDocumentIdIsADocumentNotFound() {
        for (String id : new String[] {"not-a-document", "12345", "%ZZ", "0f8fad5b-d9cb-469f-a165-70867728950e"}) {
            browser.open("#/documents/" + id);
            WebElement heading = browser.shown(By.cssSelector("main h1"));

            assertThat(heading.getText()).as(id).isEqualTo("Document not found");
            assertThat(browser.driver().findElements(By.cssSelector("main .error")))
                    .as(id)
                    .isEmpty();
        }
    }

    @Test
    void pastedTextCutAtTheLimitIsSaidToBeCut() {
        browser.open("#/");
        WebElement box = browser.shown(By.cssSelector("input[role=combobox]"));
        browser.script(
                "const data = new DataTransfer(); data.setData('text/plain', 'x'.repeat(1200));"
                        + " arguments[0].focus();"
                        + " arguments[0].dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));",
                box);

        WebElement note = browser.shown(By.cssSelector("form[role=search] .cut"));
        assertThat(note.getText()).contains("cut at 1,000 characters").contains("its last 200 are not searched");
    }
}
