package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alima.portal.api.system.DatabaseFailures;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.engine.SearchEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes queued jobs in the background with a bounded pool of threads ({@code portal.indexing.pool-size});
 * thread-safe. Started with the application, stopped with it; {@code portal.indexing.enabled=false} leaves it out.
 *
 * <p>Each thread claims the job due first from {@code index_jobs} (see {@link IndexJobs}), takes the document's lock
 * ({@link DocumentLocks}), reads the document as it stands, hands it to the {@link DocumentProcessor} and records the
 * outcome before letting the lock go. A failed try is retried with exponential backoff up to {@code max-attempts}, then
 * set aside as failed without holding up other jobs; a document that fails for good is taken out of search. Nothing is
 * kept in memory between jobs: after a restart, pending jobs are simply due, and jobs left running by the process
 * that stopped are due at once.
 *
 * <p>While the search engine cannot be reached ({@link EngineUnavailableException}) the job in hand goes back to the
 * queue with its try not counted, and the threads pause, longer at each failure in a row (from the engine's own
 * {@code retryAfter} up to {@link #LONGEST_ENGINE_PAUSE}): documents wait for the engine, they do not fail.
 */
@Singleton
@Requires(property = "portal.indexing.enabled", notEquals = "false")
class IndexingWorker {

    private static final Logger LOG = LoggerFactory.getLogger(IndexingWorker.class);

    /** Longest pause of the threads while the search engine stays unavailable. */
    static final Duration LONGEST_ENGINE_PAUSE = Duration.ofMinutes(1);

    private final IndexJobs jobs;
    private final DocumentProcessor processor;
    private final DocumentLocks locks;
    private final SearchEngine engine;
    private final IndexingSettings settings;
    private final IndexingMetrics metrics;
    private final AtomicInteger threadNumber = new AtomicInteger();

    /** Times in a row the search engine was found unavailable; 0 once a job went through. */
    private final AtomicInteger engineFailures = new AtomicInteger();

    private volatile boolean running;
    private ExecutorService pool;

    IndexingWorker(
            IndexJobs jobs,
            DocumentProcessor processor,
            DocumentLocks locks,
            SearchEngine engine,
            IndexingSettings settings,
            IndexingMetrics metrics) {
        this.jobs = jobs;
        this.processor = processor;
        this.locks = locks;
        this.engine = engine;
        this.settings = settings;
        this.metrics = metrics;
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        if (running) {
            return;
        }
        int orphans = jobs.releaseOrphans();
        if (orphans > 0) {
            LOG.info("{} jobs left running when the portal last stopped are due again", orphans);
        }
        running = true;
        pool = Executors.newFixedThreadPool(settings.poolSize(), task -> {
            Thread thread = new Thread(task, "indexing-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < settings.poolSize(); i++) {
            pool.execute(this::work);
        }
        LOG.info("Indexing worker started with {} threads", settings.poolSize());
    }

    /** Lets the jobs in hand finish (a few seconds at most), then stops; unfinished jobs are claimed after restart. */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        boolean databaseWasDown = false;
        while (running) {
            try {
                boolean worked = runOnce();
                databaseWasDown = false;
                if (!worked) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (EngineUnavailableException e) {
                int failures = engineFailures.incrementAndGet();
                Duration pause = enginePause(e, failures);
                // One warning per outage, not one per thread and try.
                if (failures == 1) {
                    LOG.warn("Indexing paused: the search engine is unavailable ({}); retrying", e.getMessage());
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (DatabaseFailures.isUnavailable(e)) {
                    // One warning per outage, not one per poll.
                    if (!databaseWasDown) {
                        LOG.warn(
                                "Indexing paused: the database is unavailable; retrying every {}",
                                settings.pollInterval());
                    }
                    databaseWasDown = true;
                } else {
                    LOG.error("Indexing worker failed; it carries on with the next job", e);
                }
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Claims and runs one due job; false when none was due, or while the index refuses writes (built by an older
     * schema, until the rebuild that the repair at startup runs has swapped in a new one).
     *
     * @throws EngineUnavailableException when the search engine cannot be reached; the job claimed, if any, is back in
     *     the queue, its try not counted
     */
    boolean runOnce() {
        if (engine.needsRebuild()) {
            return false;
        }
        Optional<IndexJobs.ClaimedJob> claimed = jobs.claimNext(settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        IndexJobs.ClaimedJob job = claimed.get();
        try (DocumentLocks.Held held = locks.lock(job.documentId())) {
            run(job);
        } catch (EngineUnavailableException e) {
            jobs.postpone(
                    job,
                    "the search engine is unavailable; it will be tried again",
                    enginePause(e, engineFailures.get() + 1));
            metrics.jobFinished(job.kind(), IndexingMetrics.Outcome.POSTPONED);
            throw e;
        }
        if (engineFailures.getAndSet(0) > 0) {
            LOG.info("Indexing resumed: the search engine is back");
        }
        return true;
    }

    private void run(IndexJobs.ClaimedJob job) {
        if (job.attempt() > settings.maxAttempts()) {
            // Only a job whose last try never reported back (its process died) gets here.
            giveUp(
                    job,
                    new ProcessingOutcome.Failed(
                            ProcessingFailure.UNFINISHED,
                            Map.of("attempts", settings.maxAttempts()),
                            "processing did not finish after " + settings.maxAttempts() + " attempts",
                            true,
                            Integer.MAX_VALUE,
                            null,
                            null));
            return;
        }
        switch (job.kind()) {
            case UNINDEX -> unindex(job);
            case INGEST, REINDEX -> process(job);
        }
    }

    /**
     * How long to wait after the engine said it is unavailable the {@code failures}-th time in a row: its own {@code
     * retryAfter}, doubled at each failure, at most {@link #LONGEST_ENGINE_PAUSE} (or the engine's wait, when longer).
     */
    private Duration enginePause(EngineUnavailableException e, int failures) {
        Duration first = e.retryAfter() == null
                        || e.retryAfter().isNegative()
                        || e.retryAfter().isZero()
                ? settings.pollInterval()
                : e.retryAfter();
        Duration pause = first;
        for (int i = 1; i < failures && pause.compareTo(LONGEST_ENGINE_PAUSE) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        Duration longest = first.compareTo(LONGEST_ENGINE_PAUSE) > 0 ? first : LONGEST_ENGINE_PAUSE;
        return pause.compareTo(longest) > 0 ? longest : pause;
    }

    private void unindex(IndexJobs.ClaimedJob job) {
        try {
            if (!jobs.isListed(job.documentId())) {
                processor.remove(job.documentId());
            }
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            LOG.warn("Removing document {} from search failed on attempt {}", job.documentId(), job.attempt(), e);
            retryOrGiveUp(
                    job,
                    new ProcessingOutcome.Failed(
                            ProcessingFailure.INDEX_UNWRITABLE,
                            "the search index could not be changed; it will be tried again",
                            true));
            return;
        }
        jobs.unindexed(job);
        metrics.jobFinished(job.kind(), IndexingMetrics.Outcome.UNINDEXED);
    }

    private void process(IndexJobs.ClaimedJob job) {
        Optional<StoredDocument> document = jobs.load(job.documentId(), job.kind() == JobKind.INGEST);
        if (document.isEmpty()) {
            // Deleted meanwhile: its unindex job is queued, but a write of ours may have come after it.
            processor.remove(job.documentId());
            metrics.jobFinished(job.kind(), IndexingMetrics.Outcome.GONE);
            return;
        }
        ProcessingOutcome outcome;
        try {
            outcome = processor.process(document.get());
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            LOG.warn("Processing document {} failed on attempt {}", job.documentId(), job.attempt(), e);
            outcome = new ProcessingOutcome.Failed(
                    ProcessingFailure.UNEXPECTED, "processing failed unexpectedly; it will be tried again", true);
        }
        switch (outcome) {
            case ProcessingOutcome.Processed processed -> {
                jobs.succeed(job, processed, document.get());
                metrics.jobFinished(
                        job.kind(),
                        processed.searchable() ? IndexingMetrics.Outcome.INDEXED : IndexingMetrics.Outcome.EXTRACTED);
            }
            case ProcessingOutcome.Failed failed -> retryOrGiveUp(job, failed);
        }
    }

    private void retryOrGiveUp(IndexJobs.ClaimedJob job, ProcessingOutcome.Failed failed) {
        boolean finalTry =
                !failed.retryable() || job.attempt() >= Math.min(settings.maxAttempts(), failed.attemptLimit());
        if (finalTry) {
            giveUp(job, failed);
        } else {
            jobs.fail(job, failed, false, settings.retryDelay(job.attempt()));
            metrics.jobFinished(job.kind(), IndexingMetrics.Outcome.RETRY);
        }
        LOG.info(
                "Document {} not processed (attempt {}{}): {}",
                job.documentId(),
                job.attempt(),
                finalTry ? ", final" : ", will retry",
                failed.reason());
    }

    /**
     * A document that fails for good is not searchable: an earlier version of it in the index (before an edit whose
     * reindex failed) is removed before PostgreSQL says so.
     */
    private void giveUp(IndexJobs.ClaimedJob job, ProcessingOutcome.Failed failed) {
        if (job.kind() != JobKind.UNINDEX) {
            processor.remove(job.documentId());
        }
        jobs.fail(job, failed, true, null);
        metrics.jobFinished(job.kind(), IndexingMetrics.Outcome.FAILED);
    }
}
