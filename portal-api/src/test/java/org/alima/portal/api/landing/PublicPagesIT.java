package org.alima.portal.api.landing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestPdfs;
import org.alima.portal.api.documents.TestDocuments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The portal as a crawler and a reader without JavaScript see it: landing pages with their machine-readable heads,
 * collection, topic and country pages, the sitemap (with a small part size, so that its index is followed), robots,
 * OpenSearch and the Atom feeds, against the real database and index.
 */
@MicronautTest
class PublicPagesIT extends PortalTest {

    private static final String TOPIC = "Paludisme grave";

    private Api curator;
    private String article;
    private String report;
    private String draft;
    private String withdrawn;
    private String collection;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // Small parts, so that the sitemap is an index and the crawl follows it.
        properties.put("portal.sitemap.max-urls", "10");
        return properties;
    }

    /** The documents every test reads, made once: a published PDF article, a report, a draft and a withdrawn one. */
    private synchronized void documents() {
        if (article != null) {
            return;
        }
        curator = anonymous.as(TestAccounts.create(anonymous, "curator").token());
        article = api.uploadAccepted("severe-malaria.pdf", TestPdfs.pages(false), """
                {"title": "Severe malaria <script>alert(1)</script> in children", "type": "article", "language": "en",
                 "authors": [{"name": "Diallo, Aminata", "orcid": "0000-0002-1825-0097"}, {"name": "Traoré, Ibrahim"}],
                 "publicationDate": "2024-03-15", "abstract": "Artesunate reduces mortality in severe malaria.",
                 "countries": ["ML", "BF"], "topics": ["%s"], "doi": "10.1234/malaria.2024.1", "license": "CC-BY-4.0"}
                """.replace("%s", TOPIC));
        TestDocuments.publish(curator, article);
        TestDocuments.awaitSettled(curator, article);
        report = TestDocuments.published(api, curator, "Rapport annuel " + Api.uniqueWord(), """
                {"title": "Rapport annuel des activités", "type": "report", "language": "fr", "countries": ["NE"],
                 "topics": ["%s"]}""".replace("%s", TOPIC));
        draft = TestDocuments.draft(api, "Brouillon " + Api.uniqueWord(), """
                {"title": "Draft never to be seen", "type": "study", "language": "en", "topics": ["%s"]}""".replace("%s", TOPIC));
        withdrawn = TestDocuments.published(api, curator, "Retiré " + Api.uniqueWord(), """
                {"title": "A withdrawn guideline", "type": "guideline", "language": "en"}""");
        TestDocuments.transition(curator, withdrawn, "withdraw", "{\"reason\": \"Replaced by the 2025 guideline\"}");
        collection = "landing-" + Api.uniqueWord().toLowerCase(java.util.Locale.ROOT);
        HttpResponse<String> created = curator.json("POST", "/api/collections", """
                {"slug": "%s", "title": {"en": "Malaria evidence", "fr": "Preuves paludisme"}, "visibility": "public"}
                """.replace("%s", collection));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        for (String id : List.of(article, draft)) {
            HttpResponse<String> added = curator.json(
                    "POST", "/api/collections/" + collection + "/items", "{\"documentId\": \"" + id + "\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        }
    }

    @Test
    void aPublishedDocumentsPageIsCompleteHtmlWithScholarDublinCoreOpenGraphAndJsonLd() throws Exception {
        documents();
        HttpResponse<String> page = anonymous.get("/documents/" + article, "Accept-Language", "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        Document html = Jsoup.parse(page.body(), server.getURI().toString());
        assertThat(html.select("h1").text()).isEqualTo("Severe malaria <script>alert(1)</script> in children");
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(meta(html, "citation_title"))
                .containsExactly("Severe malaria <script>alert(1)</script> in children");
        assertThat(meta(html, "citation_author")).containsExactly("Diallo, Aminata", "Traoré, Ibrahim");
        assertThat(meta(html, "citation_publication_date")).containsExactly("2024/03/15");
        assertThat(meta(html, "citation_doi")).containsExactly("10.1234/malaria.2024.1");
        assertThat(meta(html, "citation_language")).containsExactly("en");
        assertThat(meta(html, "citation_keywords")).containsExactly(TOPIC);
        assertThat(meta(html, "citation_publisher")).hasSize(1);
        assertThat(meta(html, "citation_technical_report_institution")).isEmpty();
        assertThat(meta(html, "citation_pdf_url"))
                .containsExactly(server.getURI() + "/api/documents/" + article + "/file");
        assertThat(meta(html, "DC.title")).hasSize(1);
        assertThat(meta(html, "DC.creator")).hasSize(2);
        assertThat(html.select("meta[property=og:title]").attr("content")).startsWith("Severe malaria");
        JsonNode ld = new ObjectMapper()
                .readTree(html.selectFirst("script[type=application/ld+json]").data());
        assertThat(ld.get("@type").asText()).isEqualTo("ScholarlyArticle");
        assertThat(ld.get("inLanguage").asText()).isEqualTo("en");
        assertThat(ld.get("license").asText()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        assertThat(ld.get("about").get(0).get("name").asText()).isEqualTo(TOPIC);
        assertThat(ld.get("isPartOf").get(0).get("url").asText()).endsWith("/collections/" + collection);
        assertThat(ld.get("author").get(0).get("sameAs").asText()).isEqualTo("https://orcid.org/0000-0002-1825-0097");
        assertThat(html.select("link[rel=alternate][type=application/json]").attr("href"))
                .endsWith("/api/documents/" + article);
        assertThat(html.select("link[rel=alternate][type=application/x-bibtex]"))
                .hasSize(1);
        assertThat(html.select("link[rel=search][type=application/opensearchdescription+xml]"))
                .hasSize(1);
        assertThat(html.select("link[rel=alternate][type=application/atom+xml]"))
                .isNotEmpty();
        // What a reader sees: the facts, the file with its size, each citation format, the collection.
        assertThat(html.select("dl.facts").text()).contains("Mali", "Burkina Faso", TOPIC, "10.1234/malaria.2024.1");
        assertThat(html.select("a[href$=/file]").text()).contains("PDF").containsPattern("\\d+(\\.\\d)?\\s(B|KB)");
        assertThat(html.select("a[href*=/citation?format=]").eachText()).containsExactly("BibTeX", "RIS", "CSL-JSON");
        assertThat(html.select("a[href=/collections/" + collection + "]").text())
                .isEqualTo("Malaria evidence");
        assertThat(html.select("a[href^=/topics/]").text()).isEqualTo(TOPIC);
    }

    @Test
    void aLandingPageSignpostsItsIdentifierMetadataFileAuthorsLicenceAndType() {
        documents();
        List<String> links = anonymous.get("/documents/" + article).headers().allValues("Link");
        String base = server.getURI().toString();
        assertThat(links)
                .contains(
                        "<https://doi.org/10.1234/malaria.2024.1>; rel=\"cite-as\"",
                        "<" + base + "/api/documents/" + article + ">; rel=\"describedby\"; type=\"application/json\"",
                        "<" + base + "/api/documents/" + article + "/file>; rel=\"item\"; type=\"application/pdf\"",
                        "<https://orcid.org/0000-0002-1825-0097>; rel=\"author\"",
                        "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"",
                        "<https://schema.org/ScholarlyArticle>; rel=\"type\"");
        HttpResponse<byte[]> file = anonymous.getBytes("/api/documents/" + article + "/file");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().allValues("Link"))
                .contains("<" + base + "/documents/" + article + ">; rel=\"collection\"; type=\"text/html\"");
    }

    @Test
    void aReportNamesItsInstitutionAndIsAReportInJsonLd() throws Exception {
        documents();
        Document html = Jsoup.parse(anonymous.get("/documents/" + report).body());
        assertThat(meta(html, "citation_technical_report_institution")).hasSize(1);
        assertThat(html.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(new ObjectMapper()
                        .readTree(html.selectFirst("script[type=application/ld+json]")
                                .data())
                        .get("@type")
                        .asText())
                .isEqualTo("Report");
    }

    @Test
    void aDraftIsNotFoundForAnonymousReadersAndAWithdrawnDocumentSaysWhy() {
        documents();
        HttpResponse<String> hidden = anonymous.get("/documents/" + draft);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("Draft never to be seen");
        assertThat(anonymous.get("/documents/not-an-id").statusCode()).isEqualTo(404);
        HttpResponse<String> gone = anonymous.get("/documents/" + withdrawn, "Accept-Language", "en");
        assertThat(gone.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(gone.body());
        assertThat(html.select(".banner").text()).contains("withdrawn", "Replaced by the 2025 guideline");
        assertThat(html.select("a[href$=/file]")).isEmpty();
        assertThat(meta(html, "citation_pdf_url")).isEmpty();
        assertThat(anonymous.getBytes("/api/documents/" + withdrawn + "/file").statusCode())
                .isEqualTo(410);
    }

    @Test
    void collectionTopicAndCountryPagesListPublishedDocumentsAsLinksAndNoDraft() {
        documents();
        Document page = Jsoup.parse(anonymous.get("/collections/" + collection).body());
        assertThat(page.select("main a[href^=/documents/]").eachAttr("href")).containsExactly("/documents/" + article);
        assertThat(page.select("link[rel=alternate][type=application/atom+xml]").attr("href"))
                .isEqualTo("/feeds/collections/" + collection);
        Document topic = Jsoup.parse(
                anonymous.get("/topics/" + LandingController.encode(TOPIC)).body());
        assertThat(topic.select("main a[href^=/documents/]").eachAttr("href"))
                .contains("/documents/" + article, "/documents/" + report)
                .doesNotContain("/documents/" + draft);
        Document mali = Jsoup.parse(anonymous.get("/countries/ML").body());
        assertThat(mali.select("main a[href^=/documents/]").eachAttr("href")).contains("/documents/" + article);
        assertThat(anonymous.get("/countries/ml").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/collections/no-such-collection").statusCode())
                .isEqualTo(404);
        assertThat(Jsoup.parse(anonymous.get("/topics").body()).select("main a").eachText())
                .contains(TOPIC);
    }

    @Test
    void aSupersededVersionPointsCanonicallyToTheLatestAndListsTheVersions() {
        documents();
        String first = TestDocuments.published(api, curator, "Première " + Api.uniqueWord(), """
                {"title": "A procedure in two versions", "type": "operating_procedure", "language": "en",
                 "effectiveDate": "2026-01-01", "reviewDueDate": "2030-01-01"}""");
        HttpResponse<String> accepted = api.upload(
                "/api/documents/" + first + "/versions",
                new Api.Multipart()
                        .file(
                                "notes.txt",
                                ("Seconde " + Api.uniqueWord()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String second = Api.read(accepted).get("id").asText();
        TestDocuments.publish(curator, second);
        Document old = Jsoup.parse(
                anonymous.get("/documents/" + first, "Accept-Language", "en").body());
        assertThat(old.select("link[rel=canonical]").attr("href")).isEqualTo(landing(second));
        assertThat(old.select(".banner a").attr("href")).isEqualTo("/documents/" + second);
        assertThat(old.select("section[aria-labelledby=versions-h] li").eachText())
                .containsExactly("Version 1 (this version)", "Version 2");
        Document latest = Jsoup.parse(anonymous.get("/documents/" + second).body());
        assertThat(latest.select("link[rel=canonical]").attr("href")).isEqualTo(landing(second));
        assertThat(latest.select(".banner")).isEmpty();
        assertThat(meta(latest, "citation_technical_report_institution")).hasSize(1);
    }

    @Test
    void robotsPointsToTheSitemapAndKeepsCrawlersOutOfSearchAndTheApiButNotTheFiles() {
        String robots = anonymous.get("/robots.txt").body();
        assertThat(robots)
                .contains("Sitemap: " + server.getURI() + "/sitemap.xml")
                .contains("Disallow: /api/")
                .contains("Allow: /api/documents/*/file")
                .contains("Disallow: /?q=");
        Document openSearch = Jsoup.parse(anonymous.get("/opensearch.xml").body(), "", Parser.xmlParser());
        assertThat(openSearch.select("Url[type=text/html]").attr("template")).endsWith("/?q={searchTerms}");
    }

    @Test
    void feedsListThePublishedDocumentsWithTheirLinksAndNeverADraft() {
        documents();
        Document latest = atom("/feeds/latest");
        assertThat(entryIds(latest)).contains(landing(article), landing(report)).doesNotContain(landing(draft));
        Element entry = latest.select("entry").stream()
                .filter(e -> e.select("id").text().equals(landing(article)))
                .findFirst()
                .orElseThrow();
        assertThat(entry.select("title").text()).isEqualTo("Severe malaria <script>alert(1)</script> in children");
        assertThat(entry.select("author name").eachText()).containsExactly("Diallo, Aminata", "Traoré, Ibrahim");
        assertThat(entry.select("link[rel=enclosure]").attr("href")).endsWith("/api/documents/" + article + "/file");
        assertThat(entry.select("summary").text()).contains("Artesunate");
        assertThat(entry.select("updated").text()).isNotBlank();
        assertThat(entryIds(atom("/feeds/types/report")))
                .contains(landing(report))
                .doesNotContain(landing(article));
        assertThat(entryIds(atom("/feeds/collections/" + collection))).containsExactly(landing(article));
        assertThat(entryIds(atom("/feeds/search?q=artesunate"))).containsExactly(landing(article));
        assertThat(entryIds(atom("/feeds/search?q=&type=report"))).contains(landing(report));
        assertThat(anonymous.get("/feeds/types/novel").statusCode()).isEqualTo(404);
    }

    /**
     * The "done when": from /sitemap.xml, with plain HTTP fetches and no script, following sitemaps and links,
     * a crawler finds every published document's page with its citation_title and a working citation_pdf_url, and no
     * draft anywhere.
     */
    @Test
    void aCrawlerWithoutJavaScriptFindsEveryPublishedDocumentFromTheSitemapAndNoDraft() {
        documents();
        String base = server.getURI().toString();
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(base + "/sitemap.xml"));
        Map<String, Document> landingPages = new HashMap<>();
        List<String> unpublished = new java.util.ArrayList<>(idsWith("draft"));
        unpublished.addAll(idsWith("submitted"));
        assertThat(unpublished).contains(draft);
        while (!queue.isEmpty() && seen.size() < 5_000) {
            String url = queue.poll();
            if (!seen.add(url)) {
                continue;
            }
            HttpResponse<String> response = anonymous.get(url.substring(base.length()));
            assertThat(response.body()).as(url).doesNotContain("Draft never to be seen");
            for (String hidden : unpublished) {
                assertThat(response.body()).as(url).doesNotContain(hidden);
            }
            if (response.statusCode() != 200) {
                continue;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/xml")) {
                Document xml = Jsoup.parse(response.body(), "", Parser.xmlParser());
                xml.select("loc").eachText().forEach(queue::add);
            } else if (type.startsWith("text/html")) {
                Document html = Jsoup.parse(response.body(), url);
                if (url.matches(".*/documents/[0-9a-f-]{36}")) {
                    landingPages.put(url.substring(url.lastIndexOf('/') + 1), html);
                }
                for (String href : html.select("a[href]").eachAttr("abs:href")) {
                    String link = href.replaceAll("#.*$", "");
                    if (link.startsWith(base) && !link.contains("/api/") && !link.contains("?")) {
                        queue.add(link);
                    }
                }
            }
        }
        List<String> published = idsWith("published");
        assertThat(landingPages.keySet()).containsAll(published).doesNotContain(draft);
        for (String id : published) {
            Document page = landingPages.get(id);
            assertThat(meta(page, "citation_title")).as(id).hasSize(1);
            for (String pdf : meta(page, "citation_pdf_url")) {
                HttpResponse<byte[]> file = anonymous.getBytes(URI.create(pdf).getPath());
                assertThat(file.statusCode()).as(pdf).isEqualTo(200);
                assertThat(new String(file.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo("%PDF-");
            }
        }
        assertThat(meta(landingPages.get(article), "citation_pdf_url")).hasSize(1);
    }

    /** Every document with this status, as a curator lists them. */
    private List<String> idsWith(String status) {
        List<String> ids = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode list = Api.read(curator.get("/api/documents?status=" + status + "&size=100&page=" + page));
            list.get("items").forEach(item -> ids.add(item.get("id").asText()));
            if (page >= list.get("totalPages").asLong()) {
                return ids;
            }
        }
    }

    private Document atom(String path) {
        HttpResponse<String> response = anonymous.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
        return Jsoup.parse(response.body(), "", Parser.xmlParser());
    }

    private static List<String> entryIds(Document feed) {
        return feed.select("entry > id").eachText();
    }

    private String landing(String id) {
        return server.getURI() + "/documents/" + id;
    }

    private static List<String> meta(Document html, String name) {
        return html.select("meta[name=" + name + "]").eachAttr("content");
    }
}
