package org.alima.portal.api.indexing;

import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.accounts.Role;
import org.alima.portal.api.accounts.Viewer;

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
    public static final String PUBLIC = "public";

    private static final String ACCOUNT = "account:";

    private Audiences() {}

    /** The audiences of a document that is {@code published} or not, owned by {@code owner} (null: nobody). */
    static Set<String> ofDocument(boolean published, @Nullable UUID owner) {
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
     * The audiences {@code viewer} belongs to, or null when they may find every document (a curator or an admin):
     * {@value #PUBLIC} for anyone, and their own account for a signed-in contributor.
     */
    @Nullable
    public static Set<String> ofViewer(Viewer viewer) {
        if (viewer.isAtLeast(Role.CURATOR)) {
            return null;
        }
        return viewer.account().map(id -> Set.of(PUBLIC, ACCOUNT + id)).orElse(Set.of(PUBLIC));
    }
}
