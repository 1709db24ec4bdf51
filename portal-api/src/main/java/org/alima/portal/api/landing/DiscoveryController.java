package org.alima.portal.api.landing;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionResponse;
import org.alima.portal.api.collections.Curation;
import org.alima.portal.api.system.NotFoundException;

/**
 * What crawlers and browsers read to find their way: {@code /sitemap.xml} (a sitemap index with numbered parts beyond
 * {@code portal.sitemap.max-urls} addresses, 50,000 as the protocol allows), {@code /robots.txt} and the OpenSearch
 * description. Thread-safe.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
class DiscoveryController {

    private static final String SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";
    static final MediaType XML = MediaType.of("application/xml; charset=utf-8");

    private final PublishedDocuments documents;
    private final Curation collections;
    private final SiteAddress site;
    private final int maxUrls;

    DiscoveryController(
            PublishedDocuments documents,
            Curation collections,
            SiteAddress site,
            @Value("${portal.sitemap.max-urls:50000}") int maxUrls) {
        if (maxUrls < 10 || maxUrls > 50_000) {
            throw new IllegalArgumentException(
                    "portal.sitemap.max-urls must be between 10 and 50000 (the protocol's limit), not " + maxUrls);
        }
        this.documents = documents;
        this.collections = collections;
        this.site = site;
        this.maxUrls = maxUrls;
    }

    /** Every public page: a list of addresses, or beyond {@code maxUrls} an index of numbered parts. */
    @Get(value = "/sitemap.xml", produces = "application/xml")
    HttpResponse<String> sitemap(HttpRequest<?> request) {
        String base = site.base(request);
        List<Url> pages = browsingPages(base);
        long published = documents.countPublished();
        if (pages.size() + published <= maxUrls) {
            List<Url> all = new ArrayList<>(pages);
            documents.sitemap(0, maxUrls).forEach(e -> all.add(documentUrl(base, e)));
            return xml(urlset(all));
        }
        long parts = (published + maxUrls - 1) / maxUrls;
        return xml(write(xml -> {
            xml.writeStartElement("sitemapindex");
            xml.writeDefaultNamespace(SITEMAPS);
            sitemapRef(xml, base + "/sitemaps/pages.xml");
            for (long part = 1; part <= parts; part++) {
                sitemapRef(xml, base + "/sitemaps/documents-" + part + ".xml");
            }
            xml.writeEndElement();
        }));
    }

    /** The pages to browse by: home, collections, topics, countries. */
    @Get(value = "/sitemaps/pages.xml", produces = "application/xml")
    HttpResponse<String> pages(HttpRequest<?> request) {
        return xml(urlset(browsingPages(site.base(request))));
    }

    /** The {@code part}-th block of {@code maxUrls} published documents, counted from 1. */
    @Get(value = "/sitemaps/documents-{part}.xml", produces = "application/xml")
    HttpResponse<String> documentsPart(HttpRequest<?> request, @PathVariable long part) {
        if (part < 1 || (part - 1) * maxUrls >= Math.max(1, documents.countPublished())) {
            throw new NotFoundException("No sitemap part " + part + "; /sitemap.xml lists the parts there are.");
        }
        String base = site.base(request);
        return xml(urlset(documents.sitemap((part - 1) * maxUrls, maxUrls).stream()
                .map(e -> documentUrl(base, e))
                .toList()));
    }

    @Get(value = "/robots.txt", produces = MediaType.TEXT_PLAIN)
    HttpResponse<String> robots(HttpRequest<?> request) {
        // The files stay open to crawlers: Google Scholar reads the PDF that citation_pdf_url names.
        String robots = """
                User-agent: *
                Allow: /api/documents/*/file
                Disallow: /api/
                Disallow: /?q=
                Disallow: /*?q=
                Disallow: /feeds/search
                Disallow: /oauth/
                Disallow: /swagger-ui/

                Sitemap:\s""" + site.base(request) + "/sitemap.xml\n";
        return HttpResponse.ok(robots).contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    /** The OpenSearch description, so that a browser can add the portal's search (linked from every page). */
    @Get(value = "/opensearch.xml", produces = "application/opensearchdescription+xml")
    HttpResponse<String> openSearch(HttpRequest<?> request) {
        String base = site.base(request);
        String body = write(xml -> {
            xml.writeStartElement("OpenSearchDescription");
            xml.writeDefaultNamespace(OPENSEARCH);
            element(xml, "ShortName", "Evidence portal");
            element(xml, "Description", "Studies and operating procedures, in French and English");
            element(xml, "InputEncoding", "UTF-8");
            xml.writeStartElement("Image");
            xml.writeAttribute("type", "image/svg+xml");
            xml.writeCharacters(base + "/favicon.svg");
            xml.writeEndElement();
            searchUrl(xml, "text/html", base + "/?q={searchTerms}");
            searchUrl(xml, "application/atom+xml", base + "/feeds/search?q={searchTerms}");
            xml.writeEndElement();
        });
        return HttpResponse.ok(body).contentType(MediaType.of("application/opensearchdescription+xml; charset=utf-8"));
    }

    private List<Url> browsingPages(String base) {
        List<Url> pages = new ArrayList<>();
        pages.add(new Url(base + "/", null));
        pages.add(new Url(base + "/collections", null));
        for (CollectionResponse c : collections.list(Viewer.ANONYMOUS, false)) {
            pages.add(new Url(base + "/collections/" + LandingController.encode(c.slug()), c.updatedAt()));
        }
        pages.add(new Url(base + "/topics", null));
        documents
                .topics()
                .forEach(t -> pages.add(new Url(base + "/topics/" + LandingController.encode(t.value()), null)));
        pages.add(new Url(base + "/countries", null));
        documents.countries().forEach(c -> pages.add(new Url(base + "/countries/" + c.value(), null)));
        return pages;
    }

    private static Url documentUrl(String base, PublishedDocuments.SitemapEntry entry) {
        return new Url(base + DocumentHead.landingPath(entry.id()), entry.updatedAt());
    }

    private static String urlset(List<Url> urls) {
        return write(xml -> {
            xml.writeStartElement("urlset");
            xml.writeDefaultNamespace(SITEMAPS);
            for (Url url : urls) {
                xml.writeStartElement("url");
                element(xml, "loc", url.loc());
                if (url.lastmod() != null) {
                    element(xml, "lastmod", url.lastmod().toString());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    private static void sitemapRef(XMLStreamWriter xml, String loc) throws XMLStreamException {
        xml.writeStartElement("sitemap");
        element(xml, "loc", loc);
        element(
                xml,
                "lastmod",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        xml.writeEndElement();
    }

    private static void searchUrl(XMLStreamWriter xml, String type, String template) throws XMLStreamException {
        xml.writeEmptyElement("Url");
        xml.writeAttribute("type", type);
        xml.writeAttribute("template", template);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    /** XML written by the JDK's writer, which escapes text and attributes. */
    private static String write(XmlBody body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write XML to a string", e);
        }
        return out.toString();
    }

    private static HttpResponse<String> xml(String body) {
        return HttpResponse.ok(body).contentType(XML).header(HttpHeaders.CACHE_CONTROL, "max-age=3600");
    }

    @FunctionalInterface
    private interface XmlBody {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private record Url(
            String loc,
            @io.micronaut.core.annotation.Nullable Instant lastmod) {}
}
