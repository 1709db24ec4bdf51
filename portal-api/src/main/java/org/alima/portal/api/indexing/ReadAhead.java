package org.alima.portal.api.indexing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Applies a function to each item of a list on a few threads, a bounded number of items ahead of the consumer, and
 * yields the results in the list's order: extraction runs in parallel while the index is written by one thread. Not
 * thread-safe: one consumer; {@link #close()} it to stop the threads.
 *
 * @param <T> the items
 * @param <R> the results; a null result is skipped
 */
final class ReadAhead<T, R> implements Iterator<R>, AutoCloseable {

    private final Iterator<T> items;
    private final Function<T, R> work;
    private final ExecutorService threads;
    private final int window;
    private final Deque<Future<R>> ahead = new ArrayDeque<>();

    ReadAhead(List<T> items, Function<T, R> work, int threadCount, String name) {
        this.items = List.copyOf(items).iterator();
        this.work = Objects.requireNonNull(work, "work");
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Two per thread: a thread never waits for the consumer, and few results are held in memory at once.
        this.window = 2 * threadCount;
    }

    /** The non-null results, in order, as a sequential stream. */
    Stream<R> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .filter(Objects::nonNull);
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ahead.isEmpty();
    }

    /**
     * The next result, possibly null.
     *
     * @throws ReadAheadException when the function threw, or the consumer was interrupted while waiting
     */
    @Override
    public R next() {
        fill();
        Future<R> first = ahead.pollFirst();
        if (first == null) {
            throw new NoSuchElementException();
        }
        try {
            return first.get();
        } catch (ExecutionException e) {
            throw new ReadAheadException("a task failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadAheadException("interrupted while waiting for a task", e);
        }
    }

    private void fill() {
        while (ahead.size() < window && items.hasNext()) {
            T item = items.next();
            ahead.addLast(threads.submit(() -> work.apply(item)));
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task of the read-ahead failed; the cause is its exception. */
    static final class ReadAheadException extends RuntimeException {
        ReadAheadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
