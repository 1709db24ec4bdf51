package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alima.portal.api.landing.SiteAddress;

/**
 * Writes a document's citation in BibTeX, RIS or CSL-JSON, with the address of its permanent public page once it is
 * public; stateless and thread-safe.
 *
 * <p>Only the portal's own mapping is written here (which document type becomes which entry type, which field goes
 * where); escaping follows each format's rules: BibTeX specials are backslash-escaped, RIS values are kept to one line,
 * CSL-JSON is written by the JSON serialiser.
 */
@Singleton
final class Citation {

    /** Who publishes the documents, as citations and the public pages name it. */
    static final String INSTITUTION = "Alima evidence portal";

    private final JsonMapper json;
    private final SiteAddress site;

    Citation(JsonMapper json, SiteAddress site) {
        this.json = json;
        this.site = site;
    }

    /**
     * The address a citation of {@code document} carries: its public page, or null while it is not public (a draft's
     * page is not one a reader can open).
     */
    @Nullable
    String permanentAddress(HttpRequest<?> request, Document document) {
        return document.status().isPublic() ? site.ofDocument(request, document.id()) : null;
    }

    /** The citation of {@code document} in {@code format}, naming {@code url} (left out when null). */
    String write(Document document, CitationFormat format, @Nullable String url) {
        return switch (format) {
            case BIBTEX -> bibtex(document, url);
            case RIS -> ris(document, url);
            case CSL_JSON -> cslJson(document, url);
        };
    }

