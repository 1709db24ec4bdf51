package org.alima.portal.api.landing;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the public pages, feeds and sitemap read of the documents: the port through which this package asks the
 * documents feature, which owns their table. Implementations are thread-safe.
 */
public interface PublishedDocuments {

    /** The document with this id, whatever its status: the caller decides what an anonymous reader may see. */
    Optional<PublicDocument> find(UUID id);

    /**
     * The other language versions of the document's work that anyone may read (published, the newest version of each
     * work), by language; empty when it has none.
     */
    List<LanguageVersion> translations(UUID id);

    /** Another language version of a work: the page to link with {@code hreflang}. */
    record LanguageVersion(
            UUID id, String language, @Nullable String title) {}

    /**
     * Published documents that pass {@code selection}, the most recently published first; superseded versions left
     * out (a reader wants the latest).
     */
    List<PublicDocument> latest(Selection selection, int limit);

    /** The published documents among {@code ids}, in the order given. */
    List<PublicDocument> published(List<UUID> ids);

    /** How many published documents there are, each version counted: every one has a page in the sitemap. */
    long countPublished();

    /** Published documents by id, {@code limit} from {@code offset}, for the sitemap: a stable order. */
    List<SitemapEntry> sitemap(long offset, int limit);

    /** The topics of published documents with how many documents carry each, most used first. */
    List<Term> topics();

    /** The countries (ISO 3166-1 alpha-2) of published documents with how many documents carry each. */
    List<Term> countries();

    /**
     * Which published documents a list shows; a null field does not filter.
     *
     * @param topic exactly as given on the documents
     * @param country ISO 3166-1 alpha-2, upper case
     */
    record Selection(
            @Nullable String type,
            @Nullable String topic,
            @Nullable String country) {
        public static final Selection ALL = new Selection(null, null, null);
    }

    /** A published document's address and last change. */
    record SitemapEntry(UUID id, Instant updatedAt) {}

    /** A topic or a country, and the number of published documents that carry it. */
    record Term(String value, long documents) {}
}
