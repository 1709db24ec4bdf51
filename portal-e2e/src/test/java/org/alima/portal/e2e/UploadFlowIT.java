package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A contributor deposits a file: the transfer's progress, the portal reading and indexing it, the description
 * filled in from the file and completed, then the document found by search.
 */
@BrowserTest
class UploadFlowIT {

    private final E2ePortal portal;
    private final Library library;
    private final Browser browser;

    UploadFlowIT(E2ePortal portal, Library library, Browser browser) {
        this.portal = portal;
        this.library = library;
        this.browser = browser;
    }

    @BeforeEach
    void signIn() {
        browser.signIn(portal.account("contributor"));
    }

    @AfterEach
    void startAgain() {
        browser.open("#/upload");
        browser.shown(By.cssSelector("main h1"));
        for (WebElement another : browser.driver().findElements(By.xpath("//button[.='Deposit another file']"))) {
            if (another.isDisplayed()) {
                another.click();
                break;
            }
        }
    }

    @Test
    void aContributorUploadsWatchesItGetIndexedAndFindsIt() {
        browser.open("#/");
        browser.shown(By.cssSelector("#nav a[href='#/upload']")).click();
        browser.shown(By.cssSelector(".drop"));
        WebElement file = browser.driver().findElement(By.cssSelector(".drop input[type=file]"));
        file.sendKeys(Library.pdf("va-mirecc-research-abstract-1.pdf")
                .toAbsolutePath()
                .toString());

        browser.waitFor(
                d -> "100".equals(d.findElement(By.id("progress")).getAttribute("value")), Duration.ofSeconds(20));
        assertThat(browser.shown(By.id("progress-text")).getText()).isEqualTo("File received.");
        browser.waitFor(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".steps li[data-step=indexed].done")),
                Duration.ofSeconds(60));
        assertThat(browser.driver().findElements(By.cssSelector(".steps li.done")))
                .hasSize(4);
        assertThat(browser.shown(By.cssSelector(".steps + div .ok")).getText())
                .isEqualTo("1 page indexed: the document can be found.");

        WebElement title = browser.shown(By.id("upload-title"));
        browser.waitFor(d -> !title.getAttribute("value").isBlank(), Duration.ofSeconds(10));
        String read = title.getAttribute("value");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("label[for=upload-title] .from-file"))
                        .isDisplayed())
                .as("the title is marked as read from the file")
                .isTrue();
        browser.assertAccessible("upload, indexed, description filled from the file");
        browser.screenshot("upload");

        new Select(browser.driver().findElement(By.id("upload-type"))).selectByValue("study");
        browser.driver().findElement(By.id("upload-topics")).sendKeys("schizophrenia");
        browser.driver().findElement(By.xpath("//button[.='Save']")).click();
        WebElement saved = browser.shown(By.cssSelector("section[aria-labelledby=describe-h] .ok"));
        assertThat(saved.getText()).startsWith("Description saved.");
        String href = saved.findElement(By.tagName("a")).getAttribute("href");
        String id = href.substring(href.lastIndexOf('/') + 1);

        browser.go("#/search?q=cognitive%20remediation%20schizophrenia");
        WebElement hit = browser.shown(By.cssSelector(".hit h3 a"));
        assertThat(hit.getAttribute("href")).endsWith("#/documents/" + id);
        assertThat(hit.getText()).isEqualTo(read);
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".hit .page-link"))
                        .getAttribute("href"))
                .endsWith("/documents/" + id + "/pages/1?q=cognitive+remediation+schizophrenia");
    }

    @Test
    void aDroppedFileThatIsAlreadyInThePortalLinksToTheDocumentThatHasIt() {
        browser.open("#/upload");
        browser.shown(By.cssSelector(".drop"));
        // A file dropped from the desktop, as the page receives it: a drop event whose DataTransfer holds the file.
        browser.driver()
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(bytes => {"
                                + "  const transfer = new DataTransfer();"
                                + "  transfer.items.add(new File([bytes], 'again.pdf', {type: 'application/pdf'}));"
                                + "  const zone = document.querySelector('.drop');"
                                + "  for (const type of ['dragenter', 'dragover', 'drop'])"
                                + "    zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true,"
                                + "      cancelable: true}));"
                                + "  done();"
                                + "});",
                        "/api/documents/" + library.strokeDeaths() + "/file");
        WebElement error = browser.shown(By.cssSelector("main .error"));
        assertThat(error.getText()).contains("This file is already in the portal.");
        assertThat(browser.driver()
                        .findElement(By.xpath("//a[.='See the document that already has this file']"))
                        .getAttribute("href"))
                .endsWith("#/documents/" + library.strokeDeaths());
        assertThat(browser.driver().findElement(By.id("progress")).isDisplayed())
                .as("no full progress bar beside a refused upload")
                .isFalse();
        browser.assertAccessible("upload refused as a duplicate");
    }
}
