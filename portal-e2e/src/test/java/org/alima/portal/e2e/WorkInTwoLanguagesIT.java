package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * One work in French and English, linked by a curator: a French reader's results show it once, in French, with a link
 * to the English version, an English reader's once, in English, with a link to the French one, and the document's page
 * links the other language. Its screenshot of the French results is the README's ("a work shown in two languages").
 */
@BrowserTest(languages = "fr-FR,fr")
class WorkInTwoLanguagesIT {

    private static final Duration INDEXING = Duration.ofSeconds(90);

    private final E2ePortal portal;
    private final Browser browser;

    WorkInTwoLanguagesIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        this.browser = browser;
    }

    @Test
    void aWorkInTwoLanguagesIsOneHitInTheReadersLanguageWithALinkToTheOther() throws IOException {
        String word =
                "choleraoral" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "x");
        PortalApi contributor = portal.as("contributor");
        String french = contributor.upload(
                text(
                        "fiche-cholera-fr.md",
                        "# Vaccin oral contre le choléra\n\n" + word
                                + " : deux doses à quatorze jours d'intervalle, dans les camps de personnes déplacées.\n"),
                Map.of("title", "Vaccin oral contre le choléra dans les camps", "type", "guideline", "language", "fr"));
        String english = contributor.upload(
                text(
                        "cholera-sheet-en.md",
                        "# Oral cholera vaccine\n\n" + word
                                + ": two doses fourteen days apart, in camps for displaced people.\n"),
                Map.of("title", "Oral cholera vaccine in camps", "type", "guideline", "language", "en"));
        PortalApi curator = portal.as("curator");
        for (String id : List.of(french, english)) {
            contributor.awaitProcessed(id, INDEXING);
            curator.post("/api/documents/" + id + "/publish", null);
        }
        assertThat(curator.send("PUT", "/api/documents/" + french + "/translations/" + english, null)
                        .statusCode())
                .isEqualTo(200);
        await("one hit for the work, with its other language")
                .atMost(INDEXING)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> portal.anonymous().get("/api/search?lang=fr&q=" + word),
                        page -> page.path("total").asLong() == 1
                                && page.path("hits")
                                                .path(0)
                                                .path("translations")
                                                .size()
                                        == 1);

        browser.open("#/search?q=" + word);
        List<WebElement> hits = shownHits();
        assertThat(hits).hasSize(1);
        assertThat(hits.getFirst().findElement(By.cssSelector("h3 a")).getAttribute("href"))
                .endsWith("/documents/" + french);
        WebElement other = hits.getFirst().findElement(By.cssSelector(".translations a"));
        assertThat(other.getText()).isEqualTo("en anglais");
        assertThat(other.getAttribute("hreflang")).isEqualTo("en");
        assertThat(other.getAttribute("href")).endsWith("/documents/" + english);
        browser.assertAccessible("a work in two languages, French results");
        browser.screenshot("work-in-two-languages", 700);

        browser.language("en");
        browser.open("#/search?q=" + word);
        hits = shownHits();
        assertThat(hits).hasSize(1);
        assertThat(hits.getFirst().findElement(By.cssSelector("h3 a")).getAttribute("href"))
                .endsWith("/documents/" + english);
        assertThat(hits.getFirst()
                        .findElement(By.cssSelector(".translations a"))
                        .getText())
                .isEqualTo("in French");

        browser.open("documents/" + english);
        WebElement alsoIn = browser.shown(By.cssSelector("#translations a"));
        assertThat(alsoIn.getAttribute("href")).endsWith("/documents/" + french);
        assertThat(alsoIn.getText().toLowerCase(Locale.ROOT)).containsAnyOf("français", "french");
    }

    private List<WebElement> shownHits() {
        browser.shown(By.cssSelector(".hit"));
        browser.settled();
        return browser.driver().findElements(By.cssSelector(".hit"));
    }

    private static Path text(String name, String content) {
        try {
            Path directory = Files.createTempDirectory("work-in-two-languages");
            return Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
