package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.alima.portal.api.search.PageViews;

/**
 * Writes the light page view: one small HTML page, no script, its style inline (one request on a slow link), its texts
 * in French or English from {@code page-view*.properties}. Written by hand rather than with a template engine: it is
 * one fixed page of a dozen values, each escaped here ({@link #escape}) but the page text, which search escaped.
 * Immutable; thread-safe.
 */
final class PageViewHtml {

    /** The languages the view is written in; the first is the default. */
    static final String FRENCH = "fr";

    static final String ENGLISH = "en";

    private static final String STYLE = resource("page-view.css");

    /** The answer's Content-Security-Policy: nothing but its own inline style, its links and nothing framing it. */
    static final String POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, Properties> TEXTS =
            Map.of(ENGLISH, texts("page-view.properties"), FRENCH, texts("page-view_fr.properties"));

    private final String language;
    private final Locale locale;
    private final Properties texts;

    PageViewHtml(String language) {
        this.language = ENGLISH.equals(language) ? ENGLISH : FRENCH;
        this.locale = Locale.forLanguageTag(this.language);
        this.texts = TEXTS.get(this.language);
    }

    String language() {
        return language;
    }

    /** The page view of one page. */
    String page(PageResponse page, @Nullable String q) {
        String title = page.title() == null || page.title().isBlank() ? text("untitled") : page.title();
        String docLang = page.language() == null ? "" : " lang=\"" + escape(page.language()) + "\"";
        StringBuilder body = new StringBuilder(page.text().length() + 2048);
        body.append("<h1").append(docLang).append('>').append(escape(title)).append("</h1>\n");
        body.append("<p class=\"where\">")
                .append(text("where", page.page(), page.pageCount()))
                .append("</p>\n");
        if (page.reviewOverdueSince() != null) {
            body.append("<p class=\"banner\" role=\"note\">")
                    .append(escape(text("overdue", date(page.reviewOverdueSince()))))
                    .append("</p>\n");
        }
        if (page.ocr() != null) {
            body.append("<p id=\"ocr\" class=\"where\">")
                    .append(escape(text("ocr", page.ocr().percent())))
                    .append("</p>\n");
        }
        String pager = pager(page, q);
        body.append(pager);
        if (q != null && !q.isBlank()) {
            body.append("<p class=\"where\">")
                    .append(escape(text("marked", page.marks(), shortened(q.strip()))))
                    .append("</p>\n");
        }
        body.append("<div id=\"text\" class=\"text\"").append(docLang).append('>');
        body.append(page.text().isEmpty() ? "<span class=\"none\">" + escape(text("empty")) + "</span>" : page.text());
        body.append("</div>\n");
        body.append(pager);
        body.append("<h2>").append(escape(text("get"))).append("</h2>\n<ul class=\"get\">\n");
        if (page.pdf() != null) {
            body.append("<li><a href=\"")
                    .append(escape(page.pdf().url()))
                    .append("\" type=\"application/pdf\">")
                    .append(escape(text("pagePdf", size(page.pdf().sizeBytes()))))
                    .append("</a></li>\n");
        }
        body.append("<li><a href=\"")
                .append(escape(page.file().url()))
                .append("\" download>")
                .append(escape(text(
                        "wholeFile",
                        format(page.file().mediaType()),
                        size(page.file().sizeBytes()))))
                .append("</a></li>\n");
        body.append("<li><a href=\"/documents/")
                .append(escape(page.id()))
                .append("\">")
                .append(escape(text("document")))
                .append("</a></li>\n</ul>\n");
        String other = ENGLISH.equals(language) ? FRENCH : ENGLISH;
        String switchTo = page.view() + (page.view().contains("?") ? "&" : "?") + "lang=" + other;
        return document(text("title", title, page.page(), page.pageCount()), body.toString(), switchTo, other);
    }

