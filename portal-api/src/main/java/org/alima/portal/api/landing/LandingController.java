package org.alima.portal.api.landing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionRef;
import org.alima.portal.api.collections.CollectionResponse;
import org.alima.portal.api.collections.Curation;
import org.alima.portal.api.collections.DocumentCollections;
import org.alima.portal.api.collections.ItemResponse;
import org.alima.portal.api.indexing.OcrReading;
import org.alima.portal.api.indexing.OcrReadings;
import org.alima.portal.api.system.NotFoundException;
import org.alima.portal.api.usage.DocumentUsage;
import org.alima.portal.api.usage.UsageFigures;
import org.alima.portal.api.vocabularies.Vocabulary;

/**
 * The portal's pages for readers and crawlers that run no script, at permanent addresses: a document's landing page,
 * the collections, the topics and the countries, each a complete HTML page (the web app's script then enhances a
 * document's page). Anonymous: they show what everyone may see, published documents and the pages of withdrawn ones;
 * a draft is a 404 like an unknown id. Stateless and thread-safe; blocking work on the blocking executor.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
class LandingController {

    /** Documents listed on a topic's or a country's page; the search (linked from the page) reaches the rest. */
    static final int LIST_LIMIT = 200;

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final PublishedDocuments documents;
    private final DocumentCollections memberships;
    private final Curation collections;
    private final SiteAddress site;
    private final JsonMapper json;
    private final PageRenderer pages;
    private final UsageFigures usage;
    private final OcrReadings ocr;

    LandingController(
            PublishedDocuments documents,
            DocumentCollections memberships,
            Curation collections,
            SiteAddress site,
            JsonMapper json,
            PageRenderer pages,
            UsageFigures usage,
            OcrReadings ocr) {
        this.documents = documents;
        this.memberships = memberships;
        this.collections = collections;
        this.site = site;
        this.json = json;
        this.pages = pages;
        this.usage = usage;
        this.ocr = ocr;
    }

    @Get(value = "/documents/{id}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> document(
            HttpRequest<?> request,
            @PathVariable String id,
            @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        PageLanguage language = PageLanguage.of(acceptLanguage);
        Optional<PublicDocument> found = parse(id).flatMap(documents::find).filter(PublicDocument::isPublic);
        if (found.isEmpty()) {
            Map<String, Object> model = page(language, request, language.word("notFound"));
            model.put("appLink", "/#/documents/" + id.replaceAll("[^0-9a-fA-F-]", ""));
            return html(request, HttpStatus.NOT_FOUND, "landing/not-found", model);
        }
        PublicDocument document = found.get();
        List<CollectionRef> in = memberships.collectionsOf(document.id(), Viewer.ANONYMOUS);
        DocumentHead head = new DocumentHead(document, in, site.base(request));
        Map<String, Object> model = page(language, request, head.title());
        model.put("doc", documentModel(document, head, in, language));
        model.put("meta", head.meta().stream().map(LandingController::meta).toList());
        model.put(
                "alternates",
                head.alternates().stream()
                        .map(l -> Map.of("rel", l.rel(), "href", l.href(), "type", l.type()))
                        .toList());
        model.put("canonical", head.canonical());
        model.put("translations", translations(document, head, site.base(request), language));
        model.put("description", head.description());
        model.put("jsonLd", jsonLd(head.jsonLd()));
        List<Map<String, Object>> feeds = new ArrayList<>();
        feeds.add(feed(language.word("latestFeed"), "/feeds/latest"));
        if (document.type() != null) {
            feeds.add(feed(
                    language.word("feed") + " · " + language.typeName(document.type()),
                    "/feeds/types/" + document.type()));
        }
        model.put("feeds", feeds);
        model.put("usage", usageLine(usage.of(document.id()), language));
        model.put(
                "ocr",
                ocr.ofDocument(document.id())
                        .map(read -> ocrLine(read, language))
                        .orElse(null));
        MutableHttpResponse<String> response = html(request, HttpStatus.OK, "landing/document", model);
        head.signposting().forEach(link -> response.getHeaders().add(HttpHeaders.LINK, link.header()));
        return response;
    }

    /**
     * The page's other language versions, for {@code <link rel="alternate" hreflang>} (the page's own language
     * included, as search engines ask) and the visible "Also in English" links; empty when it has none.
     */
    private List<Map<String, Object>> translations(
            PublicDocument document, DocumentHead head, String base, PageLanguage language) {
        List<PublishedDocuments.LanguageVersion> others = documents.translations(document.id());
        if (others.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> links = new ArrayList<>();
        if (document.language() != null) {
            links.add(Map.of("hreflang", document.language(), "href", head.canonical(), "self", true));
        }
        for (PublishedDocuments.LanguageVersion other : others) {
            Map<String, Object> link = new HashMap<>();
            link.put("hreflang", other.language());
            link.put("href", base + "/documents/" + other.id());
            link.put("self", false);
            link.put("text", language.word("alsoIn") + " " + language.languageName(other.language()));
            link.put("title", other.title());
            links.add(link);
        }
        return links;
    }

    @Get(value = "/collections", produces = MediaType.TEXT_HTML)
    HttpResponse<?> collections(
            HttpRequest<?> request, @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        PageLanguage language = PageLanguage.of(acceptLanguage);
        Map<String, Object> model = page(language, request, language.word("collections"));
        List<Map<String, Object>> links = new ArrayList<>();
        for (CollectionResponse c : collections.list(Viewer.ANONYMOUS, false)) {
            links.add(link(
                    "/collections/" + c.slug(), title(c.title().fr(), c.title().en(), c.slug()), c.itemCount()));
        }
        model.put("links", links);
        return html(request, HttpStatus.OK, "landing/index", model);
    }

    @Get(value = "/collections/{slug}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> collection(
            HttpRequest<?> request,
            @PathVariable String slug,
            @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        PageLanguage language = PageLanguage.of(acceptLanguage);
        CollectionResponse collection;
        try {
            collection = collections.get(slug, Viewer.ANONYMOUS);
        } catch (NotFoundException unknown) {
            return notFound(request, language);
        }
        String name = "fr".equals(language.code())
                ? title(collection.title().fr(), collection.title().en(), slug)
                : title(collection.title().en(), collection.title().fr(), slug);
        Map<String, Object> model = page(language, request, name);
        String description = "fr".equals(language.code())
                ? title(collection.description().fr(), collection.description().en(), "")
                : title(collection.description().en(), collection.description().fr(), "");
        model.put("lead", description.isEmpty() ? null : description);
        List<Map<String, Object>> items = new ArrayList<>();
        for (ItemResponse item : collection.items() == null ? List.<ItemResponse>of() : collection.items()) {
            ItemResponse.DocumentSummary d = item.document();
            if (!"published".equals(d.status())) {
                continue;
            }
            items.add(item(
                    d.id(),
                    d.title(),
                    d.language(),
                    d.authors().stream().map(ItemResponse.Author::name).toList(),
                    d.type(),
                    d.publicationDate(),
                    item.note(),
                    language));
        }
        model.put("items", items);
        model.put("canonical", site.of(request, "/collections/" + slug));
        model.put("feeds", List.of(feed(language.word("feed") + " · " + name, "/feeds/collections/" + encode(slug))));
        return html(request, HttpStatus.OK, "landing/list", model);
    }

    @Get(value = "/topics", produces = MediaType.TEXT_HTML)
    HttpResponse<?> topics(
            HttpRequest<?> request, @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        PageLanguage language = PageLanguage.of(acceptLanguage);
        Map<String, Object> model = page(language, request, language.word("topics"));
        model.put(
                "links",
                documents.topics().stream()
                        .map(t -> link("/topics/" + encode(t.value()), t.value(), t.documents()))
                        .toList());
        return html(request, HttpStatus.OK, "landing/index", model);
    }

    @Get(value = "/topics/{topic}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> topic(
            HttpRequest<?> request,
            @PathVariable String topic,
            @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        PageLanguage language = PageLanguage.of(acceptLanguage);
        List<PublicDocument> found = documents.latest(new PublishedDocuments.Selection(null, topic, null), LIST_LIMIT);
        if (found.isEmpty()) {
            return notFound(request, language);
        }
        Map<String, Object> model = page(language, request, topic);
        model.put("items", items(found, language));
        model.put("canonical", site.of(request, "/topics/" + encode(topic)));
        model.put("more", "/?q=" + encode("topic:\"" + topic.replace("\"", "") + "\""));
        model.put(
                "feeds", List.of(feed(language.word("feed") + " · " + topic, "/feeds/search?topic=" + encode(topic))));
        return html(request, HttpStatus.OK, "landing/list", model);
    }

    @Get(value = "/countries", produces = MediaType.TEXT_HTML)
    HttpResponse<?> countries(
            HttpRequest<?> request, @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        PageLanguage language = PageLanguage.of(acceptLanguage);
        Map<String, Object> model = page(language, request, language.word("countries"));
        model.put(
                "links",
                documents.countries().stream()
                        .map(c -> link("/countries/" + c.value(), language.countryName(c.value()), c.documents()))
                        .toList());
        return html(request, HttpStatus.OK, "landing/index", model);
    }

    @Get(value = "/countries/{code}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> country(
            HttpRequest<?> request,
            @PathVariable String code,
            @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        PageLanguage language = PageLanguage.of(acceptLanguage);
        List<PublicDocument> found = COUNTRY.matcher(code).matches()
                ? documents.latest(new PublishedDocuments.Selection(null, null, code), LIST_LIMIT)
                : List.of();
        if (found.isEmpty()) {
            return notFound(request, language);
        }
        Map<String, Object> model = page(language, request, language.countryName(code));
        model.put("items", items(found, language));
        model.put("canonical", site.of(request, "/countries/" + code));
        model.put(
                "feeds",
                List.of(feed(
                        language.word("feed") + " · " + language.countryName(code), "/feeds/search?country=" + code)));
        return html(request, HttpStatus.OK, "landing/list", model);
    }

    private HttpResponse<?> notFound(HttpRequest<?> request, PageLanguage language) {
        return html(
                request,
                HttpStatus.NOT_FOUND,
                "landing/not-found",
                page(language, request, language.word("pageNotFound")));
    }

    /** What every page's layout needs: its language's words, its title, the portal's address. */
    private Map<String, Object> page(PageLanguage language, HttpRequest<?> request, String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("lang", language.code());
        model.put("t", language.words());
        model.put("title", title);
        model.put("base", site.base(request));
        model.put("feeds", List.of());
        return model;
    }

    private MutableHttpResponse<String> html(
            HttpRequest<?> request, HttpStatus status, String view, Map<String, Object> model) {
        return HttpResponse.<String>status(status)
                .contentType(MediaType.of("text/html; charset=utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(pages.render(view, model, request));
    }

    private Map<String, Object> documentModel(
            PublicDocument d, DocumentHead head, List<CollectionRef> in, PageLanguage language) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", d.id().toString());
        doc.put("title", head.title());
        doc.put("lang", d.language());
        doc.put(
                "authors",
                d.authors().stream()
                        .map(a -> link(a.orcid() == null ? null : "https://orcid.org/" + a.orcid(), a.name(), null))
                        .toList());
        doc.put("date", d.publicationDate());
        doc.put("type", language.typeName(d.type()));
        doc.put("typeValue", d.type());
        doc.put("language", language.languageName(d.language()));
        doc.put(
                "countries",
                d.countries().stream()
                        .map(c -> link("/countries/" + c, language.countryName(c), null))
                        .toList());
        doc.put(
                "topics",
                d.topics().stream()
                        .map(t -> link("/topics/" + encode(t), t, null))
                        .toList());
        doc.put("vocabularies", vocabularyRows(d.classification(), language));
        doc.put("doi", d.doi());
        doc.put("doiUrl", head.doiUrl());
        doc.put("license", d.license());
        doc.put("licenseUrl", Licences.urlOf(d.license()).orElse(null));
        doc.put("abstract", d.abstractText());
        doc.put("withdrawn", d.isWithdrawn());
        doc.put("withdrawnReason", d.withdrawnReason());
        doc.put("superseded", d.isSuperseded() && !d.isWithdrawn());
        doc.put("latest", DocumentHead.landingPath(d.latestVersionId()));
        if (!d.isWithdrawn()) {
            PublicDocument.FileInfo file = d.file();
            doc.put("fileUrl", file.url());
            doc.put("openUrl", "application/pdf".equals(file.mediaType()) ? file.url() + "?inline=true" : null);
            doc.put("fileName", file.name());
            doc.put("fileFormat", format(file.mediaType()));
            doc.put("fileSize", size(file.sizeBytes(), language));
            doc.put("filePages", file.pageCount());
        }
        doc.put(
                "citations",
                d.citations().stream()
                        .map(c -> Map.of("href", c.url(), "text", citationName(c.format())))
                        .toList());
        List<Map<String, Object>> versions = new ArrayList<>();
        for (PublicDocument.Version v : d.versions()) {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("label", language.word("version") + " " + v.version());
            version.put("href", v.id().equals(d.id()) ? null : DocumentHead.landingPath(v.id()));
            version.put("withdrawn", "withdrawn".equals(v.status()));
            versions.add(version);
        }
        doc.put("versions", versions.size() > 1 ? versions : List.of());
        doc.put(
                "collections",
                in.stream()
                        .map(c -> link(
                                "/collections/" + c.slug(),
                                "fr".equals(language.code())
                                        ? title(c.title().fr(), c.title().en(), c.slug())
                                        : title(c.title().en(), c.title().fr(), c.slug()),
                                null))
                        .toList());
        return doc;
    }

    private List<Map<String, Object>> items(List<PublicDocument> found, PageLanguage language) {
        return found.stream()
                .map(d -> item(
                        d.id().toString(),
                        d.title() == null ? d.file().name() : d.title(),
                        d.language(),
                        d.authors().stream().map(PublicDocument.Author::name).toList(),
                        d.type(),
                        d.publicationDate(),
                        null,
                        language))
                .toList();
    }

    private static Map<String, Object> item(
            String id,
            @Nullable String title,
            @Nullable String lang,
            List<String> authors,
            @Nullable String type,
            @Nullable String date,
            @Nullable String note,
            PageLanguage language) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("href", DocumentHead.landingPath(id));
        item.put("title", title == null ? language.word("untitled") : title);
        item.put("lang", lang);
        List<String> line = new ArrayList<>();
        if (!authors.isEmpty()) {
            line.add(authors.size() > 3 ? String.join(", ", authors.subList(0, 3)) + " …" : String.join(", ", authors));
        }
        if (type != null) {
            line.add(language.typeName(type));
        }
        if (date != null) {
            line.add(date);
        }
        item.put("meta", String.join(" · ", line));
        item.put("note", note);
        return item;
    }

    /** "Text of 3 pages read by OCR (mean confidence 87 %)", in the page's language. */
    /**
     * The study design and the humanitarian vocabularies as rows of the page's facts, each value in the reader's
     * language; free text (what a vocabulary lacks) is marked {@code free} for the page to say so. Empty rows are left
     * out. The free text of health topics is the document's topics, shown in their own row.
     */
    static List<Map<String, Object>> vocabularyRows(PublicDocument.Classification c, PageLanguage language) {
        List<Map<String, Object>> rows = new ArrayList<>();
        addRow(
                rows,
                language.word("design"),
                Vocabulary.DESIGN,
                c.design() == null ? List.of() : List.of(c.design()),
                List.of(),
                language);
        addRow(rows, language.word("health"), Vocabulary.HEALTH, c.health(), List.of(), language);
        addRow(
                rows,
                language.word("population"),
                Vocabulary.POPULATION,
                c.populations(),
                c.populationsOther(),
                language);
        addRow(rows, language.word("setting"), Vocabulary.SETTING, c.settings(), c.settingsOther(), language);
        addRow(
                rows,
                language.word("intervention"),
                Vocabulary.INTERVENTION,
                c.interventions(),
                c.interventionsOther(),
                language);
        return rows;
    }

    private static void addRow(
            List<Map<String, Object>> rows,
            String name,
            Vocabulary vocabulary,
            List<String> codes,
            List<String> other,
            PageLanguage language) {
        List<Map<String, Object>> values = new ArrayList<>();
        codes.forEach(code -> values.add(Map.of("text", vocabulary.label(code, language.code()), "free", false)));
        other.forEach(text -> values.add(Map.of("text", text, "free", true)));
        if (!values.isEmpty()) {
            rows.add(Map.of("name", name, "terms", values));
        }
    }

    static String ocrLine(OcrReading read, PageLanguage language) {
        return language.word(read.pages() == 1 ? "ocr.one" : "ocr.many")
                .replace(
                        "{0}",
                        NumberFormat.getIntegerInstance(Locale.forLanguageTag(language.code()))
                                .format(read.pages()))
                .replace("{1}", Long.toString(read.percent()));
    }

    /** "12 views, 3 downloads this month · 40 views, 9 downloads in all", in the page's language. */
    static String usageLine(DocumentUsage usage, PageLanguage language) {
        return figures(usage.thisMonth(), language) + " " + language.word("usage.thisMonth") + " · "
                + figures(usage.total(), language) + " " + language.word("usage.total");
    }

    private static String figures(DocumentUsage.Figures figures, PageLanguage language) {
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.forLanguageTag(language.code()));
        return number.format(figures.views()) + "\u00a0"
                + language.word(singular(figures.views(), language) ? "usage.view" : "usage.views") + ", "
                + number.format(figures.downloads()) + "\u00a0"
                + language.word(singular(figures.downloads(), language) ? "usage.download" : "usage.downloads");
    }

    /** French says "0 consultation", English "0 views". */
    private static boolean singular(long n, PageLanguage language) {
        return n == 1 || (n == 0 && "fr".equals(language.code()));
    }

    /** A {@code <meta>} tag as the template writes it: a null name or property is left out. */
    private static Map<String, Object> meta(DocumentHead.Meta meta) {
        Map<String, Object> tag = new LinkedHashMap<>();
        tag.put("name", meta.name());
        tag.put("property", meta.property());
        tag.put("content", meta.content());
        return tag;
    }

    private static String citationName(String format) {
        return switch (format) {
            case "bibtex" -> "BibTeX";
            case "ris" -> "RIS";
            case "csl-json" -> "CSL-JSON";
            default -> format;
        };
    }

    private static Map<String, Object> link(@Nullable String href, String text, @Nullable Number count) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", href);
        link.put("text", text);
        link.put("count", count);
        return link;
    }

    private static Map<String, Object> feed(String title, String href) {
        return Map.of("title", title, "href", href);
    }

    private String jsonLd(Map<String, Object> value) {
        try {
            // "<" only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the element.
            return json.writeValueAsString(value).replace("<", "\\u003c");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a document's JSON-LD", e);
        }
    }

    private static String title(@Nullable String preferred, @Nullable String other, String fallback) {
        return preferred != null && !preferred.isBlank()
                ? preferred
                : other != null && !other.isBlank() ? other : fallback;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String format(String mediaType) {
        return switch (mediaType) {
            case "application/pdf" -> "PDF";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "DOCX";
            case "text/html" -> "HTML";
            case "text/markdown" -> "Markdown";
            default -> mediaType.startsWith("text/") ? "Text" : mediaType;
        };
    }

    /** A size as people read it: 1.2 MB, 340 KB (decimal units, as the web app shows them). */
    static String size(long bytes, PageLanguage language) {
        NumberFormat number = NumberFormat.getNumberInstance(Locale.forLanguageTag(language.code()));
        number.setMaximumFractionDigits(1);
        String[] units = "fr".equals(language.code())
                ? new String[] {"o", "ko", "Mo", "Go"}
                : new String[] {"B", "KB", "MB", "GB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return number.format(value) + "\u00a0" + units[unit];
    }
}
