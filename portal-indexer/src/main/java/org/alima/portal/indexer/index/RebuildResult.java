package org.alima.portal.indexer.index;

import java.time.Duration;
import java.util.Map;

/**
 * What a rebuild did, immutable.
 *
 * @param documents documents in the new index (writes replayed during the swap included)
 * @param refused documents of the stream that broke a bound, by id, with the reason; they are absent from the index
 * @param took wall-clock time of the whole rebuild
 */
public record RebuildResult(long documents, Map<String, String> refused, Duration took) {

    public RebuildResult {
        refused = Map.copyOf(refused);
    }
}
