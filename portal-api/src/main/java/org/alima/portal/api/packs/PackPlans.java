package org.alima.portal.api.packs;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Role;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionResponse;
import org.alima.portal.api.collections.Curation;
import org.alima.portal.api.collections.ItemResponse;
import org.alima.portal.api.collections.Localized;
import org.alima.portal.api.landing.PublicDocument;
import org.alima.portal.api.landing.PublishedDocuments;
import org.alima.portal.api.landing.SiteAddress;
import org.alima.portal.api.system.NotFoundException;

/**
 * Decides what a collection's pack holds for a caller, through the owners of the facts: {@link Curation} for the
 * collection, its items and who may see it, {@link PublishedDocuments} for the documents' descriptions. Only
 * published documents go in, whoever asks, so that a public pack is the same for every reader and never carries a
 * draft. Thread-safe.
 */
@Singleton
final class PackPlans {

    /** The pack format, written as {@code format} in pack-data.js and part of every version: bump it when either changes. */
    static final int FORMAT = 1;

    /** Hex digits of SHA-256 kept in a version: 128 bits, as unlikely to collide as a UUID. */
    private static final int VERSION_DIGITS = 32;

    private final Curation curation;
    private final PublishedDocuments documents;
    private final SiteAddress site;
    private final PackFiles files;

    PackPlans(Curation curation, PublishedDocuments documents, SiteAddress site, PackFiles files) {
        this.curation = curation;
        this.documents = documents;
        this.site = site;
        this.files = files;
    }

    /**
     * The pack of collection {@code slug} for {@code viewer}.
     *
     * @throws NotFoundException when there is no such collection, or it is private and the viewer is neither one of
     *     its curators nor an administrator
     */
    PackPlan plan(String slug, Viewer viewer, PackOptions options, HttpRequest<?> request) {
        CollectionResponse collection = curation.get(slug, viewer);
        if (!"public".equals(collection.visibility()) && !curates(collection, viewer)) {
            throw new NotFoundException(
                    "No collection has the slug '" + slug + "'; GET /api/collections lists those you may see.");
        }
        List<ItemResponse> items = collection.items() == null ? List.of() : collection.items();
        List<UUID> ids = items.stream()
                .map(item -> UUID.fromString(item.document().id()))
                .toList();
        Map<UUID, PublicDocument> published = new HashMap<>();
        documents.published(ids).forEach(d -> published.put(d.id(), d));
        String portal = site.base(request) + "/";
        StringBuilder revision = new StringBuilder()
                .append("format ")
                .append(FORMAT)
                .append('\n')
                .append(slug)
                .append('\n')
                .append(collection.updatedAt())
                .append('\n')
                .append(collection.title())
                .append('\n')
                .append(collection.description())
                .append('\n')
                .append(options.key())
                .append('\n')
                .append(portal)
                .append('\n');
        List<PackPlan.Item> kept = new ArrayList<>();
        for (ItemResponse item : items) {
            PublicDocument document =
                    published.get(UUID.fromString(item.document().id()));
            if (document == null) {
                continue;
            }
            String address = site.ofDocument(request, document.id());
            Optional<PackFiles.Reading> reading = files.readingOf(document.id());
            boolean searchable = reading.map(PackFiles.Reading::searchable).orElse(false);
            kept.add(new PackPlan.Item(document, item.note(), citation(document, address), address, searchable));
            revision.append(document.id())
                    .append(' ')
                    .append(document.updatedAt())
                    .append(' ')
                    .append(reading.map(PackFiles.Reading::fingerprint).orElse(null))
                    .append(' ')
                    .append(item.note())
                    .append('\n');
        }
        return new PackPlan(
                slug,
                collection.title(),
                collection.description(),
                List.copyOf(kept),
                options,
                portal,
                PackArchive.sha256(revision.toString().getBytes(StandardCharsets.UTF_8))
                        .substring(0, VERSION_DIGITS));
    }

    private static boolean curates(CollectionResponse collection, Viewer viewer) {
        return viewer.isAtLeast(Role.ADMIN)
                || viewer.account()
                        .map(UUID::toString)
                        .map(id -> collection.curators().stream().anyMatch(c -> c.id().equals(id)))
                        .orElse(false);
    }

    /** {@code Authors (2024). Title. Institution. address}: what a reader copies into a report. */
    static String citation(PublicDocument document, String address) {
        StringBuilder citation = new StringBuilder();
        List<String> names =
                document.authors().stream().map(PublicDocument.Author::name).toList();
        if (!names.isEmpty()) {
            citation.append(String.join(", ", names)).append(' ');
        }
        String date = document.publicationDate();
        citation.append('(')
                .append(date == null || date.length() < 4 ? "n.d." : date.substring(0, 4))
                .append("). ");
        String title = document.title() == null ? document.file().name() : document.title();
        citation.append(title.endsWith(".") ? title : title + ".")
                .append(' ')
                .append(document.institution())
                .append(". ")
                .append(address);
        return citation.toString();
    }

    /** A text in both languages, a missing one given as "" (the page falls back to the other). */
    static Localized bothLanguages(Localized text) {
        return new Localized(text.fr() == null ? "" : text.fr(), text.en() == null ? "" : text.en());
    }
}
