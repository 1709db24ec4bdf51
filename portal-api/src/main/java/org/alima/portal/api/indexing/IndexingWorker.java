package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alima.portal.api.system.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes queued documents in the background with a bounded pool of threads ({@code portal.indexing.pool-size});
 * thread-safe. Started with the application, stopped with it; {@code portal.indexing.enabled=false} leaves it out.
 *
 * <p>Each thread claims the job due first from {@code index_jobs} (see {@link IndexJobs}), hands the document to the
 * {@link DocumentProcessor} and records the outcome. A failed try is retried with exponential backoff up to
 * {@code max-attempts}, then set aside as failed without holding up other jobs. Nothing is kept in memory between
 * jobs: after a restart, pending jobs are simply due, and jobs left running by a dead process are claimed again once
 * their lease has passed.
 */
@Singleton
@Requires(property = "portal.indexing.enabled", notEquals = "false")
class IndexingWorker {

    private static final Logger LOG = LoggerFactory.getLogger(IndexingWorker.class);

    private final IndexJobs jobs;
    private final DocumentProcessor processor;
    private final IndexingSettings settings;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile boolean running;
    private ExecutorService pool;

    IndexingWorker(IndexJobs jobs, DocumentProcessor processor, IndexingSettings settings) {
        this.jobs = jobs;
        this.processor = processor;
        this.settings = settings;
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        if (running) {
            return;
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

    /** Claims and processes one due job; false when none was due. */
    boolean runOnce() {
        Optional<IndexJobs.ClaimedJob> claimed = jobs.claimNext(settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        IndexJobs.ClaimedJob job = claimed.get();
        if (job.attempt() > settings.maxAttempts()) {
            // Only a job whose last try never reported back (its process died) gets here.
            jobs.fail(job, "processing did not finish after " + settings.maxAttempts() + " attempts", true, null);
            return true;
        }
        ProcessingOutcome outcome;
        try {
            outcome = processor.process(job.document());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Processing document {} failed on attempt {}",
                    job.document().documentId(),
                    job.attempt(),
                    e);
            outcome = new ProcessingOutcome.Failed("processing failed unexpectedly; it will be tried again", true);
        }
        switch (outcome) {
            case ProcessingOutcome.Processed processed -> jobs.succeed(job, processed);
            case ProcessingOutcome.Failed failed -> {
                boolean finalTry = !failed.retryable() || job.attempt() >= settings.maxAttempts();
                jobs.fail(job, failed.reason(), finalTry, finalTry ? null : settings.retryDelay(job.attempt()));
                LOG.info(
                        "Document {} not processed (attempt {}{}): {}",
                        job.document().documentId(),
                        job.attempt(),
                        finalTry ? ", final" : ", will retry",
                        failed.reason());
            }
        }
        return true;
    }
}
