package org.alima.portal.api.indexing;

import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.search.Access;

/**
 * Who may find a document in search, in the index's terms: the one place that names the audiences the portal gives
 * documents and the audiences a viewer belongs to, so that the two always match. Stateless.
 *
 * <p>A published document is {@value #PUBLIC}; every document is also its owner's ({@code account:<uuid>}), so that
 * contributors find their own drafts. Curators and admins search without restriction. This mirrors, in the index,
 * who may see a document's page (the documents package decides that from PostgreSQL): a withdrawn document is not in
 * the index at all.
 */
public final class Audiences {

    /** Every reader, signed in or not. */
    public static final String PUBLIC = IndexableDocument.PUBLIC;

    private static final String ACCOUNT = "account:";

    private Audiences() {}

    /** The audiences of a document that is {@code published} or not, owned by {@code owner} (null: nobody). */
    public static Set<String> ofDocument(boolean published, @Nullable UUID owner) {
        Set<String> audiences = new LinkedHashSet<>();
        if (published) {
            audiences.add(PUBLIC);
        }
        if (owner != null) {
            audiences.add(ACCOUNT + owner);
        }
        return audiences;
    }

    /**
     * What {@code viewer} may find: every document for a curator or an admin; otherwise the {@value #PUBLIC} ones,
     * and for a signed-in contributor their own too.
     */
    public static Access of(Viewer viewer) {
        if (viewer.isAtLeast(Role.CURATOR)) {
            return Access.everything();
        }
        return viewer.account()
                .map(id -> Access.audiences(PUBLIC, ACCOUNT + id))
                .orElse(Access.audiences(PUBLIC));
    }
}
