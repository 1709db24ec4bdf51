package org.alima.portal.api.landing;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.api.collections.CollectionRef;

/**
 * What a document's landing page says about it to machines: Google Scholar's {@code citation_*} tags, Dublin Core,
 * Open Graph, schema.org JSON-LD, alternate formats and FAIR Signposting links. Built once per request from the
 * document; immutable.
 *
 * @param base the portal's absolute address, without a trailing slash
 */
record DocumentHead(PublicDocument document, List<CollectionRef> collections, String base) {

    /** Types whose Scholar record is a technical report, with the institution that issued it. */
    private static final Set<String> REPORTS = Set.of("report", "guideline", "protocol", "operating_procedure");

    /** A {@code <meta>} tag: {@code name} for Scholar and Dublin Core, {@code property} for Open Graph. */
    record Meta(@Nullable String name, @Nullable String property, String content) {
        static Meta named(String name, String content) {
            return new Meta(name, null, content);
        }

        static Meta property(String property, String content) {
            return new Meta(null, property, content);
        }
    }

    /** A {@code <link>} in the head, and the same link as a Signposting {@code Link} header. */
    record Link(String rel, String href, @Nullable String type) {
        String header() {
            return "<" + href + ">; rel=\"" + rel + "\"" + (type == null ? "" : "; type=\"" + type + "\"");
        }
    }

    static String landingPath(Object id) {
        return "/documents/" + id;
    }

    String url() {
        return base + landingPath(document.id());
    }

    /** The address search engines should index: the latest version's page for a superseded version. */
    String canonical() {
        return base + landingPath(document.latestVersionId());
    }

    String title() {
        return document.title() == null ? document.file().name() : document.title();
    }

    /** The file's absolute address; null when it is not served (a withdrawn document keeps only its page). */
    @Nullable
    String fileUrl() {
        return document.isWithdrawn() ? null : base + document.file().url();
    }

    @Nullable
    String pdfUrl() {
        return "application/pdf".equals(document.file().mediaType()) ? fileUrl() : null;
    }

    @Nullable
    String doiUrl() {
        return document.doi() == null ? null : "https://doi.org/" + document.doi();
    }

    /** The first 300 characters of the abstract, cut at a word, for descriptions. */
    @Nullable
    String description() {
        String text = document.abstractText();
        if (text == null) {
            return null;
        }
        text = text.strip().replaceAll("\\s+", " ");
        if (text.length() <= 300) {
            return text;
        }
        int cut = text.lastIndexOf(' ', 297);
        return text.substring(0, cut > 200 ? cut : 297) + "…";
    }

    List<Meta> meta() {
        List<Meta> tags = new ArrayList<>();
        PublicDocument d = document;
        // Google Scholar (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing).
        tags.add(Meta.named("citation_title", title()));
        d.authors().forEach(a -> tags.add(Meta.named("citation_author", a.name())));
        if (d.publicationDate() != null) {
            tags.add(Meta.named("citation_publication_date", d.publicationDate().replace('-', '/')));
        }
        if (pdfUrl() != null) {
            tags.add(Meta.named("citation_pdf_url", pdfUrl()));
        }
        add(tags, "citation_doi", d.doi());
        add(tags, "citation_language", d.language());
        if (!d.topics().isEmpty()) {
            tags.add(Meta.named("citation_keywords", String.join("; ", d.topics())));
        }
        tags.add(Meta.named("citation_publisher", d.institution()));
        if (d.type() != null && REPORTS.contains(d.type())) {
            tags.add(Meta.named("citation_technical_report_institution", d.institution()));
        }
        tags.add(Meta.named("citation_abstract_html_url", url()));
        // Dublin Core (DCMI's "Expressing Dublin Core metadata using HTML/XHTML meta and link elements").
        tags.add(Meta.named("DC.title", title()));
        d.authors().forEach(a -> tags.add(Meta.named("DC.creator", a.name())));
        add(tags, "DC.date", d.publicationDate());
        add(tags, "DC.language", d.language());
        d.topics().forEach(t -> tags.add(Meta.named("DC.subject", t)));
        d.countries().forEach(c -> tags.add(Meta.named("DC.coverage", c)));
        add(tags, "DC.description", description());
        add(tags, "DC.type", d.type());
        tags.add(Meta.named("DC.format", d.file().mediaType()));
        tags.add(Meta.named("DC.identifier", url()));
        add(tags, "DC.identifier", doiUrl());
        add(tags, "DC.rights", d.license());
        tags.add(Meta.named("DC.publisher", d.institution()));
        // Open Graph, for links shared in messaging applications.
        tags.add(Meta.property("og:type", "article"));
        tags.add(Meta.property("og:title", title()));
        tags.add(Meta.property("og:url", canonical()));
        tags.add(Meta.property("og:site_name", d.institution()));
        if (description() != null) {
            tags.add(Meta.property("og:description", description()));
        }
        if (d.language() != null) {
            tags.add(Meta.property("og:locale", d.language()));
        }
        return tags;
    }

