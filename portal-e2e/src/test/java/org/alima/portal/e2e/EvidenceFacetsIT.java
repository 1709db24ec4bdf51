package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A document's evidence and humanitarian metadata in the web page: the contributor confirms the study design the
 * portal suggests from the text (shown with its cue) and picks codes of the four vocabularies and free text in the
 * description form; the document page shows them in French and in English, free text marked as such; the results
 * page filters by a design facet and a vocabulary facet, kept in the address. The labels are the server's
 * ({@code GET /api/vocabularies}), read here from the API so that this test holds whatever their wording.
 *
 * <p>The documents stay drafts of the contributor, who finds them in search (their own drafts) while no other test's
 * reader does.
 */
@BrowserTest
class EvidenceFacetsIT {

    private static final Duration PROCESSING = Duration.ofSeconds(90);

    private final E2ePortal portal;
    private final PortalApi contributor;
    private final JsonNode vocabularies;

    EvidenceFacetsIT(E2ePortal portal, Library library) {
        this.portal = portal;
        this.contributor = portal.as("contributor");
        this.vocabularies = portal.anonymous().get("/api/vocabularies");
    }

    @Test
    void theContributorConfirmsTheSuggestedDesignPicksVocabulariesAndFindsThemShownAndFiltered(
            @OwnBrowser(languages = "en-GB,en") Browser browser) throws IOException {
        // The title says "a retrospective cohort": the rules suggest a cohort study, with that cue.
        String id = contributor.upload(
                uniqueCopy("paediatric-malaria-cohort-en.pdf"), Map.of("type", "study", "language", "en"));
        contributor.awaitProcessed(id, PROCESSING);
        assertThat(contributor
                        .get("/api/documents/" + id)
                        .at("/designSuggestion/code")
                        .asText())
                .isEqualTo("cohort");
        String health = first("health");
        String population = first("population");
        String setting = first("setting");
        String intervention = first("intervention");

        browser.signIn(portal.account("contributor"));
        browser.language("en");
        browser.open("#/documents/" + id);
        browser.settled();
        browser.shown(By.cssSelector("section[aria-labelledby=manage-h] details > summary"))
                .click();
        WebElement suggestion = browser.shown(By.cssSelector(".field .suggestion"));
        assertThat(suggestion.getText())
                .contains(label("design", "cohort", "en"))
                .contains("retrospective cohort");
        browser.shown(By.id("edit-healthTopics-" + health));
        browser.assertAccessible("the description form with the suggested design and the vocabularies, en");
        suggestion.findElement(By.tagName("button")).click();
        assertThat(new Select(browser.driver().findElement(By.id("edit-design")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("cohort");
        for (String checkbox : List.of(
                "edit-healthTopics-" + health,
                "edit-populations-" + population,
                "edit-settings-" + setting,
                "edit-interventions-" + intervention)) {
            browser.driver()
                    .findElement(By.cssSelector("label[for='" + checkbox + "']"))
                    .click();
        }
        browser.driver().findElement(By.id("edit-populationsOther")).sendKeys("street children");
        browser.driver().findElement(By.xpath("//form//button[.='Save']")).click();
        browser.waitFor(
                d -> "cohort"
                        .equals(contributor
                                .get("/api/documents/" + id)
                                .path("design")
                                .asText()),
                Duration.ofSeconds(10));
        browser.settled();
        JsonNode saved = contributor.get("/api/documents/" + id);
        assertThat(texts(saved.get("healthTopics"))).containsExactly(health);
        assertThat(texts(saved.get("populations"))).containsExactly(population);
        assertThat(texts(saved.get("settings"))).containsExactly(setting);
        assertThat(texts(saved.get("interventions"))).containsExactly(intervention);
        assertThat(texts(saved.get("populationsOther"))).containsExactly("street children");

        for (String lang : List.of("en", "fr")) {
            browser.language(lang);
            browser.open("#/documents/" + id);
            browser.settled();
            String facts = browser.waitFor(
                    d -> {
                        String text = d.findElement(By.cssSelector("dl.facts")).getText();
                        return text.contains(label("design", "cohort", lang)) ? text : null;
                    },
                    Duration.ofSeconds(10));
            assertThat(facts)
                    .contains(label("health", health, lang))
                    .contains(label("population", population, lang))
                    .contains(label("setting", setting, lang))
                    .contains(label("intervention", intervention, lang))
                    .contains("street children " + (lang.equals("fr") ? "(texte libre)" : "(free text)"));
            browser.assertAccessible("a document's design and vocabularies, " + lang);
        }

        // The results: the design facet, then a vocabulary's, each a filter kept in the address (once reindexed).
        browser.waitFor(
                d -> contributor
                        .get("/api/search?q=&fields=id&design=cohort&population=" + population)
                        .path("hits")
                        .findValuesAsText("id")
                        .contains(id),
                Duration.ofSeconds(30));
        browser.language("en");
        browser.open("#/search?q=");
        // Settled: the facets are drawn again when the labels and then the collections' titles arrive.
        browser.settled();
        facetLink(browser, "design", label("design", "cohort", "en")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("design=cohort"), Duration.ofSeconds(10));
        browser.settled();
        assertThat(hitIds(browser)).contains(id);
        facetLink(browser, "population", label("population", population, "en")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("population=" + population), Duration.ofSeconds(10));
        browser.settled();
        assertThat(hitIds(browser)).contains(id);
        assertThat(browser.shown(By.cssSelector(".facets .chips")).getText())
                .contains(label("design", "cohort", "en"))
                .contains(label("population", population, "en"));
        browser.assertAccessible("results filtered by design and population, en");

        // The address alone gives the same search, in French.
        String filtered = browser.driver().getCurrentUrl();
        browser.language("fr");
        browser.driver().get("about:blank");
        browser.driver().get(filtered);
        browser.settled();
        assertThat(hitIds(browser)).contains(id);
        facetLink(browser, "design", label("design", "cohort", "fr"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector("ul[aria-labelledby=facet-design] a[aria-current=true]"))
                        .getText())
                .contains(label("design", "cohort", "fr"));
        browser.assertAccessible("results filtered by design and population, fr");
        browser.signOut();
    }

    @Test
    void anUnknownDesignInTheAddressIsSaidInThePagesOwnWords(@OwnBrowser(languages = "fr-FR,fr") Browser browser) {
        browser.open("#/search?q=&design=not-a-design");
        browser.settled();
        // The API refuses the unknown code (400 naming the field): the page says so in its own words.
        assertThat(browser.shown(By.cssSelector("main .error")).getText()).isNotBlank();
        browser.assertAccessible("an unknown design in the address, fr");
    }

    /**
     * The README's pictures of the new facets: a search for « paludisme » among three described documents, on a desktop
     * (the facets beside the hits) and on a phone (the filters opened from their button at the top).
     */
    @Test
    void screenshotsOfTheNewFacets(
            @OwnBrowser(languages = "fr-FR,fr") Browser desktop, @OwnBrowser(languages = "fr-FR,fr") Browser phone)
            throws IOException {
        List<String> ids = List.of(
                described(
                        "paediatric-malaria-cohort-en.pdf",
                        "Outcomes of children admitted with severe malaria: a retrospective cohort",
                        "en",
                        "cohort",
                        0),
                described(
                        "severe-malaria-children-en.pdf",
                        "Severe malaria in children: recognition and first-line treatment",
                        "en",
                        "guideline",
                        1),
                described(
                        "paludisme-grave-enfant-fr.pdf",
                        "Paludisme grave de l’enfant : conduite à tenir au centre de santé",
                        "fr",
                        "operating_procedure",
                        2));
        desktop.waitFor(
                d -> contributor
                        .get("/api/search?q=paludisme&lang=fr&fields=id&size=100")
                        .path("hits")
                        .findValuesAsText("id")
                        .containsAll(ids),
                Duration.ofSeconds(30));

        desktop.signIn(portal.account("contributor"));
        desktop.open("#/search?q=paludisme");
        desktop.settled();
        facetLink(desktop, "design", label("design", "guideline", "fr"));
        desktop.assertAccessible("results with the facets of design and vocabularies, fr");
        desktop.screenshot("results-evidence-facets", 1500);

        phone.cdp(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 412, "height", 915, "deviceScaleFactor", 1, "mobile", true));
        phone.signIn(portal.account("contributor"));
        phone.open("#/search?q=paludisme");
        phone.settled();
        phone.shown(By.cssSelector(".filters-toggle")).click();
        facetLink(phone, "design", label("design", "guideline", "fr"));
        phone.script("document.querySelector('.filters-toggle').scrollIntoView()");
        phone.assertAccessible("results with the filters open on a phone, fr");
        phone.screenshot("results-evidence-facets-phone");
    }

    /** A draft of the contributor's, described with a design and the {@code n}-th code of each vocabulary. */
    private String described(String pdf, String title, String language, String design, int n) throws IOException {
        String id = contributor.upload(
                uniqueCopy(pdf),
                Map.of(
                        "title",
                        title,
                        "type",
                        design.equals("operating_procedure") ? "protocol" : "study",
                        "language",
                        language,
                        "design",
                        design,
                        "healthTopics",
                        List.of(nth("health", n)),
                        "populations",
                        List.of(nth("population", n)),
                        "settings",
                        List.of(nth("setting", n)),
                        "interventions",
                        List.of(nth("intervention", n))));
        contributor.awaitProcessed(id, PROCESSING);
        return id;
    }

    /** The link of a facet's value, waiting for the facets drawn again once the vocabularies' labels arrive. */
    private static WebElement facetLink(Browser browser, String dimension, String label) {
        return browser.waitFor(
                d -> {
                    try {
                        for (WebElement link :
                                d.findElements(By.cssSelector("ul[aria-labelledby=facet-" + dimension + "] a"))) {
                            if (link.getText().contains(label)) {
                                return link;
                            }
                        }
                        return null;
                    } catch (StaleElementReferenceException redrawn) {
                        return null;
                    }
                },
                Duration.ofSeconds(10));
    }

    private static List<String> hitIds(Browser browser) {
        List<String> ids = new ArrayList<>();
        for (WebElement link : browser.driver().findElements(By.cssSelector(".hit h3 a"))) {
            String href = link.getAttribute("href");
            ids.add(href.substring(href.lastIndexOf('/') + 1));
        }
        return ids;
    }

    private String first(String vocabulary) {
        return nth(vocabulary, 0);
    }

    private String nth(String vocabulary, int n) {
        JsonNode codes = vocabularies.get(vocabulary);
        return codes.get(n % codes.size()).get("code").asText();
    }

    private String label(String vocabulary, String code, String lang) {
        for (JsonNode entry : vocabularies.get(vocabulary)) {
            if (entry.get("code").asText().equals(code)) {
                return entry.at("/label/" + lang).asText();
            }
        }
        throw new AssertionError("no code " + code + " in the vocabulary " + vocabulary);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    /** A copy of a test PDF made unique by a comment after its end, so that it is never a duplicate upload. */
    private static Path uniqueCopy(String name) throws IOException {
        Path copy = Files.createTempFile("portal-e2e-", "-" + name);
        copy.toFile().deleteOnExit();
        Files.write(copy, Files.readAllBytes(Library.pdf(name)));
        Files.writeString(copy, "\n%" + UUID.randomUUID() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        return copy.toAbsolutePath();
    }
}
