package org.alima.portal.api.usage;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;

/**
 * What usage counting asks of the documents, through the feature that owns their table. Implementations are
 * thread-safe.
 */
public interface UsedDocuments {

    /** The published documents among {@code ids}: only they are counted. */
    Set<UUID> published(Collection<UUID> ids);

    /** Whether {@code viewer} may read the document's page (a draft is a 404 to anyone else, its counts too). */
    boolean isVisible(UUID id, Viewer viewer);

    /** The title of each of {@code ids} that exists (its file's name when it has none), for the dashboard and export. */
    Map<UUID, String> titles(Collection<UUID> ids);
}
