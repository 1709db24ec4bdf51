package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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
        browser.language("fr");
        browser.shown(By.cssSelector("#review-h ~ div .queue li"));
        browser.waitFor(d -> text("#failures-h ~ div").contains("protégé par un mot de passe"), Duration.ofSeconds(5));
        assertThat(text("#failures-h ~ div")).doesNotContain("password-protected");
        browser.language("en");
        browser.signOut();
    }

    /** A damaged file's page says why it could not be read in the reader's language, not in the API's English. */
    @Test
    void aDamagedFileSaysWhyInTheReadersLanguage(@TempDir Path folder) throws IOException {
        // A PDF cut short, as an interrupted download leaves it: the indexer finds it damaged.
        byte[] whole = Files.readAllBytes(Library.pdf("fda-guidance-excerpt-2.pdf"));
        Path cut = folder.resolve("cut-short.pdf");
        Files.write(cut, Arrays.copyOf(whole, 8000));
        Files.writeString(cut, "\n%" + UUID.randomUUID() + "\n", StandardOpenOption.APPEND);
        PortalApi contributor = portal.as("contributor");
        String id = contributor.upload(cut, Map.of("title", "Cut short", "type", "report"));
        JsonNode status = contributor.awaitProcessed(id, Duration.ofSeconds(60));
        assertThat(status.path("failureCode").asText()).as(status.toString()).isEqualTo("malformed");

        browser.signIn(portal.account("contributor"));
        browser.open("#/documents/" + id);
        browser.language("fr");
        WebElement file = browser.shown(By.xpath("//p[contains(., 'endommagé ou incomplet')]"));
        assertThat(file.getText())
                .isEqualTo("Le fichier est endommagé ou incomplet : exportez-le de nouveau depuis son original.");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain("damaged or truncated");
        browser.assertAccessible("a damaged file's page in French");
        browser.language("en");
        assertThat(browser.shown(By.xpath("//p[contains(., 'damaged or truncated')]"))
                        .getText())
                .isEqualTo("The file is damaged or truncated: export it again from its source.");
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
