package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.index.IndexLockedException;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's one Lucene index, under {@code <dataDir>/index}: opened with the application, committed and closed
 * with it; thread-safe.
 *
 * <p>The index is derived data: PostgreSQL and the stored files are the truth, and {@link IndexRepair} rebuilds the
 * index from them. So an index that cannot be opened (damaged files) is moved aside and replaced by an empty one,
 * which the repair at startup fills again; only an index locked by another process stops the start, since two
 * portals must never share a data directory.
 *
 * <p>Writes through {@link #upsertDurably} and {@link #removeDurably} return once they are committed to disk and
 * visible to searches: a document is marked {@code indexed} in PostgreSQL only after that, so that {@code indexed}
 * means "found by search now" and survives a crash of the index. Concurrent callers share one commit (group commit),
 * so that two workers finishing together pay for one fsync.
 */
@Singleton
public final class SearchIndex {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    private final PortalIndex index;
    private final boolean foundOnDisk;
    private final AtomicLong writes = new AtomicLong();
    private final ReentrantLock commitLock = new ReentrantLock();
    private long durableWrites;

    /**
     * @param indexDirectory where the index is when not in {@code <dataDir>/index}: a process beside a running portal
     *     ({@link org.alima.portal.api.system.PortalServices}) opens a throwaway one, the portal's being locked by it
     */
    SearchIndex(
            @Value("${portal.data-dir}") String dataDirectory, @Value("${portal.index-dir:}") String indexDirectory) {
        Path directory = indexDirectory.isBlank()
                ? Path.of(dataDirectory).toAbsolutePath().normalize().resolve("index")
                : Path.of(indexDirectory).toAbsolutePath().normalize();
        Opened opened = open(directory);
        this.index = opened.index();
        this.foundOnDisk = opened.foundOnDisk();
    }

    /** The index, for searching; writes go through this class so that they are durable before they are reported. */
    public PortalIndex index() {
        return index;
    }

    /**
     * Whether an index was on disk when the application started; false for a first start, a deleted directory or a
     * damaged index that was moved aside, all of which the repair at startup rebuilds from PostgreSQL.
     */
    boolean foundOnDisk() {
        return foundOnDisk;
    }

    /** Adds or replaces the document and returns once the change is on disk and searchable. */
    void upsertDurably(IndexableDocument document) {
        index.upsert(document);
        writes.incrementAndGet();
        makeDurable();
        index.refresh();
    }

    /** Adds or replaces the document with its dense vectors; returns once the change is on disk and searchable. */
    void upsertDurably(IndexableDocument document, DocumentVectors vectors) {
        index.upsert(document, vectors);
        writes.incrementAndGet();
        makeDurable();
        index.refresh();
    }

    /** Takes the document out of search and returns once that is on disk and searches no longer find it. */
    void removeDurably(String id) {
        index.delete(id);
        writes.incrementAndGet();
        makeDurable();
        index.refresh();
    }

    /** Removes without waiting for the disk; the caller commits with {@link #makeDurable()} after a batch. */
    void remove(String id) {
        index.delete(id);
        writes.incrementAndGet();
    }

    /**
     * Returns once every write made before the call is committed. A write is counted after it reached the writer,
     * so a commit that starts after reading the count covers at least the writes counted.
     */
    void makeDurable() {
        long target = writes.get();
        commitLock.lock();
        try {
            if (durableWrites >= target) {
                return; // another thread's commit, started after our write, covered it
            }
            long covered = writes.get();
            index.commit();
            durableWrites = covered;
        } finally {
            commitLock.unlock();
        }
    }

    @PreDestroy
    void close() {
        index.close();
    }

    private static boolean holdsAnIndex(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Directory files = FSDirectory.open(directory)) {
            return DirectoryReader.indexExists(files);
        } catch (IOException e) {
            return false;
        }
    }

    private record Opened(PortalIndex index, boolean foundOnDisk) {}

    private static Opened open(Path directory) {
        boolean found = holdsAnIndex(directory);
        try {
            return new Opened(PortalIndex.open(directory), found);
        } catch (IndexLockedException e) {
            throw e;
        } catch (IndexException e) {
            Path aside =
                    directory.resolveSibling("index.damaged-" + Instant.now().toEpochMilli());
            LOG.error(
                    "The search index at {} cannot be opened; moving it to {} and starting from an empty index, which"
                            + " is rebuilt from the database and the stored files",
                    directory,
                    aside,
                    e);
            try {
                Files.move(directory, aside);
            } catch (IOException moveFailure) {
                e.addSuppressed(moveFailure);
                throw new IndexException(
                        "The search index at " + directory + " cannot be opened nor moved aside; delete it (it is"
                                + " rebuilt from the database at the next start) or check the data directory's"
                                + " permissions",
                        e);
            }
            return new Opened(PortalIndex.open(directory), false);
        }
    }
}
