package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The small frictions a reader, a contributor and a curator met, each gone: browsing from the home page by type,
 * country and topic, newest first; the permanent link of a document and citations that carry it; versions by number
 * and date, without the document's own versions among related documents; distinct words for withdrawing a document
 * and removing it from a collection; page links that say which document and page; the description written while the
 * file is sent; collection slugs written from the title and new collections private until published; pages that
 * show a change at once; "My documents" saying only what differs per row. In English on a desktop and in French on a
 * phone (412×915).
 */
@BrowserTest
class FrictionsIT {

    private static final Map<String, Object> PHONE =
            Map.of("width", 412, "height", 915, "deviceScaleFactor", 1, "mobile", true);

    private final E2ePortal portal;
    private final Library library;
    private final Browser browser;

    FrictionsIT(E2ePortal portal, Library library, Browser browser) {
        this.portal = portal;
        this.library = library;
        this.browser = browser;
    }

    @Test
    void theHomePageBrowsesByTypeCountryAndTopicNewestFirst() {
        browser.open("#/");
        WebElement browse = browser.shown(By.cssSelector("section.browse"));
        browser.waitFor(d -> browse.findElements(By.tagName("h3")).size() == 3, Duration.ofSeconds(10));

        assertThat(browse.findElement(By.tagName("h2")).getText()).isEqualTo("Browse by type, country or topic");
        assertThat(browse.findElements(By.tagName("h3")))
                .extracting(WebElement::getText)
                .containsExactly("Type", "Country", "Topic");
        assertThat(browse.findElement(By.xpath(".//a[.='Operating procedure']")).getAttribute("href"))
                .endsWith("#/search?type=operating_procedure");
        browser.assertAccessible("the home page with its browsing links");
        browser.screenshot("home-browse");

        browse.findElement(By.xpath(".//a[.='santé mentale']")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("topic="), Duration.ofSeconds(5));
        browser.settled();
        assertNewestFirst(browser, "newest first");
    }

    @Test
    void onAPhoneInFrenchTheHomePageBrowsesByCountryNewestFirst(@OwnBrowser(languages = "fr-FR,fr") Browser phone) {
        phone.cdp("Emulation.setDeviceMetricsOverride", PHONE);
        phone.open("#/");
        WebElement browse = phone.shown(By.cssSelector("section.browse"));
        WebElement france = phone.shown(By.xpath("//section[contains(@class,'browse')]//a[.='France']"));

        assertThat(browse.findElement(By.tagName("h2")).getText()).isEqualTo("Parcourir par type, pays ou thème");
        assertThat(browse.findElement(By.xpath(".//a[.='Procédure opérationnelle']")))
                .isNotNull();
        phone.assertAccessible("l’accueil et ses liens pour parcourir, sur un téléphone");
        phone.screenshot("home-browse-phone-fr");

        france.click();
        phone.waitFor(d -> d.getCurrentUrl().contains("country=FR"), Duration.ofSeconds(5));
        phone.settled();
        assertNewestFirst(phone, "les plus récents");
    }

    /** Browsing without words: the newest of the two French documents (2022, then 2021) first, the order said so. */
    private void assertNewestFirst(Browser b, String newest) {
        b.shown(By.cssSelector(".hit"));
        assertThat(b.driver()
                        .findElement(By.cssSelector(".sort a[aria-current=true]"))
                        .getText())
                .isEqualTo(newest);
        List<String> links = b.driver().findElements(By.cssSelector(".hit h3 a")).stream()
                .map(a -> a.getAttribute("href"))
                .toList();
        assertThat(links).hasSizeGreaterThanOrEqualTo(2);
        int flyer = indexOf(links, library.studentFlyer());
        int procedure = indexOf(links, library.choruspro());
        assertThat(flyer).as("the 2022 poster is listed").isNotNegative();
        assertThat(procedure).as("the 2021 procedure is listed").isGreaterThan(flyer);
    }

