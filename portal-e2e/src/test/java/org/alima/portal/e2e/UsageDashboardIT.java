package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Usage counts as readers and curators see them: readers' browsers (another User-Agent each, sent from here; the test
 * browser itself is headless Chrome, a robot the counts leave out) read a document's page and download its file, and
 * the curator's dashboard then shows the month's figures, in English and in French, as does the document's page.
 */
@BrowserTest
class UsageDashboardIT {

    private static final List<String> READERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                    + " Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                    + " Version/17.6 Mobile/15E148 Safari/604.1");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final E2ePortal portal;
    private final Browser browser;

    UsageDashboardIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        this.browser = browser;
    }

    @Test
    void theDashboardShowsTheMonthsViewsAndDownloadsInEnglishAndFrench() throws Exception {
        String title = "Usage of the cold chain checklist " + System.nanoTime();
        PortalApi contributor = portal.as("contributor");
        String id = contributor.upload(
                text("# " + title + "\n\nRecord the fridge temperature twice a day.\n"),
                Map.of("title", title, "type", "protocol", "language", "en"));
        contributor.awaitProcessed(id, Duration.ofSeconds(60));
        portal.as("curator").post("/api/documents/" + id + "/publish", null);

        // Three readers open the page, one of them twice in a row (a double click, counted once); two download.
        for (String reader : READERS) {
            read(reader, "documents/" + id);
        }
        read(READERS.get(0), "documents/" + id);
        read(READERS.get(0), "api/documents/" + id + "/file");
        read(READERS.get(1), "api/documents/" + id + "/file");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> portal.as("curator")
                                .get("/api/documents/" + id + "/usage")
                                .at("/thisMonth/downloads")
                                .asLong()
                        == 2);

        browser.signIn(portal.account("curator"));
        browser.language("en");
        browser.go("#/dashboard");
        browser.settled();
        WebElement row = browser.shown(By.xpath("//table[@data-group='all']//tr[th[@scope='row'][.='" + title + "']]"));
        assertThat(row.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("3", "2");
        assertThat(browser.driver().findElement(By.id("usage-h")).getText()).isEqualTo("Most read this month");
        assertThat(browser.driver().findElements(By.cssSelector("table[data-group=all] thead th")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("Document", "Views", "Downloads");
        browser.assertAccessible("dashboard with usage figures");
        browser.screenshot("dashboard-usage");

        browser.language("fr");
        browser.settled();
        row = browser.shown(By.xpath("//table[@data-group='all']//tr[th[@scope='row'][.='" + title + "']]"));
        assertThat(row.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("3", "2");
        assertThat(browser.driver().findElement(By.id("usage-h")).getText()).isEqualTo("Les plus lus ce mois-ci");
        assertThat(browser.driver().findElements(By.cssSelector("table[data-group=all] thead th")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("Document", "Consultations", "Téléchargements");
        browser.assertAccessible("tableau de bord avec les chiffres d'usage");

        // The document's page in the app says the same (the headless browser's own view is a robot's: not counted).
        browser.go("#/documents/" + id);
        browser.settled();
        assertThat(browser.shown(By.id("usage")).getText())
                .isEqualTo(
                        "3 consultations, 2 téléchargements ce mois-ci · 3 consultations, 2 téléchargements au total");
        browser.language("en");
    }

    private void read(String userAgent, String path) throws IOException, InterruptedException {
        HttpResponse<Void> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(portal.url() + path))
                        .header("User-Agent", userAgent)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
    }

    private static Path text(String markdown) throws IOException {
        Path file = Files.createTempFile("portal-e2e-", ".md");
        Files.writeString(file, markdown);
        file.toFile().deleteOnExit();
        return file;
    }
}
