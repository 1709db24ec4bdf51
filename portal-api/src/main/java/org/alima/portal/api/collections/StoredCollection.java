package org.alima.portal.api.collections;

import java.time.Instant;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;

/**
 * A collection's own row, without its curators and items. Immutable.
 *
 * @param updatedAt the time of its last change, also the revision of its entry in the {@link CollectionDirectory}
 */
record StoredCollection(
        UUID id,
        String slug,
        Localized title,
        Localized description,
        Visibility visibility,
        boolean featured,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether {@code viewer} may know that the collection exists: everyone for a public one, curators for any. */
    boolean visibleTo(Viewer viewer) {
        return visibility == Visibility.PUBLIC || viewer.isAtLeast(Role.CURATOR);
    }

    CollectionRef ref() {
        return new CollectionRef(slug, title);
    }
}
