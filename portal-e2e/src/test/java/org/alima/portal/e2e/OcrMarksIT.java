package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A scanned page read by the real Tesseract says so wherever a reader meets it, in French and in English: the
 * document's page counts the pages read by OCR with Tesseract's mean confidence, a hit on the scanned page carries an
 * "OCR" mark that explains itself, and the page's light view says its text came from OCR.
 */
@BrowserTest
class OcrMarksIT {

    /** A word of the scanned page that Tesseract reads well. */
    private static final String WORD = "conventionnement";

    private static final String TITLE = "Tutoriel Chorus Pro, page 4 (scan)";

    /** Extraction, OCR of one page at 300 dpi, and the reindex, on a machine shared with other builds. */
    private static final Duration OCR = Duration.ofMinutes(4);

    private static String scanned;
    /** Tesseract's mean confidence as a whole percentage; WebDriver reads the no-break space before "%" as a space. */
    private static long percent;

    private final E2ePortal portal;
    private final Browser browser;

    /** The library is asked for so that its documents, the text tutorial among them, are in place. */
    OcrMarksIT(E2ePortal portal, Library library, Browser browser) {
        this.portal = portal;
        this.browser = browser;
        scanOnce(portal);
    }

    @Test
    void theDocumentSaysHowManyPagesOcrReadAndHowSureItWas() {
        browser.open("#/documents/" + scanned);
        browser.language("en");
        assertThat(browser.shown(By.id("ocr")).getText())
                .isEqualTo("1 page(s) read by OCR, mean confidence " + percent + "%");

        browser.language("fr");
        browser.waitFor(d -> d.findElement(By.id("ocr")).getText().contains("lue(s)"), Duration.ofSeconds(5));
        assertThat(browser.shown(By.id("ocr")).getText())
                .isEqualTo("1 page(s) lue(s) par OCR, confiance moyenne " + percent + " %");
        browser.language("en");
    }

    @Test
    void aDocumentWithATextLayerSaysNothingOfOcr() {
        browser.open("#/documents/" + scanned);
        browser.shown(By.id("ocr"));
        browser.open("#/search?q=" + WORD);
        WebElement typed = hit("Facturer ses séances sur Chorus Pro");
        assertThat(typed.findElements(By.cssSelector(".badge.ocr"))).isEmpty();
    }

    @Test
    void aHitOnTheScannedPageCarriesAnOcrMarkThatExplainsItself() {
        browser.open("#/search?q=" + WORD);
        browser.language("en");
        WebElement mark = hit(TITLE).findElement(By.cssSelector(".pages abbr.badge.ocr"));
        assertThat(mark.getText()).isEqualTo("OCR");
        assertThat(mark.getAttribute("title")).isEqualTo("Page read by OCR from a scan: words may be misread");
        browser.assertAccessible("results with a hit on a page read by OCR");

        browser.language("fr");
        browser.waitFor(
                d -> hit(TITLE)
                        .findElement(By.cssSelector("abbr.badge.ocr"))
                        .getAttribute("title")
                        .startsWith("Page lue"),
                Duration.ofSeconds(5));
        assertThat(hit(TITLE).findElement(By.cssSelector("abbr.badge.ocr")).getAttribute("title"))
                .isEqualTo("Page lue par OCR sur un scan : des mots peuvent être mal lus");
        browser.language("en");
    }

    @Test
    void thePageViewSaysItsTextCameFromOcrWithItsConfidence() {
        browser.driver().get(portal.url() + "documents/" + scanned + "/pages/1?lang=en");
        assertThat(browser.shown(By.id("ocr")).getText())
                .isEqualTo("The text of this page was read by OCR from a scanned image (mean confidence " + percent
                        + " %); it may contain misread words.");
        assertThat(browser.driver().findElement(By.id("text")).getText()).contains(WORD);

        browser.driver().get(portal.url() + "documents/" + scanned + "/pages/1?lang=fr");
        assertThat(browser.shown(By.id("ocr")).getText())
                .isEqualTo("Le texte de cette page a été lu par OCR sur une image numérisée (confiance moyenne "
                        + percent + " %) ; il peut contenir des mots mal lus.");
    }

    /** The hit of the results page with this title, once shown. */
    private WebElement hit(String title) {
        return browser.shown(By.xpath("//li[contains(@class,'hit')][.//h3/a[starts-with(., '" + title + "')]]"));
    }

    /** Uploads the committed scan once per run, made unique, waits for its OCR and publishes it. */
    private static synchronized void scanOnce(E2ePortal portal) {
        if (scanned != null) {
            return;
        }
        Path copy;
        try {
            copy = Files.createTempFile("chorus-pro-page-4-", ".pdf");
            Files.copy(
                    Library.pdf("sante-psy-choruspro-page-4-scanned.pdf"), copy, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(copy, "\n%" + UUID.randomUUID() + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the committed scan", e);
        }
        PortalApi contributor = portal.as("contributor");
        String id = contributor.upload(copy, Map.of("title", TITLE, "type", "report", "language", "fr"));
        JsonNode status = await("OCR of " + id)
                .atMost(OCR)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> contributor.get("/api/documents/" + id + "/status"),
                        s -> s.at("/ocr/state").asText().equals("done")
                                && Set.of("indexed", "failed")
                                        .contains(s.path("status").asText()));
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("indexed");
        portal.as("curator").post("/api/documents/" + id + "/publish", null);
        await("publication of " + id)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> portal.anonymous()
                        .get("/api/search?size=100&q=" + WORD)
                        .toString()
                        .contains(id));
        JsonNode document = portal.anonymous().get("/api/documents/" + id);
        percent = Math.round(document.at("/ocr/meanConfidence").asDouble());
        assertThat(document.at("/ocr/pages").asInt()).as(document.toString()).isEqualTo(1);
        scanned = id;
    }
}
