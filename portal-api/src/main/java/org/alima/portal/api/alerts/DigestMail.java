package org.alima.portal.api.alerts;

import java.text.MessageFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.alima.portal.api.landing.AtomFeeds;
import org.alima.portal.api.landing.PublicDocument;

/**
 * The text of one digest, in the search's language (French or English, from {@code digests.properties} beside this
 * class): each new document's title, authors, publication date and landing page. Plain text: light on slow links,
 * read by every client. Immutable.
 */
record DigestMail(String subject, String text) {

    private static final String BUNDLE = "org.alima.portal.api.alerts.digests";

    static DigestMail of(SavedSearch search, String recipientName, String base, List<PublicDocument> documents) {
        Locale locale = Locale.forLanguageTag(search.language());
        ResourceBundle texts = ResourceBundle.getBundle(
                BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        DateTimeFormatter dates =
                DateTimeFormatter.ofPattern("d MMMM uuuu", locale).withZone(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder();
        text.append(format(texts, "greeting", locale, recipientName)).append("\n\n");
        text.append(format(texts, "intro", locale, search.name())).append("\n\n");
        for (PublicDocument document : documents) {
            text.append("* ")
                    .append(document.title() == null ? document.file().name() : document.title())
                    .append('\n');
            if (!document.authors().isEmpty()) {
                text.append("  ")
                        .append(String.join(
                                "; ",
                                document.authors().stream()
                                        .map(PublicDocument.Author::name)
                                        .toList()))
                        .append('\n');
            }
            if (document.publishedAt() != null) {
                text.append("  ")
                        .append(format(texts, "published", locale, dates.format(document.publishedAt())))
                        .append('\n');
            }
            text.append("  ")
                    .append(base)
                    .append(AtomFeeds.landingPath(document.id()))
                    .append("\n\n");
        }
        text.append(format(texts, "search", locale, base + "/#/search?" + SavedSearchController.searchQuery(search)))
                .append('\n');
        text.append(format(texts, "feed", locale, base + PrivateFeedController.path(search.feedToken())))
                .append("\n\n");
        text.append("-- \n")
                .append(format(texts, "manage", locale, manageUrl(base)))
                .append('\n');
        return new DigestMail(format(texts, "subject", locale, documents.size(), search.name()), text.toString());
    }

    /** Where the owner changes or stops the digest: the account page. */
    static String manageUrl(String base) {
        return base + "/#/account";
    }

    private static String format(ResourceBundle texts, String key, Locale locale, Object... arguments) {
        return new MessageFormat(texts.getString(key), locale).format(arguments);
    }
}
