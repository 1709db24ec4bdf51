package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Weak metadata does not go out unchecked: a title or an author read from the file that looks like a file name, a
 * generic word or a user name is flagged beside its field, and the contributor keeps or replaces it; a document
 * without its type cannot be submitted, and the field says so in the reader's language; countries are chosen by name.
 * On the upload page and on the document page, in English and in French, on a desktop and on a phone (412×915).
 */
@BrowserTest
class MetadataChecksIT {

    /** The texts the page shows, in one interface language. */
    private record Texts(
            String lang,
            String toCheck,
            String genericTitle,
            String userName,
            String typeRequired,
            String kept,
            String submit,
            String save,
            String country,
            String notice) {}

    private static final Texts ENGLISH = new Texts(
            "en",
            "read from the file, to check",
            "“Untitled” is a generic word, not a title.",
            "“linac” looks like a user name, not a name.",
            "Required to submit or publish.",
            "Value confirmed.",
            "Submit for review",
            "Save",
            "Senegal",
            "Values read from the file to check: authors.");

    private static final Texts FRENCH = new Texts(
            "fr",
            "lu dans le fichier, à vérifier",
            "« Untitled » est un mot générique, pas un titre.",
            "« linac » ressemble à un identifiant, pas à un nom.",
            "Obligatoire pour soumettre ou publier.",
            "Valeur confirmée.",
            "Soumettre pour relecture",
            "Enregistrer",
            "Sénégal",
            "Valeurs lues dans le fichier à vérifier : auteurs.");

    private final E2ePortal portal;
    private final Browser browser;

    MetadataChecksIT(E2ePortal portal, Library library, Browser browser) {
        this.portal = portal;
        this.browser = browser;
    }

    @Test
    void theCountryFacetNamesCountriesInEnglish() {
        browser.open("#/search?q=");
        assertThat(countryFacet(browser)).contains("United States", "Mali", "France");
    }

    @Test
    void onAPhoneInFrenchTheCountryFacetNamesCountriesInFrench(@OwnBrowser(languages = "fr-FR,fr") Browser phone) {
        phone(phone);
        phone.open("#/search?q=");
        assertThat(countryFacet(phone)).contains("États-Unis", "Mali", "France");
    }

    /**
     * The country facet's text, shown or folded behind the phone's filters button, read within the wait: the results
     * page draws its facets again when the counts arrive, and a list found before that is gone when it is read.
     */
    private static String countryFacet(Browser b) {
        return b.waitFor(
                d -> {
                    try {
                        WebElement facet = d.findElement(By.cssSelector("ul[aria-labelledby=facet-country]"));
                        return facet.findElements(By.tagName("li")).isEmpty()
                                ? null
                                : facet.getAttribute("textContent");
                    } catch (StaleElementReferenceException redrawn) {
                        return null;
                    }
                },
                Duration.ofSeconds(10));
    }

    @Test
    void onTheUploadPageInEnglishADoubtfulTitleIsFlaggedAndKeptTheTypeIsRequiredAndACountryChosenByName()
            throws IOException {
        uploadPage(browser, ENGLISH, "metadata-upload");
    }

    @Test
    void onAPhoneInFrenchTheUploadPageFlagsTheTitleAndAsksForTheType(@OwnBrowser(languages = "fr-FR,fr") Browser phone)
            throws IOException {
        phone(phone);
        uploadPage(phone, FRENCH, "metadata-upload-phone-fr");
    }

    @Test
    void onTheDocumentPageInFrenchADoubtfulAuthorIsReplacedAndTheTypeIsRequired(
            @OwnBrowser(languages = "fr-FR,fr") Browser desktop) throws IOException {
        documentPage(desktop, FRENCH, "metadata-document-fr");
    }

    @Test
    void onAPhoneInEnglishTheDocumentPageFlagsTheAuthor(@OwnBrowser(languages = "en-GB,en") Browser phone)
            throws IOException {
        phone(phone);
        documentPage(phone, ENGLISH, "metadata-document-phone");
    }

