package org.alima.portal.api.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * COUNTER's double-click filter: a request for the same document, of the same kind, by the same client within
 * {@link #WINDOW} of its previous one counts once. The window slides: each repeat restarts it, so a reader clicking
 * every ten seconds counts once, as COUNTER counts only the last of two clicks 30 seconds apart or less.
 *
 * <p>Holds each client's last request for {@link #WINDOW} only, and at most {@code maxEntries} of them (the oldest
 * forgotten first, which may count a repeat twice under a flood; never a reason to grow without bound). The client is
 * the salted hash of {@link ClientKeys}, never an address. Not thread-safe: the counter's flushing thread owns it.
 */
final class DoubleClicks {

    static final Duration WINDOW = Duration.ofSeconds(30);

    private final int maxEntries;

    /** Each client's last request, oldest first: a repeat is moved to the end. */
    private final LinkedHashMap<Key, Instant> lastSeen = new LinkedHashMap<>();

    private record Key(String client, UUID document, UsageKind kind) {}

    DoubleClicks(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** Whether this request counts: false when the same client asked for the same thing less than 30 s before. */
    boolean counts(String client, UUID document, UsageKind kind, Instant at) {
        forgetBefore(at.minus(WINDOW));
        Key key = new Key(client, document, kind);
        Instant previous = lastSeen.remove(key);
        lastSeen.put(key, at);
        if (lastSeen.size() > maxEntries) {
            Iterator<Map.Entry<Key, Instant>> oldest = lastSeen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return previous == null || !at.isBefore(previous.plus(WINDOW));
    }

    /** How many clients' last requests are held now. */
    int size() {
        return lastSeen.size();
    }

    private void forgetBefore(Instant cutoff) {
        Iterator<Map.Entry<Key, Instant>> oldest = lastSeen.entrySet().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().getValue().isAfter(cutoff)) {
                return;
            }
            oldest.remove();
        }
    }
}
