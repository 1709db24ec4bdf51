package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The interface language comes from the browser's languages, can be switched, and is remembered; formats follow. */
@BrowserTest
class LanguageIT {

    @Test
    void aFrenchBrowserGetsFrenchThenTheSwitchGivesEnglishAndIsRemembered(
            Library library, @OwnBrowser(languages = "fr-FR,fr") Browser browser) {
        browser.open("#/documents/" + library.mosquitoReview());
        browser.shown(By.cssSelector("dl.facts"));
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("fr");
        assertThat(browser.driver().getTitle()).endsWith("– Portail de preuves");
        String facts = browser.driver().findElement(By.cssSelector("dl.facts")).getText();
        // Dates, numbers and sizes in French: a comma before decimals and French units.
        assertThat(facts).contains("6 avril 2013").containsPattern("633,\\d\\h?ko");

        browser.driver().findElement(By.id("lang")).click();
        browser.shown(By.cssSelector("dl.facts"));
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.driver().findElement(By.cssSelector("dl.facts")).getText())
                .contains("April 6, 2013")
                .containsPattern("633\\.\\d\\h?kB");

        browser.open("#/");
        browser.shown(By.cssSelector("main h1"));
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.driver().findElement(By.id("lang")).getText()).isEqualTo("Français");
    }

    @Test
    void aBrowserPreferringAnotherLanguageGetsTheFirstOfFrenchOrEnglishItAccepts(
            @OwnBrowser(languages = "de-DE,de,en-GB,en,fr") Browser browser) {
        browser.open("#/");
        browser.shown(By.cssSelector("main h1"));
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.driver().findElement(By.cssSelector("main h1")).getText())
                .isEqualTo("Find the right page, even on a slow link");
        // Only the reader's language's messages come, and early: asked for by the shell's first script.
        assertThat(browser.script("return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(name => name.includes('/messages'))"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .anySatisfy(name -> assertThat(name.toString()).endsWith("/messages/en.js"))
                .noneSatisfy(name -> assertThat(name.toString()).endsWith("/messages/fr.js"));
    }
}
