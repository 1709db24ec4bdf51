package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A curator links a French document to its English version from the document's page: the Translations panel suggests
 * the English one for its same DOI, its button links them, the page then links the English version; unlinking from
 * the same panel takes the link away again; the curators' dashboard then lists the pair and links it. In French, then
 * in English.
 */
@BrowserTest(languages = "fr-FR,fr")
class TranslationsPanelIT {

    private final E2ePortal portal;
    private final Browser browser;

    TranslationsPanelIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        this.browser = browser;
    }

    @Test
    void aCuratorLinksTheSuggestedTranslationFromThePageAndUnlinksIt() {
        String doi = "10.5555/translations." + UUID.randomUUID().toString().substring(0, 8);
        PortalApi contributor = portal.as("contributor");
        String french = contributor.upload(
                text(
                        "paludisme-fr.md",
                        "# Paludisme grave de l'enfant\n\nArtésunate injectable en première intention.\n"),
                Map.of(
                        "title", "Prise en charge du paludisme grave de l'enfant",
                        "type", "guideline",
                        "language", "fr",
                        "doi", doi));
        String english = contributor.upload(
                text("malaria-en.md", "# Severe malaria in children\n\nInjectable artesunate first.\n"),
                Map.of(
                        "title", "Managing severe malaria in children",
                        "type", "guideline",
                        "language", "en",
                        "doi", doi));
        String alsoFrench = contributor.upload(
                text("paludisme-adulte-fr.md", "# Paludisme grave de l'adulte\n\nArtésunate injectable.\n"),
                Map.of("title", "Paludisme grave de l'adulte", "type", "guideline", "language", "fr"));

        browser.signIn(portal.account("curator"));
        browser.open("#/documents/" + french);
        browser.language("fr");
        WebElement panel = browser.shown(By.id("translations-panel"));
        assertThat(panel.findElement(By.tagName("h2")).getText()).isEqualTo("Traductions");
        WebElement suggestion = browser.shown(By.cssSelector("#translations-panel .suggestion"));
        assertThat(suggestion.findElement(By.tagName("a")).getAttribute("href")).endsWith("/documents/" + english);
        assertThat(suggestion.getText()).contains("Managing severe malaria in children", "même DOI", "%");
        assertThat(panel.getText()).contains("Liée à aucune traduction.");
        browser.settled();
        browser.assertAccessible("a document's page with its Translations panel, French");

        // A pasted address that names no document, then another French document's page: each refusal in words.
        WebElement address = browser.shown(By.id("tr-other"));
        address.sendKeys("paludisme");
        panel.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.shown(By.cssSelector("#translations-panel .error")).getText())
                .isEqualTo("Collez l’adresse de la page de l’autre document.");
        address.clear();
        address.sendKeys(browser.driver().getCurrentUrl().replace(french, alsoFrench));
        panel.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waitFor(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#translations-panel .error"), "Pas une même œuvre"),
                Duration.ofSeconds(10));
        assertThat(portal.as("curator")
                        .get("/api/documents/" + french)
                        .path("translations")
                        .size())
                .isZero();

        suggestion.findElement(By.tagName("button")).click();
        WebElement other = browser.shown(By.cssSelector("main .translations a"));
        assertThat(other.getText()).isEqualTo("en anglais");
        assertThat(other.getAttribute("href")).endsWith("/documents/" + english);
        assertThat(portal.as("curator")
                        .get("/api/documents/" + french)
                        .path("translations")
                        .path(0)
                        .path("id")
                        .asText())
                .isEqualTo(english);
        browser.waitFor(
                ExpectedConditions.textToBePresentInElementLocated(By.id("translations-panel"), "Délier"),
                Duration.ofSeconds(10));
        assertThat(browser.driver().findElements(By.cssSelector("#translations-panel .suggestion")))
                .isEmpty();

        browser.language("en");
        browser.settled();
        WebElement unlink = browser.shown(By.cssSelector("#translations-panel li button"));
        assertThat(browser.shown(By.cssSelector("#translations-panel h2")).getText())
                .isEqualTo("Translations");
        assertThat(unlink.getText()).isEqualTo("Unlink");
        assertThat(browser.shown(By.cssSelector("main .translations a")).getText())
                .isEqualTo("in English");
        browser.assertAccessible("a document's page with its Translations panel, English");
        unlink.click();
        WebElement again = browser.shown(By.cssSelector("#translations-panel .suggestion"));
        assertThat(again.getText()).contains("same DOI");
        assertThat(browser.driver().findElements(By.cssSelector("main .translations")))
                .isEmpty();
        assertThat(browser.shown(By.id("translations-panel")).getText()).contains("Linked to no translation.");
        assertThat(portal.as("curator")
                        .get("/api/documents/" + french)
                        .path("translations")
                        .size())
                .isZero();

        // The curators' dashboard lists the same pair among the newest documents' likely translations.
        browser.open("#/dashboard");
        browser.shown(By.cssSelector("#pairs .suggestion"));
        browser.settled();
        WebElement pair = browser.driver().findElements(By.cssSelector("#pairs .suggestion")).stream()
                .filter(item -> item.getText().contains("Managing severe malaria in children"))
                .findFirst()
                .orElseThrow();
        assertThat(pair.getText()).contains("Prise en charge du paludisme grave de l'enfant", "same DOI");
        browser.assertAccessible("the dashboard with likely translations, English");
        pair.findElement(By.tagName("button")).click();
        await("linked from the dashboard")
                .atMost(Duration.ofSeconds(10))
                .until(() -> portal.as("curator")
                                .get("/api/documents/" + french)
                                .path("translations")
                                .size()
                        == 1);
    }

    private static Path text(String name, String content) {
        try {
            Path directory = Files.createTempDirectory("translations-panel");
            return Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
