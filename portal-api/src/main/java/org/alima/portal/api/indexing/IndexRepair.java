package org.alima.portal.api.indexing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.IndexedSource;
import org.alima.portal.indexer.index.RebuildResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in step with PostgreSQL when jobs alone cannot: at startup, and on an operator's request.
 * Thread-safe; its work runs on one background thread of its own, so that the portal answers while it runs.
 *
 * <p>At startup, the index is <b>rebuilt</b> when it was built by an older schema (it refuses writes) or when none was
 * found on disk although PostgreSQL has searchable documents (a first start on an existing database, a deleted or
 * damaged index directory): every searchable document is read from PostgreSQL, its stored file extracted again, and
 * the new index swapped in at once, while searches go on against the old one. Otherwise the index is
 * <b>reconciled</b>: a document in the index that PostgreSQL does not call searchable (deleted or withdrawn while the
 * process died before its unindex job ran, indexed by a process that died before recording it) is removed, and a
 * searchable document missing from the index (a commit lost with the disk) gets a reindex job. Every rebuild ends with
 * a reconciliation, which also catches the documents whose extraction failed during the rebuild.
 */
@Singleton
final class IndexRepair {

    private static final Logger LOG = LoggerFactory.getLogger(IndexRepair.class);

    private final SearchEngine engine;
    private final SearchIndex index;
    private final IndexJobs jobs;
    private final DocumentLocks locks;
    private final DocumentIndexer indexer;
    private final IndexingSettings settings;
    private final boolean indexingEnabled;
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "index-repair");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<RebuildState> rebuild = new AtomicReference<>(RebuildState.never());

    IndexRepair(
            SearchEngine engine,
            SearchIndex index,
            IndexJobs jobs,
            DocumentLocks locks,
            DocumentIndexer indexer,
            IndexingSettings settings,
            @Value("${portal.indexing.enabled:true}") boolean indexingEnabled) {
        this.engine = engine;
        this.index = index;
        this.jobs = jobs;
        this.locks = locks;
        this.indexer = indexer;
        this.settings = settings;
        this.indexingEnabled = indexingEnabled;
    }

    /** Checks the index against PostgreSQL in the background; only where this process maintains the index. */
    @EventListener
    void onStartup(StartupEvent event) {
        if (indexingEnabled) {
            background.execute(this::repairAtStartup);
        }
    }

    /** The state of the latest rebuild. */
    RebuildState rebuildState() {
        return rebuild.get();
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return false when one is already running (nothing else is started)
     */
    boolean startRebuild(String reason) {
        RebuildState current = rebuild.get();
        RebuildState started = RebuildState.running(reason);
        if (current.isRunning() || !rebuild.compareAndSet(current, started)) {
            return false;
        }
        background.execute(() -> rebuildNow(started));
        return true;
    }

    /** Waits for a search engine that cannot be reached at startup, checking again at its pace (a minute at most). */
    void repairAtStartup() {
        while (true) {
            try {
                if (engine.needsRebuild()) {
                    runRebuild("the index was built by an older schema version");
                } else if (!index.foundOnDisk() && !jobs.searchableIds().isEmpty()) {
                    runRebuild("no index was found on disk");
                } else {
                    reconcile();
                }
                return;
            } catch (EngineUnavailableException e) {
                Duration wait = e.retryAfter() == null || e.retryAfter().compareTo(Duration.ofSeconds(1)) < 0
                        ? Duration.ofSeconds(1)
                        : e.retryAfter().compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : e.retryAfter();
                LOG.warn(
                        "The search index cannot be checked against the database: the search engine is unavailable"
                                + " ({}); trying again in {} s",
                        e.getMessage(),
                        wait.toSeconds());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return; // the portal is stopping
                }
            } catch (RuntimeException e) {
                LOG.error("The search index could not be checked against the database at startup", e);
                return;
            }
        }
    }

    private void runRebuild(String reason) {
        RebuildState started = RebuildState.running(reason);
        rebuild.set(started);
        rebuildNow(started);
    }

    private void rebuildNow(RebuildState started) {
        LOG.info("Rebuilding the search index: {}", started.reason());
        try {
            List<UUID> ids = jobs.searchableIds();
            RebuildResult result;
            try (ReadAhead<UUID, IndexableDocument> documents =
                    new ReadAhead<>(ids, this::rebuildEntry, settings.poolSize(), "index-rebuild")) {
                result = engine.rebuild(documents.stream(), null);
            }
            rebuild.set(started.finished(result.documents(), result.refused().size()));
            LOG.info(
                    "Search index rebuilt with {} of {} searchable documents in {} s",
                    result.documents(),
                    ids.size(),
                    result.took().toSeconds());
            result.refused().forEach((id, why) -> LOG.warn("Document {} left out of the rebuilt index: {}", id, why));
            reconcile();
        } catch (RuntimeException e) {
            // The exception names paths of the server: the log has it, the public status only says where to look.
            rebuild.set(started.failed(
                    "the rebuild failed; the previous index is still in use and the server log" + " says why"));
            LOG.error("Rebuilding the search index failed; the previous index is still in use", e);
        }
    }

    /** The document as the rebuilt index holds it, or null when it is no longer searchable or its file fails. */
    private IndexableDocument rebuildEntry(UUID id) {
        Optional<StoredDocument> document = jobs.load(id, false);
        if (document.isEmpty() || document.get().withdrawn()) {
            return null;
        }
        return indexer.indexable(document.get()).orElse(null);
    }

    /** Brings the index in step with PostgreSQL document by document; see the class comment. */
    void reconcile() {
        index.makeDurable(); // what the workers wrote so far, visible
        Set<String> inIndex = new HashSet<>();
        for (IndexedSource source : engine.sources()) {
            inIndex.add(source.id());
        }
        List<UUID> searchable = jobs.searchableIds();
        Set<String> expected = new HashSet<>();
        searchable.forEach(id -> expected.add(id.toString()));
        int removed = 0;
        for (String id : inIndex) {
            if (!expected.contains(id) && removeUnlessSearchable(id)) {
                removed++;
            }
        }
        if (removed > 0) {
            index.makeDurable();
        }
        int queued = 0;
        for (UUID id : searchable) {
            if (!inIndex.contains(id.toString()) && jobs.enqueueRepair(id)) {
                queued++;
            }
        }
        LOG.info(
                "Search index checked against the database: {} documents in the index, {} searchable; {} removed, {}"
                        + " queued for indexing",
                inIndex.size(),
                searchable.size(),
                removed,
                queued);
    }

    /** Checked again under the document's lock, since a worker may have indexed it since the index was read. */
    private boolean removeUnlessSearchable(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException foreign) {
            index.remove(id); // not a portal document at all
            return true;
        }
        try (DocumentLocks.Held held = locks.lock(uuid)) {
            if (jobs.isSearchable(uuid)) {
                return false;
            }
            index.remove(id);
            return true;
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where the latest rebuild stands. Immutable.
     *
     * @param state {@code never}, {@code running}, {@code done} or {@code failed}
     * @param documents documents in the rebuilt index, when done
     * @param refused documents the index refused, when done
     * @param error what went wrong, when failed
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RebuildState(
            String state,
            String reason,
            Instant startedAt,
            Instant finishedAt,
            Long documents,
            Integer refused,
            String error) {

        static RebuildState never() {
            return new RebuildState("never", null, null, null, null, null, null);
        }

        static RebuildState running(String reason) {
            return new RebuildState("running", reason, Instant.now(), null, null, null, null);
        }

        RebuildState finished(long count, int refusedCount) {
            return new RebuildState("done", reason, startedAt, Instant.now(), count, refusedCount, null);
        }

        RebuildState failed(String message) {
            return new RebuildState("failed", reason, startedAt, Instant.now(), null, null, message);
        }

        boolean isRunning() {
            return state.equals("running");
        }
    }
}
