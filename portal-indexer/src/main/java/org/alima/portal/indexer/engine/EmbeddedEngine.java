package org.alima.portal.indexer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.index.IndexLockedException;
import org.alima.portal.indexer.index.IndexStats;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.IndexedSource;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.index.RebuildResult;
import org.alima.portal.indexer.index.Vectoriser;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.search.Suggestion;
import org.alima.portal.indexer.semantic.SemanticModel;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's own Lucene index in one directory ({@link PortalIndex}) searched by {@link PortalSearch}: the default
 * engine, owned by one process. Thread-safe.
 *
 * <p>The index is derived data: the portal's database and stored files are the truth and a rebuild restores it. So an
 * index that cannot be opened (damaged files) is moved aside and replaced by an empty one ({@link #foundExisting()}
 * is then false, which tells the caller to rebuild); only an index locked by another process stops the opening
 * ({@link IndexLockedException}), since two processes must never share one index.
 *
 * <p>{@link #flush()} commits and refreshes. Concurrent callers share one commit (group commit): two writers finishing
 * together pay for one fsync.
 */
public final class EmbeddedEngine implements SearchEngine {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

    private final PortalIndex index;
    private final PortalSearch search;
    private final boolean foundExisting;
    private final AtomicLong writes = new AtomicLong();
    private final ReentrantLock commitLock = new ReentrantLock();

    /** Writes covered by the last commit; guarded by {@link #commitLock}. */
    private long durableWrites;

    private EmbeddedEngine(PortalIndex index, PortalSearch search, boolean foundExisting) {
        this.index = index;
        this.search = search;
        this.foundExisting = foundExisting;
    }

    /**
     * Opens the index in {@code directory}, creating it when absent and moving it aside (to a sibling {@code
     * <name>.damaged-<epoch millis>}) when it cannot be opened.
     *
     * @param semantic the dense model that encodes queries, loaded at the first search that needs it; null for BM25
     *     only
     * @throws IndexLockedException when another process has the index open
     * @throws IndexException when the index can neither be opened nor moved aside
     */
    public static EmbeddedEngine open(
            Path directory, SearchSettings settings, QueryTranslator translator, SemanticModel semantic) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(translator, "translator");
        Path dir = directory.toAbsolutePath().normalize();
        boolean found = holdsAnIndex(dir);
        PortalIndex index;
        try {
            index = PortalIndex.open(dir);
        } catch (IndexLockedException e) {
            throw e;
        } catch (IndexException e) {
            moveAside(dir, e);
            index = PortalIndex.open(dir);
            found = false;
        }
        return new EmbeddedEngine(index, new PortalSearch(index, settings, translator, semantic), found);
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public boolean ranksByMeaning() {
        return search.semantic().isPresent();
    }

    /** Where the index lives, for logs and for an operator's commands. */
    public Path directory() {
        return index.directory();
    }

    @Override
    public SearchResponse search(SearchRequest request) {
        return search.search(request);
    }

    @Override
    public List<String> rankedIds(String query, int size) {
        return search.rankedIds(query, size);
    }

    @Override
    public List<Suggestion> autocomplete(String typed, int size, Access access) {
        return search.autocomplete(typed, size, access);
    }

    @Override
    public List<Hit> related(String id, int size, Access access) {
        return search.related(id, size, access);
    }

    @Override
    public PageText page(String id, int page, String query, String readerLanguage, Access access) {
        return search.page(id, page, query, readerLanguage, access);
    }

    @Override
    public List<String> pageTexts(String id, Access access) {
        return search.pageTexts(id, access);
    }

    @Override
    public Translation translate(String query, String readerLanguage) {
        return search.translate(query, readerLanguage);
    }

    /** Without vectors, the document keeps those the index holds for the same text. */
    @Override
    public void upsert(IndexableDocument document, Optional<DocumentVectors> vectors) {
        Objects.requireNonNull(vectors, "vectors");
        if (vectors.isPresent()) {
            index.upsert(document, vectors.get());
        } else {
            index.upsert(document);
        }
        writes.incrementAndGet();
    }

    @Override
    public void delete(String id) {
        index.delete(id);
        writes.incrementAndGet();
    }

    /**
     * Commits unless a commit that started after the caller's last write already covered it, then refreshes. A write is
     * counted after it reached the writer, so a commit that starts after reading the count covers at least the writes
     * counted.
     */
    @Override
    public void flush() {
        long target = writes.get();
        commitLock.lock();
        try {
            if (durableWrites < target) {
                long covered = writes.get();
                index.commit();
                durableWrites = covered;
            }
        } finally {
            commitLock.unlock();
        }
        index.refresh();
    }

    @Override
    public RebuildResult rebuild(Stream<IndexableDocument> documents, Vectoriser vectoriser) {
        return index.rebuild(documents, vectoriser);
    }

    @Override
    public boolean contains(String id) {
        return index.contains(id);
    }

    @Override
    public long documentCount() {
        return index.documentCount();
    }

    @Override
    public IndexStats stats() {
        return index.stats();
    }

    @Override
    public boolean needsRebuild() {
        return index.needsRebuild();
    }

    @Override
    public boolean foundExisting() {
        return foundExisting;
    }

    @Override
    public List<IndexedSource> sources() {
        return index.sources();
    }

    @Override
    public Optional<DocumentVectors> vectorsOf(String id) {
        return index.vectorsOf(id);
    }

    @Override
    public List<String> withoutVectors(String model, int max) {
        return index.withoutVectors(model, max);
    }

    /** Commits and closes; searches still running finish normally. */
    @Override
    public void close() {
        index.close();
    }

    private static boolean holdsAnIndex(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false; // first: FSDirectory.open creates a missing directory
        }
        try (Directory files = FSDirectory.open(directory)) {
            return DirectoryReader.indexExists(files);
        } catch (IOException e) {
            return false;
        }
    }

    private static void moveAside(Path directory, IndexException failure) {
        Path aside = directory.resolveSibling(
                directory.getFileName() + ".damaged-" + Instant.now().toEpochMilli());
        LOG.error(
                "The search index at {} cannot be opened; moving it to {} and starting from an empty index, to be"
                        + " rebuilt from the portal's database and stored files",
                directory,
                aside,
                failure);
        try {
            Files.move(directory, aside);
        } catch (IOException moveFailure) {
            failure.addSuppressed(moveFailure);
            throw new IndexException(
                    "The search index at " + directory + " cannot be opened nor moved aside; delete it (it is rebuilt"
                            + " from the database at the next start) or check the data directory's permissions",
                    failure);
        }
    }
}
