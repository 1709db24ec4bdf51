package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Saving a search from the results page and finding it on the account page, in English and in French: its name links
 * back to the search, its digest frequency is the one chosen, it has a private feed, and it can be deleted there.
 */
@BrowserTest
class SavedSearchesIT {

    private final E2ePortal portal;
    private final Browser browser;

    SavedSearchesIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        this.browser = browser;
    }

    @Test
    void aSearchSavedFromTheResultsPageIsListedOnTheAccountPageInEnglishAndFrench() {
        browser.signIn(portal.account("contributor"));
        browser.language("en");
        String english = "Malaria reports " + System.nanoTime();
        save("#/search?q=malaria&type=report", "Save this search", english, "weekly", "Search saved.");
        browser.shown(By.linkText("See my saved searches")).click();
        browser.settled();
        assertThat(browser.shown(By.tagName("h1")).getText()).isEqualTo("My account");
        WebElement item = item(english);
        assertThat(item.findElement(By.cssSelector("h3 a")).getAttribute("href"))
                .contains("#/search?q=malaria&type=report");
        assertThat(new Select(item.findElement(By.cssSelector("select[name=frequency]")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("weekly");
        assertThat(item.findElement(By.cssSelector("a.feed-url")).getAttribute("href"))
                .contains("/feeds/saved/");
        assertThat(item.getText()).contains("Next digest on");
        browser.assertAccessible("the account page with a saved search");
        browser.screenshot("saved-searches");

        browser.language("fr");
        String french = "Paludisme " + System.nanoTime();
        save(
                "#/search?q=paludisme&country=ML",
                "Enregistrer cette recherche",
                french,
                "daily",
                "Recherche enregistrée.");
        browser.shown(By.linkText("Voir mes recherches")).click();
        browser.settled();
        browser.shown(By.xpath("//h2[.='Recherches enregistrées']"));
        assertThat(item(french).findElement(By.cssSelector("h3 a")).getAttribute("href"))
                .contains("q=paludisme&country=ML");
        assertThat(item(english).isDisplayed()).isTrue();
        browser.assertAccessible("the account page with saved searches in French");

        browser.shown(By.xpath("//button[@aria-label='Supprimer la recherche « " + french + " »']"))
                .click();
        browser.waitFor(
                d -> d.findElements(By.xpath("//li[contains(@class,'saved-search')][.//h3[.='" + french + "']]"))
                        .isEmpty(),
                Duration.ofSeconds(10));
        browser.settled();
        browser.language("en");
        browser.settled();
        browser.signOut();
    }

    /** Saves the search of {@code route} from its results page under {@code name}, with digests at {@code frequency}. */
    private void save(String route, String summary, String name, String frequency, String saved) {
        browser.go(route);
        browser.settled();
        browser.shown(By.xpath("//details[contains(@class,'save-search')]/summary[.='" + summary + "']"))
                .click();
        WebElement field = browser.shown(By.id("save-name"));
        field.clear();
        field.sendKeys(name);
        new Select(browser.driver().findElement(By.id("save-frequency"))).selectByValue(frequency);
        browser.driver()
                .findElement(By.cssSelector("details.save-search button[type=submit]"))
                .click();
        assertThat(browser.shown(By.cssSelector("details.save-search .ok")).getText())
                .contains(saved);
        browser.assertAccessible("the results page with its search saved");
    }

    private WebElement item(String name) {
        return browser.shown(By.xpath("//li[contains(@class,'saved-search')][.//h3[.='" + name + "']]"));
    }
}
