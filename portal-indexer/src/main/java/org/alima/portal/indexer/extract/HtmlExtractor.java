package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Extracts HTML files with jsoup; stateless and thread-safe.
 *
 * <p>A page is a section starting at an {@code h1} or {@code h2} heading; content before the first one is page 1. The
 * text is the body's, without {@code script}, {@code style}, {@code noscript}, {@code template}, {@code nav}, {@code
 * header} and {@code footer}: those hold code or site chrome repeated on every page of a site, not the document. Block
 * elements end lines, table cells are separated by tabs, {@code pre} keeps its whitespace.
 *
 * <p>Metadata comes from the head: the title from {@code citation_title} or {@code dc.title}, else {@code <title>},
 * else the first {@code h1}; authors, keywords, description, DOI and dates from the {@code meta} tags that scholarly
 * publishers and Dublin Core use ({@code author}, {@code citation_author}, {@code dc.creator}, {@code keywords},
 * {@code description}, {@code citation_doi}, {@code citation_publication_date}, ...). The {@code lang} attribute of
 * {@code <html>} is used only when the text is too short to tell its language.
 */
final class HtmlExtractor {

    private static final Set<String> DROPPED =
            Set.of("script", "style", "noscript", "template", "nav", "header", "footer", "head");

    private HtmlExtractor() {}

    static ExtractionResult extract(Path file, PageAssembler pages, Deadline deadline) throws IOException {
        // markup takes more room than its text, so read a few times the character cap
        TextDecoder.Decoded decoded = TextDecoder.read(file, pages.maxCharacters() * 4);
        Document html = Jsoup.parse(decoded.text());
        deadline.check("HTML parsing");
        MetadataBuilder metadata = metadata(html);
        PageWriter writer = new PageWriter(pages, deadline);
        NodeTraversor.filter(new TextWalker(writer), html.body());
        writer.finish();
        if (decoded.truncated()) {
            pages.markTruncated();
        }
        return pages.result(Format.HTML.mediaType(), metadata);
    }

    private static MetadataBuilder metadata(Document html) {
        Map<String, List<String>> meta = new LinkedHashMap<>();
        for (Element m : html.select("meta[content]")) {
            String key = m.hasAttr("name") ? m.attr("name") : m.attr("property");
            if (!key.isBlank()) {
                meta.computeIfAbsent(key.strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(m.attr("content"));
            }
        }
        MetadataBuilder b = new MetadataBuilder();
        b.title(first(meta, "citation_title")).title(first(meta, "dc.title")).title(html.title());
        Element h1 = html.body() == null ? null : html.body().selectFirst("h1");
        if (h1 != null) {
            b.title(h1.text());
        }
        b.title(first(meta, "og:title"));
        b.authors(all(meta, "citation_author"))
                .authors(all(meta, "dc.creator"))
                .authors(all(meta, "dcterms.creator"))
                .authors(all(meta, "author"));
        b.keywords(all(meta, "citation_keywords"))
                .keywords(all(meta, "keywords"))
                .keywords(all(meta, "dc.subject"));
        b.subject(first(meta, "description"))
                .subject(first(meta, "dc.description"))
                .subject(first(meta, "dcterms.abstract"))
                .subject(first(meta, "og:description"));
        b.doi(first(meta, "citation_doi"))
                .doi(first(meta, "dc.identifier"))
                .doi(first(meta, "prism.doi"))
                .doi(first(meta, "doi"));
        for (String key : List.of(
                "citation_publication_date",
                "citation_date",
                "dc.date",
                "dcterms.created",
                "dcterms.issued",
                "article:published_time")) {
            b.created(MetadataBuilder.parseDate(first(meta, key)));
        }
        for (String key : List.of("dcterms.modified", "article:modified_time", "last-modified")) {
            b.modified(MetadataBuilder.parseDate(first(meta, key)));
        }
        Element root = html.selectFirst("html");
        if (root != null) {
            b.languageFallback(root.attr("lang"));
        }
        return b;
    }

    private static String first(Map<String, List<String>> meta, String key) {
        List<String> values = meta.get(key);
        return values == null ? null : values.get(0);
    }

    private static List<String> all(Map<String, List<String>> meta, String key) {
        return meta.get(key);
    }

    /** Writes the visible text of the body in document order, starting a section at each h1 and h2. */
    private static final class TextWalker implements NodeFilter {
        private final PageWriter writer;
        private int preDepth;

        TextWalker(PageWriter writer) {
            this.writer = writer;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (writer.stopped()) {
                return FilterResult.STOP;
            }
            if (node instanceof TextNode text) {
                if (preDepth > 0) {
                    writer.append(text.getWholeText());
                } else {
                    appendCollapsed(text.getWholeText());
                }
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (DROPPED.contains(name)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                switch (name) {
                    case "h1", "h2" -> {
                        writer.breakPage();
                        writer.endLine();
                    }
                    case "br" -> writer.endLine();
                    case "td", "th" -> {
                        // cells of a row stay on one line, separated by tabs at their ends
                    }
                    case "pre" -> {
                        writer.endLine();
                        preDepth++;
                    }
                    default -> {
                        if (element.isBlock()) {
                            writer.endLine();
                        }
                    }
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element) {
                switch (element.normalName()) {
                    case "td", "th" -> writer.separate('\t');
                    case "tr" -> writer.separate('\n');
                    case "pre" -> {
                        preDepth--;
                        writer.endLine();
                    }
                    case "br" -> {
                        // handled at its head
                    }
                    default -> {
                        if (element.isBlock()) {
                            writer.endLine();
                        }
                    }
                }
            }
            return writer.stopped() ? FilterResult.STOP : FilterResult.CONTINUE;
        }

        /** Appends text with runs of whitespace folded into one space, as a browser shows it. */
        private void appendCollapsed(String text) {
            StringBuilder out = new StringBuilder(text.length());
            boolean blank = writer.endsWithBlank();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    if (!blank) {
                        out.append(' ');
                        blank = true;
                    }
                } else {
                    out.append(c);
                    blank = false;
                }
            }
            writer.append(out);
        }
    }
}
