package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Curating in the browser: a curator creates a collection (a wrong identifier is shown beside its field), adds a
 * published document to it from the document's page with a note, reorders and annotates it, and a reader then sees
 * it; a curator deletes a collection only once they confirm.
 */
@BrowserTest
class CurationFlowIT {

    private final E2ePortal portal;
    private final Library library;
    private final Browser browser;

    CurationFlowIT(E2ePortal portal, Library library, Browser browser) {
        this.portal = portal;
        this.library = library;
        this.browser = browser;
    }

    @Test
    void aCuratorBuildsACollectionFromDocumentPagesThatAReaderThenReads() {
        String slug = "field-reading-" + System.nanoTime();
        browser.signIn(portal.account("curator"));
        browser.go("#/collections");
        browser.settled();
        browser.shown(By.xpath("//summary[.='New collection']")).click();
        WebElement slugField = browser.shown(By.id("new-slug"));
        slugField.sendKeys("Not a slug");
        field("title.en").sendKeys("Reading for the field");
        field("title.fr").sendKeys("Lectures pour le terrain");
        field("description.en").sendKeys("What to read before a deployment.");
        new Select(field("visibility")).selectByValue("public");
        browser.driver()
                .findElement(By.xpath("//button[.='Create the collection']"))
                .click();

        WebElement error = browser.shown(By.id("new-slug-error"));
        assertThat(error.getText()).contains("lower-case letters");
        assertThat(slugField.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(slugField.getAttribute("aria-describedby")).contains("new-slug-error");
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(slugField);
        browser.assertAccessible("the new collection form with an error");
        browser.screenshot("collection-new");

        slugField.clear();
        slugField.sendKeys(slug);
        browser.driver()
                .findElement(By.xpath("//button[.='Create the collection']"))
                .click();
        browser.waitFor(ExpectedConditions.urlContains("#/collections/" + slug), Duration.ofSeconds(10));
        browser.settled();
        assertThat(browser.shown(By.tagName("h1")).getText()).isEqualTo("Reading for the field");

        browser.go("#/documents/" + library.strokeDeaths());
        browser.settled();
        new Select(browser.shown(By.id("add-collection"))).selectByVisibleText("Reading for the field");
        browser.driver().findElement(By.id("add-note")).sendKeys("Read the tables first.");
        browser.driver()
                .findElement(By.xpath("//section[@aria-labelledby='add-h']//button[.='Add']"))
                .click();
        browser.shown(By.xpath("//section[@aria-labelledby='add-h']//p[.='Document added to the collection.']"));
        browser.assertAccessible("a document's page with Add to a collection");
        browser.screenshot("document-add-to-collection");
        portal.as("curator").post("/api/collections/" + slug + "/items", Map.of("documentId", library.dataInBrief()));

        browser.go("#/collections/" + slug);
        browser.settled();
        assertThat(itemIds()).containsExactly(library.strokeDeaths(), library.dataInBrief());
        browser.shown(By.xpath("//ol[@class='hits']/li[2]//button[.='Move up']"))
                .click();
        browser.waitFor(
                d -> itemIds().equals(List.of(library.dataInBrief(), library.strokeDeaths())), Duration.ofSeconds(10));
        browser.settled();

        WebElement stroke = browser.shown(By.xpath("//ol[@class='hits']/li[2]"));
        stroke.findElement(By.xpath(".//summary[.='Edit the note']")).click();
        WebElement note = stroke.findElement(By.tagName("textarea"));
        note.clear();
        note.sendKeys("Read the tables first, then the notes under them.");
        stroke.findElement(By.xpath(".//button[.='Save the note']")).click();
        browser.shown(
                By.xpath("//ol[@class='hits']/li[2]//p[@class='note'][contains(., 'then the notes under them')]"));
        browser.settled();

        browser.shown(By.xpath("//summary[.='Change the texts and visibility']"))
                .click();
        WebElement title = browser.shown(By.cssSelector("section[aria-labelledby='curate-h'] [name='title.en']"));
        title.clear();
        title.sendKeys("Reading before a deployment");
        browser.driver()
                .findElement(By.xpath("//section[@aria-labelledby='curate-h']//button[.='Save']"))
                .click();
        browser.waitFor(
                ExpectedConditions.textToBe(By.tagName("h1"), "Reading before a deployment"), Duration.ofSeconds(10));
        browser.settled();
        browser.assertAccessible("a collection's page for its curator");
        browser.screenshot("collection-curate");
        browser.language("fr");
        browser.shown(By.xpath("//h2[.='Gérer la collection']"));
        browser.settled();
        browser.assertAccessible("a collection's page for its curator, in French");
        browser.language("en");
        browser.settled();
        browser.signOut();

        browser.open("#/collections/" + slug);
        browser.settled();
        assertThat(browser.shown(By.tagName("h1")).getText()).isEqualTo("Reading before a deployment");
        assertThat(itemIds()).containsExactly(library.dataInBrief(), library.strokeDeaths());
        assertThat(browser.driver()
                        .findElement(By.xpath("//ol[@class='hits']/li[2]//p[@class='note']"))
                        .getText())
                .isEqualTo("Curator’s note: Read the tables first, then the notes under them.");
        assertThat(browser.driver().findElements(By.id("curate-h")))
                .as("a reader has no curating tools")
                .isEmpty();
        assertThat(browser.driver().findElements(By.xpath("//button[.='Move up']")))
                .isEmpty();
    }

    @Test
    void aCuratorDeletesACollectionOnlyOnceTheyConfirm() {
        String slug = "to-delete-" + System.nanoTime();
        portal.as("curator")
                .post(
                        "/api/collections",
                        Map.of("slug", slug, "title", Map.of("en", "Short-lived"), "visibility", "private"));
        browser.signIn(portal.account("curator"));
        browser.go("#/collections/" + slug);
        browser.settled();
        browser.shown(By.xpath("//summary[.='Delete the collection']")).click();
        WebElement delete = browser.shown(By.xpath("//button[.='Delete for good']"));
        assertThat(delete.isEnabled()).as("deleting waits for the confirmation").isFalse();
        browser.driver().findElement(By.id("curate-confirm")).click();
        delete.click();
        browser.waitFor(ExpectedConditions.urlMatches("#/collections$"), Duration.ofSeconds(10));
        browser.settled();
        assertThat(portal.as("curator")
                        .send("GET", "/api/collections/" + slug, null)
                        .statusCode())
                .isEqualTo(404);
        browser.signOut();
    }

    private WebElement field(String name) {
        return browser.driver().findElement(By.cssSelector("main form [name='" + name + "']"));
    }

    /**
     * The ids of the collection's documents as shown, read in one go so that a page being replaced is never half read;
     * a reader's links go to the permanent page ({@code /documents/ID}), a curator's to the app's ({@code #/documents/ID}).
     */
    @SuppressWarnings("unchecked")
    private List<String> itemIds() {
        return (List<String>) browser.script("return [...document.querySelectorAll('ol.hits > li h3 a')]"
                + ".map(a => a.getAttribute('href').replace(/.*\\/documents\\//, ''))");
    }
}