    private static String bibtex(Document document, @Nullable String url) {
        DocumentMetadata m = document.metadata();
        String entry = switch (type(m)) {
            case ARTICLE -> "article";
            case REPORT, GUIDELINE, OPERATING_PROCEDURE, PROTOCOL -> "techreport";
            case THESIS -> "phdthesis";
            case STUDY, POSTER -> "misc";
        };
        StringBuilder out = new StringBuilder("@").append(entry).append('{').append(citationKey(document));
        field(out, "title", m.title() == null ? null : "{" + bibtexEscape(m.title()) + "}");
        List<String> names =
                m.authorList().stream().map(a -> bibtexEscape(a.name())).toList();
        field(out, "author", names.isEmpty() ? null : String.join(" and ", names));
        LocalDate date = m.publicationLocalDate();
        field(out, "year", date == null ? null : String.valueOf(date.getYear()));
        field(out, "month", date == null ? null : String.valueOf(date.getMonthValue()));
        field(out, "abstract", m.abstractText() == null ? null : bibtexEscape(m.abstractText()));
        field(out, "keywords", m.topicList().isEmpty() ? null : bibtexEscape(String.join(", ", m.topicList())));
        field(out, "doi", m.doi() == null ? null : bibtexEscape(m.doi()));
        // biblatex's url field, which BibTeX's standard styles print through howpublished in @misc.
        field(out, "url", url);
        if (entry.equals("misc")) {
            field(out, "howpublished", url == null ? null : "\\url{" + url + "}");
        }
        field(out, "language", m.language());
        if (entry.equals("techreport")) {
            field(out, "type", bibtexEscape(type(m).wireName().replace('_', ' ')));
            field(out, "institution", "{" + INSTITUTION + "}");
        }
        field(out, "note", m.license() == null ? null : "License: " + bibtexEscape(m.license()));
        return out.append("\n}\n").toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.append(",\n  ").append(name).append(" = {").append(value).append('}');
        }
    }

    /**
     * Escapes the characters that BibTeX reads as syntax; non-ASCII letters stay as they are, since biber and modern
     * BibTeX read UTF-8.
     */
    static String bibtexEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : oneLine(value).toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '{', '}', '#', '$', '%', '&', '_' -> out.append('\\').append(c);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A key made of the first author's family name and the year, then the id's start to keep keys unique. */
    private static String citationKey(Document document) {
        DocumentMetadata m = document.metadata();
        String family = m.authorList().isEmpty()
                ? "portal"
                : familyName(m.authorList().get(0).name());
        String ascii = java.text.Normalizer.normalize(family, java.text.Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z0-9]", "")
                .toLowerCase(Locale.ROOT);
        LocalDate date = m.publicationLocalDate();
        return (ascii.isEmpty() ? "portal" : ascii)
                + (date == null ? "" : String.valueOf(date.getYear()))
                + "_" + document.id().toString().substring(0, 8);
    }

    private static String ris(Document document, @Nullable String url) {
        DocumentMetadata m = document.metadata();
        String type = switch (type(m)) {
            case ARTICLE -> "JOUR";
            case REPORT -> "RPRT";
            case THESIS -> "THES";
            case GUIDELINE, OPERATING_PROCEDURE, PROTOCOL -> "STAND";
            case POSTER -> "CONF";
            case STUDY -> "GEN";
        };
        StringBuilder out = new StringBuilder();
        risLine(out, "TY", type);
        risLine(out, "TI", m.title());
        for (Author author : m.authorList()) {
            risLine(out, "AU", author.name());
        }
        LocalDate date = m.publicationLocalDate();
        if (date != null) {
            risLine(out, "PY", String.valueOf(date.getYear()));
            risLine(
                    out,
                    "DA",
                    String.format(
                            Locale.ROOT, "%04d/%02d/%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
        }
        risLine(out, "AB", m.abstractText());
        for (String topic : m.topicList()) {
            risLine(out, "KW", topic);
        }
        risLine(out, "DO", m.doi());
        risLine(out, "UR", url);
        risLine(out, "LA", m.language());
        risLine(out, "ID", document.id().toString());
        risLine(out, "ER", "");
        return out.toString();
    }

    /** RIS is line-based: a value keeps to its line, whatever breaks it carried. */
    private static void risLine(StringBuilder out, String tag, String value) {
        if (value == null) {
            return;
        }
        out.append(tag).append("  - ").append(oneLine(value)).append("\r\n");
    }

    private String cslJson(Document document, @Nullable String url) {
        DocumentMetadata m = document.metadata();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", document.id().toString());
        item.put(
                "type",
                switch (type(m)) {
                    case ARTICLE -> "article-journal";
                    case REPORT -> "report";
                    case THESIS -> "thesis";
                    case GUIDELINE, OPERATING_PROCEDURE -> "standard";
                    case POSTER -> "speech";
                    case STUDY, PROTOCOL -> "document";
                });
        if (type(m) == DocumentType.POSTER) {
            item.put("genre", "Poster");
        }
        putIfPresent(item, "title", m.title());
        List<Map<String, String>> authors = new ArrayList<>();
        for (Author author : m.authorList()) {
            authors.add(cslName(author.name()));
        }
        if (!authors.isEmpty()) {
            item.put("author", authors);
        }
        LocalDate date = m.publicationLocalDate();
        if (date != null) {
            item.put(
                    "issued",
                    Map.of("date-parts", List.of(List.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))));
        }
        putIfPresent(item, "abstract", m.abstractText());
        putIfPresent(item, "DOI", m.doi());
        putIfPresent(item, "URL", url);
        putIfPresent(item, "language", m.language());
        putIfPresent(item, "license", m.license());
        if (!m.topicList().isEmpty()) {
            item.put("keyword", String.join(", ", m.topicList()));
        }
        try {
            return json.writeValueAsString(List.of(item));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the CSL-JSON citation of " + document.id(), e);
        }
    }

    /** "Family, Given" or "Given Family" become CSL's parts; a name without parts (an organisation) stays literal. */
    private static Map<String, String> cslName(String name) {
        int comma = name.indexOf(',');
        if (comma > 0) {
            return Map.of(
                    "family",
                    name.substring(0, comma).strip(),
                    "given",
                    name.substring(comma + 1).strip());
        }
        int space = name.lastIndexOf(' ');
        if (space > 0 && name.strip().split("\\s+").length <= 4) {
            return Map.of(
                    "family",
                    name.substring(space + 1).strip(),
                    "given",
                    name.substring(0, space).strip());
        }
        return Map.of("literal", name);
    }

    private static String familyName(String name) {
        Map<String, String> parts = cslName(name);
        return parts.getOrDefault("family", parts.get("literal"));
    }

    private static void putIfPresent(Map<String, Object> item, String key, String value) {
        if (value != null) {
            item.put(key, value);
        }
    }

    private static DocumentType type(DocumentMetadata m) {
        return m.type() == null ? DocumentType.STUDY : DocumentType.fromWireName(m.type());
    }

    private static String oneLine(String value) {
        return value.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