    private static int indexOf(List<String> links, String id) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).endsWith(id)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aDocumentPageGivesItsPermanentLinkAndCitationsCarryIt() {
        String id = library.mosquitoReview();
        String permanent = portal.url() + "documents/" + id;
        browser.open("#/documents/" + id);
        WebElement link = browser.shown(By.id("permalink"));

        assertThat(link.getAttribute("value")).isEqualTo(permanent);
        assertThat(browser.driver()
                        .findElement(By.cssSelector("label[for=permalink]"))
                        .getText())
                .isEqualTo("Permanent link");
        browser.shown(By.xpath("//button[.='Copy the link']")).click();
        assertThat(browser.shown(By.cssSelector("section[aria-labelledby=cite-h] [role=status]"))
                        .getText())
                .isIn("Link copied.", "Link selected: copy it.");
        browser.driver().findElement(By.xpath("//button[.='Copy as BibTeX']")).click();
        WebElement citation = browser.shown(By.cssSelector("pre.citation"));
        assertThat(citation.getText()).contains("url = {" + permanent + "}");
        browser.assertAccessible("a document page with its permanent link");
    }

    @Test
    void onAPhoneInFrenchTheRisCitationCarriesThePermanentLink(@OwnBrowser(languages = "fr-FR,fr") Browser phone) {
        phone.cdp("Emulation.setDeviceMetricsOverride", PHONE);
        String id = library.choruspro();
        String permanent = portal.url() + "documents/" + id;
        phone.open("#/documents/" + id);

        assertThat(phone.shown(By.id("permalink")).getAttribute("value")).isEqualTo(permanent);
        assertThat(phone.driver()
                        .findElement(By.cssSelector("label[for=permalink]"))
                        .getText())
                .isEqualTo("Lien permanent");
        assertThat(phone.driver()
                        .findElement(By.xpath("//button[.='Copier le lien']"))
                        .isDisplayed())
                .isTrue();
        phone.driver().findElement(By.xpath("//button[.='Copier en RIS']")).click();
        assertThat(phone.shown(By.cssSelector("pre.citation")).getText()).contains("UR  - " + permanent);
        assertThat(phone.driver().findElement(By.id("permalink")).getRect().getWidth())
                .as("the link fits the phone's width")
                .isLessThanOrEqualTo(412);
        phone.assertAccessible("la page d’un document et son lien permanent, sur un téléphone");
    }

    @Test
    void pageLinksSayWhichDocumentAndPageInEnglish() {
        browser.open("#/search?q=dengue");
        WebElement hit = browser.shown(By.cssSelector(".hit"));
        WebElement page = hit.findElement(By.cssSelector("a.page-link"));
        String title = hit.findElement(By.cssSelector("h3 a")).getText();

        assertThat(page.getText()).startsWith("p.");
        assertThat(page.getAttribute("aria-label"))
                .matches("page \\d+ of “.+”, without the PDF")
                .contains(title);
        assertThat(page.getAccessibleName()).isEqualTo(page.getAttribute("aria-label"));
    }

    @Test
    void withdrawingAndRemovingFromACollectionHaveDistinctWordsInEnglish() {
        assertWithdrawAndRemoveDiffer(browser, "Withdraw", "Remove", "from the collection");
    }

    @Test
    void withdrawingAndRemovingFromACollectionHaveDistinctWordsInFrench(
            @OwnBrowser(languages = "fr-FR,fr") Browser french) {
        french.cdp("Emulation.setDeviceMetricsOverride", PHONE);
        assertWithdrawAndRemoveDiffer(french, "Retirer de la publication", "Enlever", "de la collection");
    }

    private void assertWithdrawAndRemoveDiffer(Browser b, String withdraw, String remove, String fromCollection) {
        b.signIn(portal.account("curator"));
        b.go("#/collections/" + Library.MALARIA);
        b.settled();
        WebElement removal = b.shown(By.cssSelector("ol.hits .actions button:last-child"));
        assertThat(removal.getText()).isEqualTo(remove);
        assertThat(removal.getAttribute("aria-label")).startsWith(remove).endsWith(fromCollection);

        b.go("#/documents/" + library.mosquitoReview());
        b.settled();
        WebElement summary = b.shown(By.xpath("//section[@aria-labelledby='manage-h']//summary[.='" + withdraw + "']"));
        assertThat(summary.getText()).isNotEqualTo(remove);
        summary.click();
        assertThat(b.shown(By.xpath("//section[@aria-labelledby='manage-h']//details[summary[.='" + withdraw
                                + "']]//button[@type='submit']"))
                        .getText())
                .isEqualTo(withdraw);
        b.signOut();
    }

    @Test
    void theDescriptionIsWrittenWhileTheFileIsSentInEnglish() throws IOException {
        describeWhileSending(browser, "Save", "You can describe the document while it is sent");
    }

    @Test
    void theDescriptionIsWrittenWhileTheFileIsSentOnAPhoneInFrench(@OwnBrowser(languages = "fr-FR,fr") Browser phone)
            throws IOException {
        phone.cdp("Emulation.setDeviceMetricsOverride", PHONE);
        describeWhileSending(phone, "Enregistrer", "Vous pouvez décrire le document pendant l’envoi");
    }

    /**
     * Sends a 25 KB PDF at 4 KB/s: the description form is there from the start of the transfer, what is typed and
     * saved during it reaches the document once the file has arrived.
     */
    private void describeWhileSending(Browser b, String save, String whileSending) throws IOException {
        Path file = uniqueCopy("nhanes-population-totals.pdf");
        try {
            b.signIn(portal.account("contributor"));
            b.go("#/upload");
            b.settled();
            b.cdp("Network.enable", Map.of());
            b.cdp(
                    "Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", 4_000));
            b.driver().findElement(By.cssSelector(".drop input[type=file]")).sendKeys(file.toString());

            WebElement title = b.shown(By.id("upload-title"));
            assertThat(b.driver().findElement(By.id("progress")).getAttribute("value"))
                    .as("the form is there while the file is sent")
                    .isNotEqualTo("100");
            assertThat(b.driver()
                            .findElement(By.cssSelector("section[aria-labelledby=describe-h] .help"))
                            .getText())
                    .contains(whileSending);
            String typed = "Population totals, described while sent " + UUID.randomUUID();
            title.sendKeys(typed);
            new Select(b.driver().findElement(By.id("upload-type"))).selectByValue("report");
            b.driver()
                    .findElement(By.xpath("//section[@aria-labelledby='describe-h']//button[.='" + save + "']"))
                    .click();
            b.assertAccessible("describing a document while it is sent");

            WebElement saved = b.waitFor(
                    d -> d.findElements(By.cssSelector("section[aria-labelledby=describe-h] .ok")).stream()
                            .filter(WebElement::isDisplayed)
                            .findFirst()
                            .orElse(null),
                    Duration.ofSeconds(30));
            b.cdp(
                    "Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            String href = saved.findElement(By.tagName("a")).getAttribute("href");
            String id = href.substring(href.lastIndexOf('/') + 1);
            JsonNode document = portal.as("contributor").get("/api/documents/" + id);
            assertThat(document.get("title").asText()).isEqualTo(typed);
            assertThat(document.get("type").asText()).isEqualTo("report");
            b.signOut();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aCollectionGetsItsSlugFromItsTitleStaysPrivateUntilPublishedAndItsDocumentsPageShowsIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        browser.signIn(portal.account("curator"));
        browser.go("#/collections");
        browser.settled();
        browser.shown(By.xpath("//summary[.='New collection']")).click();
        WebElement titleFr = browser.shown(By.name("title.fr"));
        WebElement slug = browser.driver().findElement(By.name("slug"));

        titleFr.sendKeys("Urgences SAMU " + suffix);
        assertThat(slug.getAttribute("value")).isEqualTo("urgences-samu-" + suffix);
        slug.sendKeys("-nord");
        titleFr.sendKeys(" et régulation");
        assertThat(slug.getAttribute("value"))
                .as("a slug the curator changed stays theirs")
                .isEqualTo("urgences-samu-" + suffix + "-nord");
        browser.driver().findElement(By.name("title.en")).sendKeys("Emergency medical services " + suffix);
        assertThat(new Select(browser.driver().findElement(By.name("visibility")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("private");
        browser.assertAccessible("a new collection, its slug written from its title");
        browser.driver()
                .findElement(By.xpath("//button[.='Create the collection']"))
                .click();
        String address = "urgences-samu-" + suffix + "-nord";
        browser.waitFor(d -> d.getCurrentUrl().endsWith("#/collections/" + address), Duration.ofSeconds(10));
        browser.settled();

        assertThat(portal.anonymous()
                        .send("GET", "/api/collections/" + address, null)
                        .statusCode())
                .as("readers do not see a new collection")
                .isEqualTo(404);
        WebElement privateNote = browser.shown(By.cssSelector("section[aria-labelledby=curate-h] .banner"));
        assertThat(privateNote.getText()).contains("This collection is private");
        browser.assertAccessible("a private collection, to be published");

        // Added to from a document's page, which lists it at once.
        browser.go("#/documents/" + library.strokeDeaths());
        browser.settled();
        new Select(browser.shown(By.id("add-collection"))).selectByValue(address);
        browser.driver()
                .findElement(By.xpath("//section[@aria-labelledby='add-h']//button[.='Add']"))
                .click();
        browser.waitFor(
                d -> d.findElements(By.cssSelector("section[aria-labelledby=collections-h] a")).stream()
                        .anyMatch(a -> a.getAttribute("href").endsWith("#/collections/" + address)),
                Duration.ofSeconds(10));

        browser.go("#/collections/" + address);
        browser.settled();
        assertThat(browser.shown(By.xpath("//button[.='Publish the collection']"))
                        .isDisplayed())
                .isTrue();
        browser.language("fr");
        browser.settled();
        assertThat(browser.shown(By.cssSelector("section[aria-labelledby=curate-h] .banner"))
                        .getText())
                .contains("Cette collection est privée");
        browser.assertAccessible("une collection privée, à publier");
        browser.shown(By.xpath("//button[.='Publier la collection']")).click();
        browser.waitFor(
                d -> d.findElements(By.cssSelector("section[aria-labelledby=curate-h] .banner"))
                        .isEmpty(),
                Duration.ofSeconds(10));
        browser.settled();
        assertThat(browser.driver().findElements(By.cssSelector("main p.meta")))
                .extracting(WebElement::getText)
                .noneMatch(meta -> meta.contains("privée"));
        browser.language("en");
        browser.settled();
        JsonNode published = portal.anonymous().get("/api/collections/" + address);
        assertThat(published.get("visibility").asText()).isEqualTo("public");
        assertThat(published.get("items").get(0).at("/document/id").asText()).isEqualTo(library.strokeDeaths());
        browser.signOut();
    }

    /** A copy of a test PDF with a comment of its own after its end: another file, for a portal that refuses one twice. */
    private static Path uniqueCopy(String pdf) throws IOException {
        Path file = Files.createTempFile("portal-e2e-", ".pdf");
        Files.write(file, Files.readAllBytes(Library.pdf(pdf)));
        Files.writeString(file, "\n%" + UUID.randomUUID() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        return file;
    }

    @Test
    void aDocumentPublishedFromTheReviewListShowsAsPublishedInMyDocumentsWithoutAReload() throws IOException {
        PortalApi curator = portal.as("curator");
        Path file = uniqueCopy("hello-world.pdf");
        String title = "Published from the review list " + UUID.randomUUID();
        String id;
        try {
            id = curator.upload(file, Map.of("title", title, "type", "report", "language", "en"));
        } finally {
            Files.deleteIfExists(file);
        }
        curator.awaitProcessed(id, Duration.ofSeconds(60));
        curator.post("/api/documents/" + id + "/submit", null);
        browser.signIn(portal.account("curator"));
        browser.go("#/dashboard");
        browser.settled();
        By mine = By.xpath("//section[@aria-labelledby='mine-h']//li[.//a[contains(@href, '" + id + "')]]/p");
        assertThat(browser.shown(mine).getText()).startsWith("Submitted · ");

        browser.shown(By.xpath("//section[@aria-labelledby='review-h']//li[.//a[contains(@href, '" + id
                        + "')]]//button[.='Publish']"))
                .click();
        browser.waitFor(d -> d.findElement(mine).getText().startsWith("Published · "), Duration.ofSeconds(10));
        browser.signOut();
    }

    @Test
    void myDocumentsSayOnlyWhatDiffersPerRowInEnglish() {
        assertMyDocuments(browser, "My documents", "Published", "Found by search", "The portal could not read");
    }

    @Test
    void myDocumentsSayOnlyWhatDiffersPerRowOnAPhoneInFrench(@OwnBrowser(languages = "fr-FR,fr") Browser phone) {
        phone.cdp("Emulation.setDeviceMetricsOverride", PHONE);
        assertMyDocuments(phone, "Mes documents", "Publié", "Trouvable par la recherche", "Le portail n’a pas pu lire");
    }

    private void assertMyDocuments(Browser b, String heading, String published, String searchable, String failed) {
        b.signIn(portal.account("contributor"));
        b.go("#/dashboard");
        b.settled();
        WebElement mine = b.shown(By.cssSelector("section[aria-labelledby=mine-h]"));
        b.waitFor(d -> !mine.findElements(By.cssSelector("li .meta")).isEmpty(), Duration.ofSeconds(10));
        List<String> rows = mine.findElements(By.cssSelector("li .meta")).stream()
                .map(WebElement::getText)
                .toList();

        assertThat(mine.findElement(By.tagName("h2")).getText()).isEqualTo(heading);
        assertThat(rows).anyMatch(row -> row.startsWith(published + " · "));
        assertThat(rows).noneMatch(row -> row.contains(searchable));
        assertThat(rows).as("the unreadable file says so").anyMatch(row -> row.contains(failed));
        b.assertAccessible("my documents");
        b.signOut();
    }
}
