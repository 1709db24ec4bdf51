package org.alima.portal.indexer.extract;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a piece of work on a new daemon thread and waits for it for a bounded time: the backstop that keeps a parser
 * stuck outside the cooperative deadline checks from hanging its caller. Thread-safe (stateless apart from a counter).
 *
 * <p>Java cannot stop a thread safely, so work that overruns is interrupted and abandoned: it runs on until it
 * notices (PDFBox reads files through an interruptible {@code FileChannel}, which an interrupt closes, so a parser
 * that still reads fails at its next read; the extractors' deadline checks end it at their next checkpoint) or until
 * it ends by itself, and its result is dropped. Being a daemon, it never keeps the JVM from exiting. Each abandoned
 * thread is counted and logged, since a growing count means a file type that needs a closer look.
 */
final class WorkerThread {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerThread.class);
    private static final AtomicInteger ABANDONED = new AtomicInteger();
    private static final AtomicInteger STARTED = new AtomicInteger();

    private WorkerThread() {}

    /**
     * Runs {@code work} and returns its result, or empty when it did not finish within {@code waitNanos} or when the
     * calling thread was interrupted while waiting (its interrupt flag is then set again).
     *
     * @throws ExecutionException when the work threw; the cause is the work's exception
     */
    static <T> Optional<T> run(String purpose, Callable<T> work, long waitNanos) throws ExecutionException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread worker = Thread.ofPlatform()
                .daemon()
                .name("portal-extract-" + STARTED.incrementAndGet())
                .start(task);
        try {
            return Optional.ofNullable(task.get(waitNanos, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            task.cancel(true);
            int abandoned = ABANDONED.incrementAndGet();
            LOG.warn(
                    "{} did not finish in {} ms; thread {} interrupted and abandoned ({} so far)",
                    purpose,
                    TimeUnit.NANOSECONDS.toMillis(waitNanos),
                    worker.getName(),
                    abandoned);
            return Optional.empty();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** How many workers this process has abandoned so far. */
    static int abandoned() {
        return ABANDONED.get();
    }
}