    private static void add(List<Meta> tags, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            tags.add(Meta.named(name, value));
        }
    }

    /** The alternate representations: the JSON of the API and each citation format. */
    List<Link> alternates() {
        List<Link> links = new ArrayList<>();
        links.add(new Link("alternate", base + "/api/documents/" + document.id(), "application/json"));
        document.citations().forEach(c -> links.add(new Link("alternate", base + c.url(), mediaType(c.mediaType()))));
        return links;
    }

    /**
     * FAIR Signposting for the landing page (https://signposting.org/FAIR/): cite-as, describedby, item, author,
     * license, type.
     */
    List<Link> signposting() {
        List<Link> links = new ArrayList<>();
        links.add(new Link("cite-as", doiUrl() != null ? doiUrl() : canonical(), null));
        links.add(new Link("describedby", base + "/api/documents/" + document.id(), "application/json"));
        document.citations().forEach(c -> links.add(new Link("describedby", base + c.url(), mediaType(c.mediaType()))));
        if (fileUrl() != null) {
            links.add(new Link("item", fileUrl(), document.file().mediaType()));
        }
        document.authors().stream()
                .filter(a -> a.orcid() != null)
                .forEach(a -> links.add(new Link("author", "https://orcid.org/" + a.orcid(), null)));
        Licences.urlOf(document.license()).ifPresent(l -> links.add(new Link("license", l, null)));
        links.add(new Link("type", "https://schema.org/" + schemaType(), null));
        links.add(new Link("type", "https://schema.org/AboutPage", null));
        return links;
    }

    /** The schema.org type of the work: a procedure is a how-to, a report a report, the rest scholarly articles. */
    String schemaType() {
        String type = document.type() == null ? "" : document.type();
        return switch (type) {
            case "operating_procedure" -> "HowTo";
            case "report", "guideline", "protocol" -> "Report";
            case "thesis" -> "Thesis";
            case "article", "study", "poster" -> "ScholarlyArticle";
            default -> "CreativeWork";
        };
    }

    /** schema.org JSON-LD, as a map for the JSON writer. */
    Map<String, Object> jsonLd() {
        PublicDocument d = document;
        Map<String, Object> work = new LinkedHashMap<>();
        work.put("@context", "https://schema.org");
        work.put("@type", schemaType());
        work.put("@id", canonical());
        work.put("url", url());
        work.put("name", title());
        if (title().length() <= 110) {
            work.put("headline", title());
        }
        if (!d.authors().isEmpty()) {
            work.put("author", d.authors().stream().map(DocumentHead::person).toList());
        }
        putIfPresent(work, "datePublished", d.publicationDate());
        putIfPresent(work, "inLanguage", d.language());
        putIfPresent(work, "abstract", d.abstractText());
        putIfPresent(work, "description", description());
        if (!d.topics().isEmpty()) {
            work.put("keywords", String.join(", ", d.topics()));
            work.put(
                    "about",
                    d.topics().stream()
                            .map(t -> Map.of("@type", "Thing", "name", t))
                            .toList());
        }
        if (!d.countries().isEmpty()) {
            work.put(
                    "spatialCoverage",
                    d.countries().stream()
                            .map(c -> Map.of("@type", "Country", "identifier", c, "url", base + "/countries/" + c))
                            .toList());
        }
        putIfPresent(work, "license", Licences.urlOf(d.license()).orElse(d.license()));
        putIfPresent(work, "sameAs", doiUrl());
        if (doiUrl() != null) {
            work.put("identifier", Map.of("@type", "PropertyValue", "propertyID", "DOI", "value", d.doi()));
        }
        work.put("publisher", Map.of("@type", "Organization", "name", d.institution()));
        work.put("version", d.version());
        if (!collections.isEmpty()) {
            work.put(
                    "isPartOf",
                    collections.stream()
                            .map(c -> Map.of(
                                    "@type",
                                    "Collection",
                                    "name",
                                    collectionName(c),
                                    "url",
                                    base + "/collections/" + c.slug()))
                            .toList());
        }
        if (fileUrl() != null) {
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("@type", "MediaObject");
            media.put("contentUrl", fileUrl());
            media.put("encodingFormat", d.file().mediaType());
            media.put("contentSize", d.file().sizeBytes() + " B");
            work.put("encoding", media);
        }
        if (d.publishedAt() != null) {
            work.put(
                    "dateCreated",
                    LocalDate.ofInstant(d.publishedAt(), java.time.ZoneOffset.UTC)
                            .toString());
        }
        work.put("dateModified", d.updatedAt().toString());
        return work;
    }

    private static Map<String, Object> person(PublicDocument.Author author) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("@type", "Person");
        person.put("name", author.name());
        if (author.orcid() != null) {
            person.put("sameAs", "https://orcid.org/" + author.orcid());
        }
        return person;
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    static String collectionName(CollectionRef collection) {
        String fr = collection.title().fr();
        String en = collection.title().en();
        return fr != null ? fr : en != null ? en : collection.slug();
    }

    /** A media type without its parameters, as {@code type=} in a link wants it. */
    private static String mediaType(String withParameters) {
        int semicolon = withParameters.indexOf(';');
        return semicolon < 0
                ? withParameters
                : withParameters.substring(0, semicolon).strip();
    }
}
