package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The road from draft to published, in the browser: a curator publishes from the dashboard and a reader then finds
 * the document; a curator returns one with a comment its author reads; a withdrawn document keeps its page.
 */
@BrowserTest
class PublishFlowIT {

    private static final String TITLE = "Population totals by age, gender and race-ethnicity, NHANES III 1988–94";

    private final E2ePortal portal;
    private final Browser browser;

    PublishFlowIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        // Seeded before, whatever class runs first, as the other classes see the portal.
        portal.library();
        this.browser = browser;
    }

    @Test
    void aCuratorReturnsADocumentWithACommentThatItsAuthorReads() throws IOException {
        PortalApi contributor = portal.as("contributor");
        String title = "Cold chain checks for measles vaccine, draft " + System.nanoTime();
        String id = contributor.upload(
                text("# " + title + "\n\nRecord the fridge temperature twice a day.\n"),
                Map.of("title", title, "type", "protocol", "language", "en"));
        contributor.awaitProcessed(id, Duration.ofSeconds(60));
        contributor.post("/api/documents/" + id + "/submit", null);

        browser.signIn(portal.account("curator"));
        browser.go("#/dashboard");
        WebElement submitted =
                browser.shown(By.xpath("//section[@aria-labelledby='review-h']//li[.//a[.='" + title + "']]"));
        submitted.findElement(By.tagName("summary")).click();
        submitted.findElement(By.tagName("textarea")).sendKeys("Say which thermometer to use.");
        submitted.findElement(By.xpath(".//button[.='Return to the author']")).click();
        browser.shown(By.xpath("//section[@aria-labelledby='review-h']//p[.='Document returned to the author.']"));
        browser.signOut();

        browser.signIn(portal.account("contributor"));
        browser.go("#/dashboard");
        browser.settled();
        WebElement mine = browser.shown(By.xpath("//section[@aria-labelledby='mine-h']//li[.//a[.='" + title + "']]"));
        assertThat(mine.getText()).contains("Draft", "Returned by a curator:", "Say which thermometer to use.");
        browser.go("#/documents/" + id);
        browser.settled();
        assertThat(browser.shown(By.cssSelector("main")).getText())
                .contains("Returned by a curator: Say which thermometer to use.");
        assertThat(browser.driver()
                        .findElement(By.xpath("//button[.='Submit for review']"))
                        .isDisplayed())
                .isTrue();
        browser.assertAccessible("a returned draft, seen by its author");
        browser.signOut();
    }

    @Test
    void aWithdrawnDocumentKeepsItsPageWithTheReasonAndNoFile() throws IOException {
        PortalApi contributor = portal.as("contributor");
        String title = "Oral rehydration at home, leaflet " + System.nanoTime();
        String id = contributor.upload(
                text("# " + title + "\n\nOne sachet in one litre of safe water.\n"),
                Map.of("title", title, "type", "guideline", "language", "en"));
        contributor.awaitProcessed(id, Duration.ofSeconds(60));
        portal.as("curator").post("/api/documents/" + id + "/publish", null);

        browser.signIn(portal.account("curator"));
        browser.go("#/documents/" + id);
        browser.settled();
        browser.shown(By.xpath("//summary[.='Withdraw']")).click();
        browser.shown(By.id("manage-withdraw")).sendKeys("Replaced by the national guideline.");
        browser.driver().findElement(By.xpath("//form//button[.='Withdraw']")).click();
        browser.shown(By.xpath("//div[contains(@class,'banner')][contains(., 'Withdrawn:')]"));
        browser.signOut();

        browser.open("#/documents/" + id);
        browser.settled();
        assertThat(browser.shown(By.cssSelector(".banner")).getText())
                .isEqualTo("Withdrawn: Replaced by the national guideline.");
        assertThat(browser.driver().findElements(By.xpath("//a[starts-with(., 'Download')]")))
                .isEmpty();
        browser.assertAccessible("a withdrawn document");
    }

    private static Path text(String markdown) throws IOException {
        Path file = Files.createTempFile("portal-e2e-", ".md");
        Files.writeString(file, markdown);
        file.toFile().deleteOnExit();
        return file;
    }

    @Test
    void aCuratorPublishesThenAnAnonymousReaderFindsIt() {
        PortalApi contributor = portal.as("contributor");
        String id = contributor.upload(
                Library.pdf("nhanes-population-totals.pdf"),
                Map.of("title", TITLE, "type", "report", "language", "en"));
        contributor.awaitProcessed(id, Duration.ofSeconds(60));
        contributor.post("/api/documents/" + id + "/submit", null);

        browser.open("#/search?q=NHANES%20population%20totals");
        // Other documents holding some of the words may be listed as partial matches; this one must not be.
        browser.shown(By.cssSelector(".empty, .hit"));
        browser.settled();
        assertThat(browser.driver().findElements(By.cssSelector(".hit h3 a")).stream()
                        .map(WebElement::getText)
                        .toList())
                .as("a reader does not find a document before it is published")
                .doesNotContain(TITLE);

        browser.signIn(portal.account("curator"));
        browser.go("#/dashboard");
        WebElement submitted =
                browser.shown(By.xpath("//section[@aria-labelledby='review-h']//li[.//a[.='" + TITLE + "']]"));
        submitted.findElement(By.xpath(".//button[.='Publish']")).click();
        WebElement done = browser.shown(By.xpath("//section[@aria-labelledby='review-h']//p[.='Document published.']"));
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(done);
        browser.assertAccessible("dashboard after publishing");
        browser.signOut();

        browser.open("#/search?q=NHANES%20population%20totals");
        WebElement hit = browser.shown(By.cssSelector(".hit h3 a"));
        assertThat(hit.getText()).isEqualTo(TITLE);
        hit.click();
        // A reader's hit opens the document's permanent page, served whole by the portal.
        browser.waitFor(ExpectedConditions.urlToBe(portal.url() + "documents/" + id), Duration.ofSeconds(5));
        assertThat(browser.shown(By.cssSelector("h1")).getText()).isEqualTo(TITLE);
        assertThat(browser.driver().findElements(By.cssSelector(".banner")))
                .as("no draft or submitted banner on a published document")
                .isEmpty();
        assertThat(browser.driver()
                        .findElement(By.xpath("//a[.='Open the PDF']"))
                        .getAttribute("href"))
                .endsWith("/api/documents/" + id + "/file?inline=true");
    }
}