    /** A page in place of the view when there is none to show: what happened and where to go on. */
    String problem(String heading, String detail, @Nullable String linkText, @Nullable String link) {
        StringBuilder body = new StringBuilder(512);
        body.append("<h1>")
                .append(escape(heading))
                .append("</h1>\n<p>")
                .append(escape(detail))
                .append("</p>\n");
        if (link != null) {
            body.append("<p><a href=\"")
                    .append(escape(link))
                    .append("\">")
                    .append(escape(linkText))
                    .append("</a></p>\n");
        }
        body.append("<p><a href=\"/\">").append(escape(text("home"))).append("</a></p>\n");
        return document(heading, body.toString(), null, null);
    }

    /** A text of the view's language, its arguments put in by {@link MessageFormat}. */
    String text(String key, Object... arguments) {
        String pattern = texts.getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no page-view text " + key + " in " + language);
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    private String document(String title, String body, @Nullable String switchTo, @Nullable String other) {
        StringBuilder html = new StringBuilder(body.length() + 2048);
        html.append("<!doctype html>\n<html lang=\"")
                .append(language)
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<header><a href=\"/\">")
                .append(escape(text("portal")))
                .append("</a>");
        if (switchTo != null) {
            html.append("<a href=\"")
                    .append(escape(switchTo))
                    .append("\" lang=\"")
                    .append(other)
                    .append("\" hreflang=\"")
                    .append(other)
                    .append("\">")
                    .append(escape(TEXTS.get(language).getProperty("otherLanguage")))
                    .append("</a>");
        }
        html.append("</header>\n<main>\n").append(body).append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private String pager(PageResponse page, @Nullable String q) {
        if (page.previous() == null && page.next() == null) {
            return "";
        }
        StringBuilder nav = new StringBuilder("<nav class=\"pages\" aria-label=\"")
                .append(escape(text("pages")))
                .append("\">");
        if (page.previous() != null) {
            nav.append("<a rel=\"prev\" href=\"")
                    .append(escape(withLanguage(PageViews.path(page.id(), page.previous(), q))))
                    .append("\">← ")
                    .append(escape(text("previous", page.previous())))
                    .append("</a>");
        }
        if (page.next() != null) {
            nav.append("<a rel=\"next\" href=\"")
                    .append(escape(withLanguage(PageViews.path(page.id(), page.next(), q))))
                    .append("\">")
                    .append(escape(text("next", page.next())))
                    .append(" →</a>");
        }
        return nav.append("</nav>\n").toString();
    }

    /** A link that keeps the view's language, chosen by its reader. */
    private String withLanguage(String path) {
        return path + (path.contains("?") ? "&" : "?") + "lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8);
    }

    private String date(String iso) {
        return LocalDate.parse(iso).format(DateTimeFormatter.ofPattern(text("datePattern"), locale));
    }

    /** A size as the web pages show it: bytes, kilobytes or megabytes (powers of 1,000), one decimal at most. */
    String size(long bytes) {
        NumberFormat number = NumberFormat.getNumberInstance(locale);
        number.setMaximumFractionDigits(1);
        if (bytes >= 1_000_000) {
            return text("megabytes", number.format(bytes / 1e6));
        }
        if (bytes >= 1_000) {
            return text("kilobytes", number.format(bytes / 1e3));
        }
        return text("bytes", number.format(bytes));
    }

    /** A file's format as a reader names it: PDF, DOCX, HTML… */
    private static String format(String mediaType) {
        String type = mediaType.replaceFirst(";.*", "").strip();
        return switch (type) {
            case "application/pdf" -> "PDF";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "DOCX";
            case "text/html" -> "HTML";
            case "text/markdown" -> "Markdown";
            default -> "text/plain".equals(type) ? "TXT" : type;
        };
    }

    /** A query as quoted in a sentence: long ones cut at a word, with an ellipsis. */
    private static String shortened(String q) {
        if (q.length() <= 80) {
            return q;
        }
        int cut = q.lastIndexOf(' ', 80);
        return q.substring(0, cut > 40 ? cut : 80) + "…";
    }

    /** Text as HTML text or attribute value. */
    static String escape(String text) {
        StringBuilder html = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        return html.toString();
    }

    private static String resource(String name) {
        try (InputStream in = PageViewHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing beside " + PageViewHtml.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    private static Properties texts(String name) {
        Properties texts = new Properties();
        try (InputStream in = PageViewHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing beside " + PageViewHtml.class.getName());
            }
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
