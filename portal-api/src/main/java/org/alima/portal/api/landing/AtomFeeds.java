package org.alima.portal.api.landing;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The one writer of the portal's Atom feeds, public and private alike: an entry per document (title, summary,
 * authors, landing page and file links, updated), written by Rome. Stateless and thread-safe.
 */
@Singleton
public final class AtomFeeds {

    public static final MediaType ATOM = MediaType.of("application/atom+xml; charset=utf-8");

    /**
     * The feed of {@code found}, in the order given.
     *
     * @param base the portal's address without a trailing slash ({@link SiteAddress#base})
     * @param self the feed's own path, from /
     * @param page the path of the HTML page the feed follows, from /
     */
    public String write(String base, String self, String title, String page, List<PublicDocument> found) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setUri(base + self);
        feed.setTitle(title + " · Evidence portal");
        feed.setLinks(List.of(
                link("self", base + self, "application/atom+xml"), link("alternate", base + page, "text/html")));
        feed.setPublishedDate(Date.from(found.stream()
                .map(PublicDocument::updatedAt)
                .max(Comparator.naturalOrder())
                .orElse(Instant.EPOCH)));
        SyndPerson publisher = new SyndPersonImpl();
        publisher.setName(found.isEmpty() ? "Evidence portal" : found.get(0).institution());
        feed.setAuthors(List.of(publisher));
        feed.setEntries(found.stream().map(d -> entry(base, d)).toList());
        try {
            return new SyndFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("Cannot write the Atom feed " + self, e);
        }
    }

    /** The path of a document's landing page, from /, as the feeds and the e-mail digests link to it. */
    public static String landingPath(UUID id) {
        return DocumentHead.landingPath(id);
    }

    private static SyndEntry entry(String base, PublicDocument d) {
        SyndEntry entry = new SyndEntryImpl();
        String landing = base + DocumentHead.landingPath(d.id());
        entry.setUri(landing);
        entry.setTitle(d.title() == null ? d.file().name() : d.title());
        List<SyndLink> links = new ArrayList<>();
        links.add(link("alternate", landing, "text/html"));
        SyndLink file = link("enclosure", base + d.file().url(), d.file().mediaType());
        file.setLength(d.file().sizeBytes());
        links.add(file);
        entry.setLinks(links);
        entry.setAuthors(d.authors().stream()
                .map(a -> {
                    SyndPerson person = new SyndPersonImpl();
                    person.setName(a.name());
                    if (a.orcid() != null) {
                        person.setUri("https://orcid.org/" + a.orcid());
                    }
                    return person;
                })
                .toList());
        if (d.abstractText() != null) {
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(d.abstractText());
            entry.setDescription(summary);
        }
        entry.setUpdatedDate(Date.from(d.updatedAt()));
        if (d.publishedAt() != null) {
            entry.setPublishedDate(Date.from(d.publishedAt()));
        }
        return entry;
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }
}
