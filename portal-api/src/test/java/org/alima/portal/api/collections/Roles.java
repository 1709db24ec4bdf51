package org.alima.portal.api.collections;

import org.alima.portal.api.Api;
import org.alima.portal.api.TestAccounts;

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
        String otherCuratorId) {

    static Roles create(Api anonymous) {
        TestAccounts.Account contributor = TestAccounts.create(anonymous, "contributor");
        TestAccounts.Account curator = TestAccounts.create(anonymous, "curator");
        TestAccounts.Account other = TestAccounts.create(anonymous, "curator");
        return new Roles(
                anonymous,
                anonymous.as(contributor.token()),
                anonymous.as(curator.token()),
                anonymous.as(other.token()),
                anonymous.as(TestAccounts.admin(anonymous)),
                contributor.id(),
                curator.id(),
                other.id());
    }
}
