package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alima.portal.api.system.DatabaseFailures;
import org.alima.portal.indexer.ocr.OcrPage;
import org.alima.portal.indexer.ocr.ScannedPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads scanned pages in the background, on threads of its own ({@code portal.ocr.workers}) so that OCR, which takes
 * seconds a page, never holds up the indexing of text files. Each thread claims a job from {@link OcrJobs}, reads the
 * pages still unread one by one, storing each as it is read, then queues a reindex of the document: the indexing
 * worker merges the pages' text into the document it indexes. Thread-safe.
 */
@Singleton
@Requires(property = "portal.indexing.enabled", notEquals = "false")
class OcrWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OcrWorker.class);

    private final OcrJobs jobs;
    private final OcrEngine engine;
    private final IndexJobs documents;
    private final IndexQueue queue;
    private final IndexingSettings indexing;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile boolean running;
    private ExecutorService pool;

    OcrWorker(OcrJobs jobs, OcrEngine engine, IndexJobs documents, IndexQueue queue, IndexingSettings indexing) {
        this.jobs = jobs;
        this.engine = engine;
        this.documents = documents;
        this.queue = queue;
        this.indexing = indexing;
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        if (running || !engine.available()) {
            return;
        }
        int orphans = jobs.releaseOrphans();
        if (orphans > 0) {
            LOG.info("{} OCR jobs left running when the portal last stopped are waiting again", orphans);
        }
        running = true;
        int workers = engine.settings().workers();
        pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "ocr-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        for (int i = 0; i < workers; i++) {
            pool.execute(this::work);
        }
    }

    /** Wakes an idle thread: a job was just queued. */
    void wake() {
        wake.release();
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    /** Stops at once: a Tesseract child is killed, and its page is read again after the restart. */
    @PreDestroy
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (!runOnce()) {
                    wake.tryAcquire(indexing.pollInterval().toMillis() * 5, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!DatabaseFailures.isUnavailable(e)) {
                    LOG.error("OCR worker failed; it carries on with the next job", e);
                }
                try {
                    Thread.sleep(indexing.pollInterval().toMillis() * 5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims and reads one job; false when none was waiting. */
    boolean runOnce() {
        Optional<ScannedPages> reader = engine.reader();
        if (reader.isEmpty()) {
            return false;
        }
        Optional<OcrJobs.Job> claimed = jobs.claimNext();
        if (claimed.isEmpty()) {
            return false;
        }
        OcrJobs.Job job = claimed.get();
        Optional<StoredDocument> document = documents.load(job.documentId(), false);
        if (document.isEmpty() || !document.get().file().sha256().equals(job.sha256())) {
            // deleted, or its file replaced: the new file's indexing asks again if it needs to
            jobs.finish(job.documentId(), job.sha256());
            return true;
        }
        Map<Integer, OcrPage> done = jobs.pagesRead(job.documentId(), job.sha256());
        List<Integer> unread =
                job.pages().stream().filter(page -> !done.containsKey(page)).toList();
        long started = System.nanoTime();
        try {
            reader.get().read(document.get().file().path(), unread, job.language(), page -> {
                // a page cut short because the portal is stopping is read again after the restart
                if (!Thread.currentThread().isInterrupted()) {
                    jobs.save(job.documentId(), job.sha256(), page);
                }
            });
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return true;
            }
            LOG.warn("OCR of document {} stopped: {}", job.documentId(), e.getMessage());
            for (int page : unread) {
                jobs.save(
                        job.documentId(),
                        job.sha256(),
                        new OcrPage(page, "", null, "the file cannot be read: " + e.getMessage()));
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return true; // stopping: the job stays running, put back when this node starts or taken once its lease
            // passes
        }
        jobs.finishAndReprocess(job.documentId(), job.sha256(), queue);
        LOG.info(
                "OCR read {} page(s) of document {} in {} s",
                unread.size(),
                job.documentId(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        return true;
    }
}
