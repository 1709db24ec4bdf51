package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A curator publishes a submitted document from the dashboard; an anonymous reader then finds it and reads it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishFlowIT {

    private static final String TITLE = "Population totals by age, gender and race-ethnicity, NHANES III 1988–94";

    private E2ePortal portal;
    private Browser browser;

    @BeforeAll
    void start() {
        portal = E2ePortal.get();
        portal.library();
        browser = Browser.start(portal.url(), "en-GB,en");
    }

    @AfterAll
    void stop() {
        browser.close();
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
        assertThat(browser.shown(By.cssSelector(".empty")).getText())
                .as("a reader does not find a document before it is published")
                .contains("No document matches");

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
        browser.waitFor(ExpectedConditions.urlContains("#/documents/" + id), Duration.ofSeconds(5));
        browser.settled();
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
