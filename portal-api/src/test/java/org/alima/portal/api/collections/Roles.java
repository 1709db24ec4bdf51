package org.alima.portal.api.collections;

import org.alima.portal.api.Api;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.ViewerTokens;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;

/**
 * Clients of the portal under test for each kind of caller the collections endpoints tell apart: an anonymous reader,
 * a contributor, two curators (collections are made by {@code curator}; {@code otherCurator} curates none of them) and
 * an administrator. Accounts are made once per test class.
 */
record Roles(
        Api anonymous,
        Api contributor,
        Api curator,
        Api otherCurator,
        Api admin,
        String contributorId,
        String curatorId,
        String otherCuratorId,
        Viewers as) {

    /** The same callers as viewers, for the typed clients ({@link ViewerTokens}). */
    record Viewers(Viewer contributor, Viewer curator, Viewer otherCurator, Viewer admin) {}

    static Roles create(Api anonymous) {
        TestAccounts.Account contributor = TestAccounts.create(anonymous, "contributor");
        TestAccounts.Account curator = TestAccounts.create(anonymous, "curator");
        TestAccounts.Account other = TestAccounts.create(anonymous, "curator");
        String adminToken = TestAccounts.admin(anonymous);
        String adminId = Api.read(anonymous.as(adminToken).get("/api/account"))
                .path("id")
                .asText();
        return new Roles(
                anonymous,
                anonymous.as(contributor.token()),
                anonymous.as(curator.token()),
                anonymous.as(other.token()),
                anonymous.as(adminToken),
                contributor.id(),
                curator.id(),
                other.id(),
                new Viewers(
                        ViewerTokens.of(contributor, Role.CONTRIBUTOR),
                        ViewerTokens.of(curator, Role.CURATOR),
                        ViewerTokens.of(other, Role.CURATOR),
                        ViewerTokens.of(adminId, Role.ADMIN, adminToken)));
    }
}