    /** Uploads a file whose title is "Untitled" through the page and describes it there. */
    private void uploadPage(Browser b, Texts texts, String screenshot) throws IOException {
        b.signIn(portal.account("contributor"));
        b.language(texts.lang());
        b.open("#/upload");
        b.shown(By.cssSelector(".drop"));
        b.driver()
                .findElement(By.cssSelector(".drop input[type=file]"))
                .sendKeys(uniqueCopy("fda-guidance-excerpt-2.pdf").toString());

        // The description is drawn again while the file's processing is followed: elements are found afresh.
        b.waitFor(
                d -> "Untitled".equals(d.findElement(By.id("upload-title")).getAttribute("value"))
                        && !d.findElements(By.cssSelector(".steps li[data-step=indexed].done"))
                                .isEmpty(),
                Duration.ofSeconds(60));
        WebElement title = b.shown(By.id("upload-title"));
        assertThat(b.shown(By.cssSelector("label[for=upload-title] .from-file")).getText())
                .isEqualTo(texts.toCheck());
        WebElement doubts = b.shown(By.id("upload-title-doubts"));
        assertThat(doubts.findElement(By.cssSelector(".doubt")).getText()).isEqualTo(texts.genericTitle());
        assertThat(title.getAttribute("aria-describedby")).contains("upload-title-doubts");

        chooseCountry(b, "upload-countries", texts.country());
        b.driver().findElement(By.xpath("//button[.='" + texts.submit() + "']")).click();
        assertThat(b.shown(By.id("upload-type-error")).getText()).isEqualTo(texts.typeRequired());
        assertThat(b.driver().findElement(By.id("upload-type")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(b.driver().findElements(By.id("upload-title-error"))).isEmpty();
        b.assertAccessible("upload: a doubtful title, a missing type, " + texts.lang());
        b.screenshot(screenshot);

        doubts.findElement(By.tagName("button")).click();
        assertThat(b.shown(By.cssSelector("#upload-title-doubts .ok")).getText())
                .isEqualTo(texts.kept());
        new Select(b.driver().findElement(By.id("upload-type"))).selectByValue("guideline");
        b.driver().findElement(By.xpath("//button[.='" + texts.save() + "']")).click();
        WebElement saved = b.shown(By.cssSelector("section[aria-labelledby=describe-h] div[role=status] .ok"));
        String href = saved.findElement(By.tagName("a")).getAttribute("href");
        JsonNode document = portal.as("contributor").get("/api/documents/" + href.substring(href.lastIndexOf('/') + 1));
        assertThat(texts(document.get("countries"))).containsExactly("SN");
        assertThat(document.get("doubts")).isEmpty();
        assertThat(document.get("type").asText()).isEqualTo("guideline");
        b.signOut();
    }

    /** Opens the draft of a file whose author is "linac", replaces the author and chooses a country. */
    private void documentPage(Browser b, Texts texts, String screenshot) throws IOException {
        PortalApi contributor = portal.as("contributor");
        String id = contributor.upload(uniqueCopy("sante-psy-tutoriel-choruspro.pdf"), Map.of());
        contributor.awaitProcessed(id, Duration.ofSeconds(60));
        b.signIn(portal.account("contributor"));
        b.language(texts.lang());
        b.go("#/documents/" + id);
        b.settled();

        assertThat(b.shown(By.cssSelector("section[aria-labelledby=manage-h] > p.doubts"))
                        .getText())
                .isEqualTo(texts.notice());
        WebElement doubts = b.shown(By.id("edit-authors-doubts"));
        assertThat(doubts.findElement(By.cssSelector(".doubt")).getText()).isEqualTo(texts.userName());
        assertThat(b.driver().findElements(By.id("edit-title-doubts")).stream().noneMatch(WebElement::isDisplayed))
                .as("the title read from this file is not doubtful")
                .isTrue();
        b.assertAccessible("document page: a doubtful author, " + texts.lang());
        b.screenshot(screenshot);

        WebElement authors = b.driver().findElement(By.id("edit-authors"));
        authors.clear();
        authors.sendKeys("Santé Psy Étudiant");
        assertThat(doubts.isDisplayed())
                .as("typing over the value ends its doubt")
                .isFalse();
        chooseCountry(b, "edit-countries", texts.country());
        b.driver()
                .findElement(By.xpath("//form//button[.='" + texts.save() + "']"))
                .click();
        b.waitFor(d -> contributor.get("/api/documents/" + id).get("doubts").isEmpty(), Duration.ofSeconds(10));
        b.settled();
        assertThat(texts(contributor.get("/api/documents/" + id).get("countries")))
                .containsExactly("SN");

        b.shown(By.xpath("//button[.='" + texts.submit() + "']")).click();
        assertThat(b.shown(By.id("edit-type-error")).getText()).isEqualTo(texts.typeRequired());
        assertThat(contributor.get("/api/documents/" + id).get("status").asText())
                .isEqualTo("draft");
        b.signOut();
    }

    /** Types the start of a country's name, then its whole name and Enter, and waits for its chip. */
    private static void chooseCountry(Browser b, String inputId, String name) {
        WebElement input = b.driver().findElement(By.id(inputId));
        b.waitFor(
                d -> d.findElements(By.cssSelector("#" + inputId + "-list option"))
                                .size()
                        > 240,
                Duration.ofSeconds(10));
        input.sendKeys("Xanadu", Keys.ENTER);
        assertThat(b.shown(By.cssSelector("#" + inputId + " ~ .country-hint")).getText())
                .contains("Xanadu");
        input.clear();
        input.sendKeys(name, Keys.ENTER);
        WebElement chip = b.shown(By.cssSelector(".country-picker li[data-code=SN]"));
        assertThat(chip.getText()).startsWith(name);
        assertThat(chip.findElement(By.tagName("button")).getAttribute("aria-label"))
                .endsWith(name);
    }

    private static void phone(Browser b) {
        b.cdp(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 412, "height", 915, "deviceScaleFactor", 1, "mobile", true));
    }

    /** A copy of a test PDF made unique by a comment after its end, so that it is never a duplicate upload. */
    private static Path uniqueCopy(String name) throws IOException {
        Path copy = Files.createTempFile("portal-e2e-", "-" + name);
        copy.toFile().deleteOnExit();
        Files.write(copy, Files.readAllBytes(Library.pdf(name)));
        Files.writeString(
                copy,
                "\n%" + UUID.randomUUID() + "\n",
                StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.APPEND);
        return copy.toAbsolutePath();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
