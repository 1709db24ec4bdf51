package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A procedure's owner deposits a new version from the document's page; once a curator publishes it, the old version
 * says so and links to the latest, and the latest lists the older one.
 */
@BrowserTest
class VersionsIT {

    private static final String TITLE = "Hand hygiene before and after patient contact";

    private final E2ePortal portal;
    private final Browser browser;

    VersionsIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        // Seeded before, whatever class runs first, as the other classes see the portal.
        portal.library();
        this.browser = browser;
    }

    @Test
    void aNewVersionDepositedFromTheDocumentPageSupersedesTheOldOne() {
        PortalApi contributor = portal.as("contributor");
        PortalApi curator = portal.as("curator");
        String first = contributor.upload(
                Library.pdf("hello-world.pdf"),
                Map.of(
                        "title", TITLE,
                        "type", "operating_procedure",
                        "language", "en",
                        "effectiveDate", "2023-01-16",
                        "reviewDueDate", "2025-01-16"));
        contributor.awaitProcessed(first, Duration.ofSeconds(60));
        curator.post("/api/documents/" + first + "/publish", null);

        browser.signIn(portal.account("contributor"));
        browser.go("#/documents/" + first);
        assertThat(browser.shown(By.cssSelector("dl.facts")).getText())
                .contains("In force since", "January 16, 2023", "Review due", "January 16, 2025");
        browser.shown(By.xpath("//a[.='Deposit a new version']")).click();
        browser.waitFor(ExpectedConditions.urlContains("#/upload?supersedes=" + first), Duration.ofSeconds(5));
        browser.settled();
        assertThat(browser.shown(By.cssSelector("main .lead a")).getText()).isEqualTo(TITLE);
        browser.driver()
                .findElement(By.cssSelector(".drop input[type=file]"))
                .sendKeys(Library.pdf("simple1-849-bytes.pdf").toAbsolutePath().toString());
        browser.waitFor(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".steps li[data-step=indexed].done")),
                Duration.ofSeconds(60));
        String href = browser.shown(By.xpath("//a[.='See the document']")).getAttribute("href");
        String second = href.substring(href.lastIndexOf('/') + 1);
        assertThat(second).isNotEqualTo(first);
        browser.signOut();
        // The same title: the two versions share words, as versions do, and would be "related" to each other.
        contributor.send("PATCH", "/api/documents/" + second, Map.of("title", TITLE));
        curator.post("/api/documents/" + second + "/publish", null);
        // Until the index holds the new version, published and under its new title.
        browser.waitFor(
                d -> portal.anonymous()
                        .get("/api/search?q=hand+hygiene+patient+contact&fields=id")
                        .toString()
                        .contains(second),
                Duration.ofSeconds(30));

        browser.open("#/documents/" + first);
        WebElement banner = browser.shown(By.cssSelector(".banner"));
        assertThat(banner.getText()).contains("A newer version of this document exists.");
        WebElement olderVersions = browser.shown(By.cssSelector("section[aria-labelledby=versions-h]"));
        browser.waitFor(d -> olderVersions.getText().contains("Version 2 (newer)"), Duration.ofSeconds(5));
        assertThat(olderVersions.getText())
                .as("each version with its number and date")
                .containsPattern("Version 2 \\(newer\\) – \\w+ \\d{1,2}, \\d{4}")
                .containsPattern("Version 1 \\(this one\\) – \\w+ \\d{1,2}, \\d{4}");
        browser.settled();
        assertThat(browser.driver().findElements(By.cssSelector("section[aria-labelledby=related-h] a")))
                .as("related documents leave out the document's own versions")
                .noneMatch(a -> a.getAttribute("href").endsWith(second));
        browser.assertAccessible("a superseded version");
        browser.language("fr");
        browser.settled();
        WebElement enFrancais = browser.shown(By.cssSelector("section[aria-labelledby=versions-h]"));
        browser.waitFor(d -> enFrancais.getText().contains("Version 2 (plus récente)"), Duration.ofSeconds(5));
        assertThat(enFrancais.getText())
                .containsPattern("Version 2 \\(plus récente\\) – \\d{1,2} \\p{L}+\\.? \\d{4}")
                .containsPattern("Version 1 \\(celle-ci\\) – \\d{1,2} \\p{L}+\\.? \\d{4}");
        browser.language("en");
        browser.settled();
        banner = browser.shown(By.cssSelector(".banner"));
        banner.findElement(By.tagName("a")).click();
        browser.waitFor(ExpectedConditions.urlContains("#/documents/" + second), Duration.ofSeconds(5));
        browser.settled();
        WebElement versions = browser.shown(By.cssSelector("section[aria-labelledby=versions-h]"));
        browser.waitFor(d -> versions.getText().contains("Version 1"), Duration.ofSeconds(5));
        assertThat(versions.getText()).contains("Version 2 (this one)");
        assertThat(versions.findElement(By.xpath(".//a[starts-with(., 'Version 1')]"))
                        .getAttribute("href"))
                .endsWith("#/documents/" + first);
    }
}
