package org.alima.portal.api.packs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.collections.CollectionResponse;
import org.alima.portal.api.collections.Curation;
import org.alima.portal.api.collections.ItemResponse;
import org.alima.portal.api.collections.Localized;
import org.alima.portal.api.landing.PublicDocument;
import org.alima.portal.api.landing.PublishedDocuments;
import org.alima.portal.api.landing.SiteAddress;
import org.alima.portal.api.search.SearchForFeeds;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;
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

    /** Hex digits of a search's hash in its pack's slug: enough to keep searches apart in the cache. */
    private static final int SEARCH_DIGITS = 16;

    private final Curation curation;
    private final PublishedDocuments documents;
    private final SiteAddress site;
    private final PackFiles files;
    private final SearchForFeeds search;

    PackPlans(
            Curation curation, PublishedDocuments documents, SiteAddress site, PackFiles files, SearchForFeeds search) {
        this.curation = curation;
        this.search = search;
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
        Map<UUID, String> notes = new LinkedHashMap<>();
        for (ItemResponse item : collection.items() == null ? List.<ItemResponse>of() : collection.items()) {
            notes.put(UUID.fromString(item.document().id()), item.note());
        }
        String portal = site.base(request) + "/";
        String revision =
                slug + '\n' + collection.updatedAt() + '\n' + collection.title() + '\n' + collection.description();
        return plan(
                slug,
                portal + "#/collections/" + slug,
                collection.title(),
                collection.description(),
                notes,
                revision,
                options,
                request);
    }

    /**
     * The pack of a search's results for {@code viewer}: the first {@code limit} published documents the search finds,
     * best match first, searched as the search endpoint and feeds search ({@link SearchForFeeds}: the same filters,
     * the same refusals). Its slug is {@code search-} and a hash of the search, so that each search has its own place
     * in the cache.
     *
     * @param filters the search endpoint's filters by name ({@link SearchForFeeds#FILTERS}), each a list of
     *     alternatives
     */
    PackPlan planSearch(
            @Nullable String q,
            Map<String, List<String>> filters,
            int limit,
            Viewer viewer,
            PackOptions options,
            HttpRequest<?> request) {
        Map<String, List<String>> asked = new TreeMap<>();
        filters.forEach((name, values) -> {
            if (!values.isEmpty()) {
                asked.put(name, List.copyOf(new TreeSet<>(values)));
            }
        });
        String words = q == null ? "" : q.strip();
        if (words.isEmpty() && asked.isEmpty()) {
            throw new InvalidInputException(List.of(new FieldError(
                    "q", "is empty and no filter is given; give the words of the search, or a filter such as type")));
        }
        List<String> found = search.best(viewer, words, asked, limit);
        Map<UUID, String> notes = new LinkedHashMap<>();
        found.forEach(id -> notes.put(UUID.fromString(id), null));
        String key = "q " + words + '\n' + asked + '\n' + limit;
        String slug = "search-"
                + PackArchive.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, SEARCH_DIGITS);
        String portal = site.base(request) + "/";
        StringBuilder online = new StringBuilder(portal).append("#/search?q=").append(encode(words));
        asked.forEach((name, values) -> values.forEach(
                value -> online.append('&').append(name).append('=').append(encode(value))));
        String said = words.isEmpty() ? asked.toString() : words;
        return plan(
                slug,
                online.toString(),
                new Localized("Recherche : " + said, "Search: " + said),
                new Localized(
                        "Les " + limit + " premiers résultats publiés de la recherche, meilleurs d’abord.",
                        "The first " + limit + " published results of the search, best first."),
                notes,
                key,
                options,
                request);
    }

    /** The plan of {@code notes}' documents, in its order, those that are published; {@code revision} names the rest. */
    private PackPlan plan(
            String slug,
            String address,
            Localized title,
            Localized description,
            Map<UUID, String> notes,
            String revisionOfTheSet,
            PackOptions options,
            HttpRequest<?> request) {
        Map<UUID, PublicDocument> published = new HashMap<>();
        documents.published(List.copyOf(notes.keySet())).forEach(d -> published.put(d.id(), d));
        String portal = site.base(request) + "/";
        StringBuilder revision = new StringBuilder()
                .append("format ")
                .append(FORMAT)
                .append('\n')
                .append(revisionOfTheSet)
                .append('\n')
                .append(options.key())
                .append('\n')
                .append(portal)
                .append('\n');
        List<PackPlan.Item> kept = new ArrayList<>();
        for (Map.Entry<UUID, String> entry : notes.entrySet()) {
            PublicDocument document = published.get(entry.getKey());
            if (document == null) {
                continue;
            }
            String documentAddress = site.ofDocument(request, document.id());
            Optional<PackFiles.Reading> reading = files.readingOf(document.id());
            boolean searchable = reading.map(PackFiles.Reading::searchable).orElse(false);
            kept.add(new PackPlan.Item(
                    document, entry.getValue(), citation(document, documentAddress), documentAddress, searchable));
            revision.append(document.id())
                    .append(' ')
                    .append(document.updatedAt())
                    .append(' ')
                    .append(reading.map(PackFiles.Reading::fingerprint).orElse(null))
                    .append(' ')
                    .append(entry.getValue())
                    .append('\n');
        }
        return new PackPlan(
                slug,
                address,
                title,
                description,
                List.copyOf(kept),
                options,
                portal,
                PackArchive.sha256(revision.toString().getBytes(StandardCharsets.UTF_8))
                        .substring(0, VERSION_DIGITS));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
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
