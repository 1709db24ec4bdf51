package org.alima.portal.indexer.index;

import java.time.Instant;
import java.util.Map;

/**
 * A point-in-time description of an index, immutable.
 *
 * @param documents live documents visible to searches
 * @param pages pages of those documents
 * @param sizeOnDiskBytes bytes of all files in the index directory, including ones not yet merged away
 * @param segments segments searched
 * @param lastCommit when the last durable commit was made, or null when no commit recorded its time
 * @param commitUserData everything the last commit recorded (schema version, commit time)
 * @param schemaVersion schema version the index was built with
 */
public record IndexStats(
        long documents,
        long pages,
        long sizeOnDiskBytes,
        int segments,
        Instant lastCommit,
        Map<String, String> commitUserData,
        int schemaVersion) {

    public IndexStats {
        commitUserData = Map.copyOf(commitUserData);
    }
}
