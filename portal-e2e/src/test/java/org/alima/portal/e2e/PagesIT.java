package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page of the portal in a real browser, in English and in French: what it shows, no WCAG 2.1 A or AA
 * violation that axe-core finds, and a screenshot for the README.
 */
@BrowserTest
class PagesIT {

    private final E2ePortal portal;
    private final Library library;
    private final Browser browser;

    PagesIT(E2ePortal portal, Library library, Browser browser) {
        this.portal = portal;
        this.library = library;
        this.browser = browser;
    }

    @Test
    void homeShowsTheSearchBoxLatestPublicationsAndFeaturedCollections() {
        check("home", "#/", By.cssSelector("#featured-h ~ ul .card"));
        assertThat(browser.driver().findElements(By.cssSelector("#latest-h ~ ul li")))
                .hasSizeBetween(1, 5);
        assertThat(text("#featured-h ~ ul")).contains("Malaria and arboviral diseases");
        browser.language("fr");
        browser.shown(By.cssSelector("#featured-h ~ ul .card"));
        assertThat(text("#latest-h")).isEqualTo("Dernières publications");
        assertThat(text("#featured-h ~ ul")).contains("Paludisme et arboviroses");
        browser.screenshot("home-fr");
    }

    @Test
    void resultsShowSnippetsWithTheirPagesFacetsAndSort() {
        check("results", "#/search?q=transmission", By.cssSelector(".hit .page-link"));
        assertThat(text(".status")).matches("\\d+ documents? found");
        assertThat(browser.driver().findElements(By.cssSelector(".facet h3"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector(".hit mark"))).isNotEmpty();
        browser.language("fr");
        browser.shown(By.cssSelector(".hit .page-link"));
        assertThat(text(".status")).matches("\\d+ documents? trouvés?");
        assertThat(text(".hit .page-link")).startsWith("p.");
        browser.screenshot("results-fr");
    }

    @Test
    void documentShowsItsMetadataCitationCollectionsAndRelatedDocuments() {
        check("document", "#/documents/" + library.mosquitoReview(), By.cssSelector("dl.facts"));
        assertThat(text("h1")).startsWith("A systematic review of mathematical models");
        assertThat(text("dl.facts")).contains("10.1098/rsif.2012.0921").contains("April 6, 2013");
        assertThat(text("main")).contains("Malaria and arboviral diseases");
        browser.driver().findElement(By.xpath("//button[.='Copy as BibTeX']")).click();
        assertThat(browser.shown(By.cssSelector("pre.citation")).getText()).startsWith("@misc{");
        browser.assertAccessible("document with its citation shown");
        browser.language("fr");
        browser.shown(By.cssSelector("dl.facts"));
        assertThat(text("dl.facts")).contains("6 avril 2013");
    }

    @Test
    void collectionsListsTheCollections() {
        check("collections", "#/collections", By.cssSelector(".card"));
        assertThat(text("main")).contains("Malaria and arboviral diseases", "Student mental health");
    }

    @Test
    void collectionShowsItsItemsInOrderWithTheCuratorsNotes() {
        check("collection", "#/collections/" + Library.MENTAL_HEALTH, By.cssSelector(".hit"));
        assertThat(browser.driver().findElements(By.cssSelector(".hit h3")))
                .extracting(e -> e.getText())
                .containsExactly(
                        "Santé Psy Étudiant : des séances gratuites avec un psychologue",
                        "Facturer ses séances sur Chorus Pro : tutoriel pour les psychologues");
        assertThat(text(".hit .note")).contains("À afficher dans les lieux d’accueil.");
        assertThat(browser.driver().findElements(By.cssSelector("form[role=search] input")))
                .hasSize(1);
    }

    @Test
    void signInExplainsAWrongPassword() {
        check("signin", "#/signin", By.id("signin-email"));
        browser.driver().findElement(By.id("signin-email")).sendKeys("nobody@portal.test");
        browser.driver().findElement(By.id("signin-password")).sendKeys("not the password");
        browser.driver()
                .findElement(By.cssSelector("main form button[type=submit]"))
                .click();
        assertThat(browser.shown(By.cssSelector(".error")).getText()).contains("Wrong email address or password.");
        browser.assertAccessible("sign-in with an error");
    }

    @Test
    void uploadOffersADropZoneThatIsAlsoAFileInput() {
        browser.signIn(portal.account("contributor"));
        check("upload-empty", "#/upload", By.cssSelector(".drop"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".drop input[type=file]"))
                        .isEnabled())
                .isTrue();
        browser.signOut();
    }

    @Test
    void dashboardShowsTheReviewQueueAndExtractionFailures() {
        browser.signIn(portal.account("curator"));
        check("dashboard", "#/dashboard", By.cssSelector("#review-h ~ div .queue li"));
        assertThat(text("#review-h ~ div")).contains("Guidance for industry (excerpt)");
        assertThat(text("#failures-h ~ div")).contains("password");
        browser.signOut();
    }

    @Test
    void anUnknownAddressSaysSoAndLeadsHome() {
        check("not-found", "#/nowhere", By.cssSelector("main a[href='#/']"));
    }

    /**
     * Opens a page, waits for what it must show, checks it in English (screenshot) and in French, and leaves it in
     * English.
     */
    private void check(String page, String route, By ready) {
        browser.open(route);
        browser.language("en");
        browser.shown(ready);
        browser.settled();
        browser.assertAccessible(page + " in English");
        browser.screenshot(page);
        browser.language("fr");
        browser.shown(ready);
        browser.settled();
        browser.assertAccessible(page + " in French");
        browser.language("en");
        browser.shown(ready);
        browser.settled();
    }

    private String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }
}
