package org.alima.portal.api.usage;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.alima.portal.api.system.ClientAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts views and downloads without ever slowing or failing the request that made them: a request only offers a
 * {@link Hit} to a bounded queue (a full queue drops it, and says so in the log); every {@code
 * portal.usage.flush-interval} (10 s) one thread takes what waits, applies {@link Counting}'s rules and adds the
 * result to PostgreSQL in one batch. Counts still in memory when the process dies are lost, by design: a usage figure
 * may miss a few seconds of a crash, a page may not wait for a count. A stopping portal writes them first.
 *
 * <p>Only published documents are counted: the documents feature says which ones are ({@link UsedDocuments}), when
 * the counts are written. Thread-safe.
 */
@Singleton
public class UsageCounter {

    private static final Logger LOG = LoggerFactory.getLogger(UsageCounter.class);

    /** Counts kept for another try when PostgreSQL refused them, at most: past that they are dropped. */
    static final int MAX_PENDING = 10_000;

    private final BlockingQueue<Hit> queue;
    private final ClientKeys clients;
    private final ClientAddresses addresses;
    private final Counting counting;
    private final UsageCounts counts;
    private final UsedDocuments documents;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();

    /** Counted but not yet written, by the flushing thread (under this object's lock). */
    private final Map<Count, Long> pending = new HashMap<>();

    @Inject
    UsageCounter(
            @Value("${portal.usage.queue-capacity:10000}") int capacity,
            ClientAddresses addresses,
            UsageCounts counts,
            UsedDocuments documents) {
        this(capacity, addresses, counts, documents, Clock.systemUTC());
    }

    UsageCounter(int capacity, ClientAddresses addresses, UsageCounts counts, UsedDocuments documents, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("portal.usage.queue-capacity must be at least 1, was " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.clients = new ClientKeys(clock);
        this.addresses = addresses;
        this.counting = new Counting(RobotAgents.shipped(), new DoubleClicks(capacity * 10));
        this.counts = counts;
        this.documents = documents;
        this.clock = clock;
    }

    /** Offers the request for counting; returns at once, whatever happens to it. */
    public void record(HttpRequest<?> request, UUID document, UsageKind kind) {
        @Nullable String agent = request.getHeaders().get(HttpHeaders.USER_AGENT);
        if (agent != null && agent.length() > RobotAgents.MAX_AGENT_LENGTH) {
            agent = agent.substring(0, RobotAgents.MAX_AGENT_LENGTH);
        }
        Hit hit = new Hit(document, kind, clients.of(addresses.of(request), agent), agent, clock.instant());
        if (!queue.offer(hit)) {
            dropped.incrementAndGet();
        }
    }

    @Scheduled(fixedDelay = "${portal.usage.flush-interval:10s}", initialDelay = "${portal.usage.flush-interval:10s}")
    void onSchedule() {
        flush();
    }

    @PreDestroy
    void onStop() {
        flush();
    }

    /** Counts what waits and writes it; what PostgreSQL refuses is kept for the next flush. Never throws. */
    public synchronized void flush() {
        List<Hit> hits = new ArrayList<>();
        queue.drainTo(hits);
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn(
                    "{} views or downloads were not counted: more came between two flushes than the queue holds", lost);
        }
        counting.count(hits).forEach((count, n) -> pending.merge(count, n, Long::sum));
        if (pending.isEmpty()) {
            return;
        }
        try {
            Set<UUID> published = documents.published(
                    pending.keySet().stream().map(Count::document).toList());
            pending.keySet().removeIf(count -> !published.contains(count.document()));
            counts.add(pending);
            pending.clear();
        } catch (RuntimeException e) {
            // Counting must not stop: the flusher runs again, and a page never waited for it.
            if (pending.size() > MAX_PENDING) {
                LOG.warn("Cannot write {} usage counts; dropped", pending.size(), e);
                pending.clear();
            } else {
                LOG.warn("Cannot write {} usage counts yet; tried again at the next flush", pending.size(), e);
            }
        }
    }
}
