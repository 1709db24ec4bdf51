package org.alima.portal.api.collections;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.imports.ImportCollections;
import org.alima.portal.api.system.PortalException;

/** The collections as an import adds to them: through {@link Curation}, as the API does; thread-safe. */
@Singleton
final class CollectionsForImport implements ImportCollections {

    private final Curation curation;

    CollectionsForImport(Curation curation) {
        this.curation = curation;
    }

    @Override
    public Optional<String> refusal(String slug, Viewer viewer) {
        try {
            curation.requireEditable(slug, viewer);
            return Optional.empty();
        } catch (PortalException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void add(String slug, UUID document, Viewer viewer) {
        curation.addItem(slug, new ItemRequest(document.toString(), null), viewer);
    }
}
