package org.alima.portal.api.landing;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A document as its public pages, feeds and sitemap show it: its description, its place among its versions and its
 * file. Immutable; built by the documents feature (the owner of the table), whatever the status, so that the pages can
 * say "withdrawn" or answer 404 for a draft.
 *
 * @param status draft, submitted, published or withdrawn
 * @param latestVersionId the newest published version of its line; its own id when none is newer
 * @param updatedAt the last change of its description or status, for {@code lastmod} and a feed's {@code updated}
 * @param file the stored file; present whatever the status (the page of a withdrawn document links to none)
 * @param versions every published or withdrawn version of its line, oldest first, itself included
 * @param citations the citation formats it can be exported in, with their addresses
 * @param institution who publishes it, as its citations name it
 * @param classification its study design and the codes and free text of the humanitarian vocabularies
 */
public record PublicDocument(
        UUID id,
        @Nullable String title,
        @Nullable String abstractText,
        List<Author> authors,
        @Nullable String publicationDate,
        @Nullable String type,
        @Nullable String language,
        List<String> countries,
        List<String> topics,
        @Nullable String doi,
        @Nullable String license,
        String status,
        @Nullable String withdrawnReason,
        int version,
        UUID latestVersionId,
        @Nullable Instant publishedAt,
        Instant updatedAt,
        FileInfo file,
        List<Version> versions,
        List<CitationLink> citations,
        String institution,
        Classification classification) {

    public boolean isPublished() {
        return "published".equals(status);
    }

    public boolean isWithdrawn() {
        return "withdrawn".equals(status);
    }

    /** Whether anyone may read its page: published, or withdrawn (which keeps its page, not its file). */
    public boolean isPublic() {
        return isPublished() || isWithdrawn();
    }

    /** Whether a newer published version supersedes it. */
    public boolean isSuperseded() {
        return !latestVersionId.equals(id);
    }

    /**
     * The evidence and humanitarian metadata: codes of the controlled vocabularies (see {@code Vocabulary}), and free
     * text for what they lack (the health topics' free text is the document's {@code topics}).
     *
     * @param design the study design's code, or null
     */
    public record Classification(
            @Nullable String design,
            List<String> health,
            List<String> populations,
            List<String> populationsOther,
            List<String> settings,
            List<String> settingsOther,
            List<String> interventions,
            List<String> interventionsOther) {

        public static final Classification NONE =
                new Classification(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** One author in byline order; {@code orcid} is the bare 16-character iD. */
    public record Author(String name, @Nullable String orcid) {}

    /** The stored file: its name, media type, size in bytes, and pages when known. */
    public record FileInfo(
            String name,
            String mediaType,
            long sizeBytes,
            @Nullable Integer pageCount,
            String url) {}

    /** A version of the document's line. */
    public record Version(
            UUID id, int version, String status, @Nullable Instant publishedAt) {}

    /** A citation format: its name as the API calls it (bibtex, ris, csl-json), media type and address. */
    public record CitationLink(String format, String mediaType, String url) {}
}
