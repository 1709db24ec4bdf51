package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A French reader's question answered by English evidence, and the reverse: the results say which hits are in the
 * other language, which page answers, and what the query was also searched as. Its screenshot of the French search is
 * the README's ({@code -Dportal.e2e.screenshots=../docs/screenshots}, see the README's search section).
 */
@BrowserTest(languages = "fr-FR,fr")
class CrossLanguageResultsIT {

    private static final Duration INDEXING = Duration.ofSeconds(90);

    /** Published once per test JVM, beside the seeded library (whose mosquito-borne models review is also on malaria). */
    private static Shelf shelf;

    private final Library library;
    private final Browser browser;

    CrossLanguageResultsIT(E2ePortal portal, Library library, Browser browser) {
        this.library = library;
        this.browser = browser;
        synchronized (CrossLanguageResultsIT.class) {
            if (shelf == null) {
                shelf = Shelf.publish(portal);
            }
        }
    }

    @Test
    void aFrenchQuestionFindsEnglishGuidanceMarkedAsEnglishAtThePageThatAnswers() {
        browser.open("#/");
        browser.shown(By.cssSelector("input[role=combobox]")).sendKeys("paludisme grave chez l'enfant", Keys.ENTER);
        browser.shown(By.cssSelector(".hit"));
        browser.settled();

        assertThat(text(".also")).startsWith("Aussi cherché en anglais :").contains("severe malaria");
        assertThat(browser.driver().findElement(By.cssSelector(".also span")).getAttribute("lang"))
                .isEqualTo("en");
        List<WebElement> hits = browser.driver().findElements(By.cssSelector(".hit"));
        int rank = rankOf(hits, shelf.guideline());
        assertThat(rank)
                .as("rank of the English guideline on severe malaria in children")
                .isBetween(0, 2);
        WebElement guideline = hits.get(rank);
        assertThat(guideline.findElement(By.cssSelector("h3 .other-lang")).getText())
                .isEqualTo("en anglais");
        assertThat(guideline.findElement(By.cssSelector("h3 a")).getAttribute("lang"))
                .isEqualTo("en");
        WebElement answer = guideline.findElement(By.cssSelector(".page-link"));
        assertThat(answer.getText()).matches("(?s)p\\.\\h2\\b.*");
        assertThat(answer.getAttribute("href")).contains("/documents/" + shelf.guideline() + "/pages/2?q=");
        assertThat(guideline.findElement(By.cssSelector(".snippet")).getAttribute("lang"))
                .isEqualTo("en");
        WebElement french = hits.get(rankOf(hits, shelf.frenchProcedure()));
        assertThat(french.findElements(By.cssSelector(".other-lang")))
                .as("a French document found by a French query is not marked")
                .isEmpty();
        assertThat(hits)
                .as("every English hit, the cohort and the seeded mosquito-borne models review among them")
                .filteredOn(hit ->
                        "en".equals(hit.findElement(By.cssSelector("h3 a")).getAttribute("lang")))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(hit -> {
                    assertThat(hit.findElement(By.cssSelector("h3 .other-lang")).getText())
                            .isEqualTo("en anglais");
                    assertThat(hit.findElements(By.cssSelector(".page-link"))).isNotEmpty();
                });
        rankOf(hits, shelf.cohort());
        rankOf(hits, library.mosquitoReview());
        browser.assertAccessible("French results with English hits");
        browser.screenshot("search-paludisme", 1100);
    }

    @Test
    void anEnglishQuestionFindsTheFrenchProcedureMarkedAsFrench() {
        browser.open("#/");
        browser.language("en");
        browser.shown(By.cssSelector("input[role=combobox]"))
                .sendKeys("severe malaria in children referral", Keys.ENTER);
        browser.shown(By.cssSelector(".hit"));
        browser.settled();

        assertThat(text(".also")).startsWith("Also searched in French:").contains("paludisme");
        List<WebElement> hits = browser.driver().findElements(By.cssSelector(".hit"));
        WebElement french = hits.get(rankOf(hits, shelf.frenchProcedure()));
        assertThat(french.findElement(By.cssSelector("h3 .other-lang")).getText())
                .isEqualTo("in French");
        assertThat(french.findElement(By.cssSelector(".page-link")).getAttribute("href"))
                .contains("/documents/" + shelf.frenchProcedure() + "/pages/1?q=");
        assertThat(hits.get(rankOf(hits, shelf.guideline())).findElements(By.cssSelector(".other-lang")))
                .isEmpty();
        browser.assertAccessible("English results with a French hit");
    }

    private static int rankOf(List<WebElement> hits, String id) {
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i)
                    .findElement(By.cssSelector("h3 a"))
                    .getAttribute("href")
                    .endsWith("/documents/" + id)) {
                return i;
            }
        }
        throw new AssertionError("document " + id + " is not among the " + hits.size() + " hits shown");
    }

    private String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    /**
     * Documents on severe malaria in children, written by the project (see {@code src/test/resources/pdfs/README.md}):
     * a three-page English guideline whose page 2 tells how to recognise it, an English cohort study and a French
     * procedure for health centres.
     */
    private record Shelf(String guideline, String cohort, String frenchProcedure) {

        static Shelf publish(E2ePortal portal) {
            PortalApi contributor = portal.as("contributor");
            String guideline = contributor.upload(
                    Library.pdf("severe-malaria-children-en.pdf"),
                    Map.of(
                            "title",
                            "Severe malaria in children: recognition and first-line treatment in district hospitals",
                            "type",
                            "guideline",
                            "language",
                            "en",
                            "publicationDate",
                            "2025-03-01",
                            "topics",
                            List.of("malaria"),
                            "countries",
                            List.of("NE", "ML")));
            String cohort = contributor.upload(
                    Library.pdf("paediatric-malaria-cohort-en.pdf"),
                    Map.of(
                            "title",
                            "Outcomes of children admitted with severe malaria: a retrospective cohort from two regional"
                                    + " hospitals",
                            "type",
                            "study",
                            "language",
                            "en",
                            "publicationDate",
                            "2024-06-15",
                            "topics",
                            List.of("malaria")));
            String procedure = contributor.upload(
                    Library.pdf("paludisme-grave-enfant-fr.pdf"),
                    Map.of(
                            "title",
                            "Paludisme grave de l’enfant : conduite à tenir au centre de santé",
                            "type",
                            "operating_procedure",
                            "language",
                            "fr",
                            "publicationDate",
                            "2024-11-04",
                            "effectiveDate",
                            "2024-11-04",
                            "reviewDueDate",
                            "2099-11-04",
                            "topics",
                            List.of("paludisme")));
            PortalApi curator = portal.as("curator");
            for (String id : List.of(guideline, cohort, procedure)) {
                contributor.awaitProcessed(id, INDEXING);
                curator.post("/api/documents/" + id + "/publish", null);
            }
            // A reader's search is where publishing shows: wait until everything listed holds the three.
            await("the three documents found by a reader")
                    .atMost(INDEXING)
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> portal.anonymous().get("/api/search?q=&size=100&fields=id&facets=false"),
                            page -> page.path("hits")
                                    .findValuesAsText("id")
                                    .containsAll(List.of(guideline, cohort, procedure)));
            return new Shelf(guideline, cohort, procedure);
        }
    }
}
