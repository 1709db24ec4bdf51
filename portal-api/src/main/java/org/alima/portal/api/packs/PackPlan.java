package org.alima.portal.api.packs;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.alima.portal.api.collections.Localized;
import org.alima.portal.api.landing.PublicDocument;

/**
 * What one pack holds, decided at the request from PostgreSQL before anything is built: the collection's texts, its
 * published documents in the curators' order with their notes and citations, the options and the portal's address.
 * {@code version} is a hash of all of it and of the pack format, so a change to any of them names a new pack.
 * Immutable.
 *
 * @param slug the collection's slug, or {@code search-} and a hash of the search for the pack of a search's results
 * @param address where the same set is found online: the collection's page, or the search
 * @param portal the portal's address, with a trailing slash
 */
record PackPlan(
        String slug,
        String address,
        Localized title,
        Localized description,
        List<Item> items,
        PackOptions options,
        String portal,
        String version) {

    /**
     * A published document of the collection.
     *
     * @param note the curators' note on it, or null
     * @param address its permanent public page
     * @param searchable whether its text is in the search index; a document whose file could not be read goes in
     *     without pages (its metadata and file still travel)
     */
    record Item(PublicDocument document, @Nullable String note, String citation, String address, boolean searchable) {}

    /** The ZIP's download name, {@code <slug>-pack.zip}. */
    String fileName() {
        return slug + "-pack.zip";
    }
}
