package org.alima.portal.api.oai;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What OAI-PMH reads of collections, answered by the collections feature; thread-safe, each method in a read-only
 * transaction of its own. Only public collections exist here: a private one's set must not leak, not even its slug.
 */
public interface HarvestedCollections {

    /** The public collections, by slug. */
    List<PublicCollection> publicCollections();

    /** The documents the public collection holds, or empty when no public collection has this slug. */
    Optional<List<UUID>> documentsOfPublic(String slug);

    /** The slugs of the public collections holding each document (documents in none are left out). */
    Map<UUID, List<String>> publicSlugsOf(Collection<UUID> documents);

    /** @param name the title in English, else in French */
    record PublicCollection(String slug, String name) {}
}
