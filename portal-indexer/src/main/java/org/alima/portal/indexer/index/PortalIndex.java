package org.alima.portal.indexer.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's Lucene index in one directory: writes, durable commits, near-real-time visibility and rebuilds.
 * Thread-safe: any number of threads may write and search at once.
 *
 * <p>Writes are visible to searches within {@value IndexGeneration#MAX_STALE_SECONDS} s without {@link #refresh()},
 * and durable after {@link #commit()} (or {@link #close()}): a crash loses only what was written since the last
 * commit. Each commit records {@link IndexSchema#VERSION}, so an index built by an older schema is detected ({@link
 * #needsRebuild()}) and can be rebuilt from its sources while it keeps serving searches ({@link #rebuild}).
 */
public final class PortalIndex implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalIndex.class);

    private final Path directory;
    private final FacetsConfig facetsConfig = IndexSchema.facetsConfig();

    /** Writes hold the read side; swapping in a rebuilt index holds the write side. */
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();

    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private final Object journalLock = new Object();
    private volatile IndexGeneration generation;
    private volatile boolean closed;

    /** Writes made while a rebuild runs, replayed on the new index before it is swapped in; null when none runs. */
    private List<Write> journal;

    /** Held while open: guards the index directory and its rebuild siblings against a second owner. */
    private final RebuildDirectories.Ownership ownership;

    private PortalIndex(Path directory, RebuildDirectories.Ownership ownership, IndexGeneration generation) {
        this.directory = directory;
        this.ownership = ownership;
        this.generation = generation;
    }

    /**
     * Opens an index that must already exist, for commands that only read or rebuild one: {@link #open} would create
     * an empty index where a mistyped path points.
     *
     * @throws IndexException naming the directory when it holds no index
     */
    public static PortalIndex openExisting(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        boolean exists = false;
        if (Files.isDirectory(dir)) { // first: FSDirectory.open creates a missing directory
            try (FSDirectory files = FSDirectory.open(dir)) {
                exists = DirectoryReader.indexExists(files);
            } catch (IOException e) {
                exists = false;
            }
        }
        if (!exists) {
            throw new IndexException(
                    "no index at " + dir + "; build one with: portal-indexer index --index " + dir + " PATH...");
        }
        return open(dir);
    }

    /**
     * Opens the index in {@code directory}, creating the directory and an empty index when absent, and finishing or
     * discarding a rebuild that a crash interrupted.
     *
     * @throws IndexLockedException when another writer has the directory open
     * @throws IndexException when the directory cannot be created, read or written
     */
    public static PortalIndex open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        RebuildDirectories.Ownership ownership = RebuildDirectories.own(dir);
        try {
            RebuildDirectories.recover(dir);
            return new PortalIndex(dir, ownership, IndexGeneration.open(dir));
        } catch (IOException e) {
            ownership.close();
            throw new IndexException("could not recover the interrupted rebuild next to " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            ownership.close();
            throw e;
        }
    }

    /** The directory this index lives in. */
    public Path directory() {
        return directory;
    }

    /**
     * Adds the document, or replaces the one with the same id.
     *
     * @throws InvalidDocumentException when the document breaks a bound (nothing is written)
     * @throws StaleIndexException when the index must be rebuilt first
     */
    public void upsert(IndexableDocument document) {
        Objects.requireNonNull(document, "document");
        upsert(document, carriedOver(document).orElse(null));
    }

    /**
     * Adds the document with its dense vectors, or replaces the one with the same id. Without vectors ({@code
     * vectors} null) the document is found by its words only, until it is written again with vectors.
     *
     * @throws InvalidDocumentException when the document breaks a bound, or its vectors are not those of its text
     *     (nothing is written)
     * @throws StaleIndexException when the index must be rebuilt first
     */
    public void upsert(IndexableDocument document, DocumentVectors vectors) {
        Objects.requireNonNull(document, "document");
        List<Document> block; // built first, so an invalid document is refused before anything is written
        try {
            block = IndexSchema.toDocuments(document, vectors, facetsConfig);
        } catch (IOException e) {
            throw new IndexException("could not prepare document " + document.id() + ": " + e, e);
        }
        write(new Upsert(document.id(), block));
    }

    /**
     * The vectors the index holds for this document when they were computed from the same text (and model and
     * passage rule) as {@code document} has: a write that changes only metadata or visibility keeps them, so that
     * publishing a document does not make it wait for its vectors again.
     */
    public Optional<DocumentVectors> carriedOver(IndexableDocument document) {
        try (IndexSnapshot snapshot = snapshot()) {
            return storedVectors(snapshot.reader(), document.id())
                    .filter(stored ->
                            stored.fingerprint().equals(DocumentVectors.fingerprint(document, stored.model())));
        } catch (IOException e) {
            throw failure("read the vectors of", e);
        }
    }

    /** The vectors stored for document {@code id}, of whichever model; empty when it has none or is absent. */
    public Optional<DocumentVectors> vectorsOf(String id) {
        try (IndexSnapshot snapshot = snapshot()) {
            return storedVectors(snapshot.reader(), id);
        } catch (IOException e) {
            throw failure("read the vectors of", e);
        }
    }

    /** Whether a document with this id is in the index (visible to searches, at most half a second stale). */
    public boolean contains(String id) {
        try (IndexSnapshot snapshot = snapshot()) {
            return new IndexSearcher(snapshot.reader()).count(new TermQuery(new Term(IndexSchema.ID, id))) > 0;
        } catch (IOException e) {
            throw failure("look up a document in", e);
        }
    }

    /** Ids of up to {@code max} documents (current or not) without vectors of {@code model}, in index order. */
    public List<String> withoutVectors(String model, int max) {
        Query lacking = new BooleanQuery.Builder()
                .add(IndexSchema.documentsQuery(), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.VECTOR_MODEL, model)), BooleanClause.Occur.MUST_NOT)
                .build();
        List<String> ids = new ArrayList<>();
        try (IndexSnapshot snapshot = snapshot()) {
            IndexSearcher searcher = new IndexSearcher(snapshot.reader());
            TopDocs top = searcher.search(lacking, Math.max(1, max), Sort.INDEXORDER);
            List<LeafReaderContext> leaves = snapshot.reader().leaves();
            for (ScoreDoc hit : top.scoreDocs) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                SortedDocValues id = DocValues.getSorted(leaf.reader(), IndexSchema.ID);
                if (id.advanceExact(hit.doc - leaf.docBase)) {
                    ids.add(id.lookupOrd(id.ordValue()).utf8ToString());
                }
            }
        } catch (IOException e) {
            throw failure("list the documents without vectors of", e);
        }
        return ids;
    }

    /** Documents with vectors of {@code model}, visible to searches. */
    public long countWithVectors(String model) {
        try (IndexSnapshot snapshot = snapshot()) {
            return new IndexSearcher(snapshot.reader())
                    .count(new BooleanQuery.Builder()
                            .add(IndexSchema.documentsQuery(), BooleanClause.Occur.FILTER)
                            .add(new TermQuery(new Term(IndexSchema.VECTOR_MODEL, model)), BooleanClause.Occur.FILTER)
                            .build());
        } catch (IOException e) {
            throw failure("count the documents with vectors in", e);
        }
    }

    private static Optional<DocumentVectors> storedVectors(IndexReader reader, String id) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        TopDocs found = searcher.search(new TermQuery(new Term(IndexSchema.ID, id)), 1);
        if (found.scoreDocs.length == 0) {
            return Optional.empty();
        }
        int doc = found.scoreDocs[0].doc;
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        StoredFields stored = leaf.reader().storedFields();
        Document fields = stored.document(
                local,
                Set.of(
                        IndexSchema.VECTOR_MODEL,
                        IndexSchema.VECTOR_FINGERPRINT,
                        IndexSchema.PASSAGE_COUNT,
                        IndexSchema.PAGE_COUNT));
        String model = fields.get(IndexSchema.VECTOR_MODEL);
        if (model == null) {
            return Optional.empty();
        }
        float[] documentVector = vector(leaf, IndexSchema.DOCUMENT_VECTOR, local);
        int pages = fields.getField(IndexSchema.PAGE_COUNT).numericValue().intValue();
        int count = fields.getField(IndexSchema.PASSAGE_COUNT).numericValue().intValue();
        List<float[]> passages = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            passages.add(vector(leaf, IndexSchema.PASSAGE_VECTOR, local + pages + i));
        }
        if (documentVector == null || passages.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(
                new DocumentVectors(model, fields.get(IndexSchema.VECTOR_FINGERPRINT), documentVector, passages));
    }

    private static float[] vector(LeafReaderContext leaf, String field, int local) throws IOException {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
        if (values == null) {
            return null;
        }
        KnnVectorValues.DocIndexIterator iterator = values.iterator();
        if (iterator.advance(local) != local) {
            return null;
        }
        return values.vectorValue(iterator.index()).clone();
    }

    /** Removes the document with this id from search, facets and suggestions; no-op when absent. */
    public void delete(String id) {
        Objects.requireNonNull(id, "id");
        write(new Delete(id));
    }

    /** Removes every document; the schema version is kept. */
    public void deleteAll() {
        write(new DeleteAll());
    }

    /** Makes every write so far visible to searches now, rather than within half a second. */
    public void refresh() {
        IndexGeneration current = open();
        try {
            current.searchers.maybeRefreshBlocking();
        } catch (IOException | AlreadyClosedException e) {
            throw failure("refresh", e);
        }
    }

    /** Makes every write so far durable: it survives a crash of this process or machine. */
    public void commit() {
        swapLock.readLock().lock();
        try {
            IndexGeneration current = open();
            IndexGeneration.commit(current.writer, current.schemaVersion);
        } catch (IOException | AlreadyClosedException e) {
            throw failure("commit", e);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** Live documents visible to searches (at most half a second stale). */
    public long documentCount() {
        try (IndexSnapshot snapshot = snapshot()) {
            return countDocuments(snapshot.reader());
        } catch (IOException e) {
            throw failure("count the documents of", e);
        }
    }

    /** Portal documents, their page documents not counted. */
    static long countDocuments(IndexReader reader) throws IOException {
        FieldInfo id = FieldInfos.getMergedFieldInfos(reader).fieldInfo(IndexSchema.ID);
        if (id == null || id.getDocValuesType() == DocValuesType.NONE) {
            return reader.numDocs(); // empty, or built by a schema without page documents
        }
        return new IndexSearcher(reader).count(IndexSchema.documentsQuery());
    }

    /** The schema version this index was built with. */
    public int schemaVersion() {
        return open().schemaVersion;
    }

    /** True when the index was built with another schema version: search works, writes are refused until rebuilt. */
    public boolean needsRebuild() {
        return schemaVersion() != IndexSchema.VERSION;
    }

    /** Documents, pages, size, segments and the last commit. */
    public IndexStats stats() {
        IndexGeneration current = open();
        try (IndexSnapshot snapshot = snapshot()) {
            IndexReader reader = snapshot.reader();
            long pages = 0;
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues counts = leaf.reader().getNumericDocValues(IndexSchema.PAGE_COUNT);
                Bits live = leaf.reader().getLiveDocs();
                if (counts == null) {
                    continue;
                }
                for (int doc = counts.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = counts.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        pages += counts.longValue();
                    }
                }
            }
            Map<String, String> userData =
                    SegmentInfos.readLatestCommit(current.directory).getUserData();
            return new IndexStats(
                    countDocuments(reader),
                    pages,
                    sizeOnDisk(current.directory),
                    reader.leaves().size(),
                    parseInstant(userData.get(IndexGeneration.COMMITTED_AT_KEY)),
                    userData,
                    current.schemaVersion);
        } catch (IOException e) {
            throw failure("read statistics of", e);
        }
    }

    /** Id and stored source of every live document, to re-extract them for a rebuild. */
    public List<IndexedSource> sources() {
        List<IndexedSource> sources = new ArrayList<>();
        try (IndexSnapshot snapshot = snapshot()) {
            for (LeafReaderContext leaf : snapshot.reader().leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                Bits live = leaf.reader().getLiveDocs();
                // The id doc value exists on documents only, so page documents are skipped without being read.
                SortedDocValues ids = DocValues.getSorted(leaf.reader(), IndexSchema.ID);
                for (int doc = ids.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ids.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        Document fields = stored.document(doc, Set.of(IndexSchema.ID, IndexSchema.SOURCE));
                        sources.add(new IndexedSource(fields.get(IndexSchema.ID), fields.get(IndexSchema.SOURCE)));
                    }
                }
            }
        } catch (IOException e) {
            throw failure("list the sources of", e);
        }
        return sources;
    }

    /**
     * A point-in-time view for searching; close it when done. Lock-free: it never waits for writes or rebuilds.
     *
     * @throws IndexException when the index is closed
     */
    public IndexSnapshot snapshot() {
        while (true) {
            IndexGeneration current = open();
            try {
                IndexSearcher searcher = current.searchers.acquire();
                return new IndexSnapshot(current.searchers, (SnapshotSearcher) searcher);
            } catch (AlreadyClosedException e) {
                if (current == generation) {
                    throw failure("search", e);
                }
                // A rebuild swapped the generation between reading it and acquiring from it: use the new one.
            } catch (IOException e) {
                throw failure("search", e);
            }
        }
    }

    /**
     * Builds a new index from {@code documents} next to this one, then swaps it in atomically; searches continue on
     * the old index meanwhile, and writes made meanwhile are replayed on the new one before the swap. The result has
     * the current schema version. The stream is consumed but not closed.
     *
     * @throws IndexException when another rebuild is running, or the new index cannot be written (the live index is
     *     then untouched)
     */
    public RebuildResult rebuild(Stream<IndexableDocument> documents) {
        return rebuild(documents, null);
    }

    /**
     * As {@link #rebuild(Stream)}, each document keeping the vectors the live index holds for its text, or given
     * those of {@code vectoriser} when there are none to keep ({@code vectoriser} null: none).
     */
    public RebuildResult rebuild(Stream<IndexableDocument> documents, Vectoriser vectoriser) {
        Objects.requireNonNull(documents, "documents");
        open();
        if (!rebuilding.compareAndSet(false, true)) {
            throw new IndexException("a rebuild of " + directory + " is already running; wait for it to finish");
        }
        long started = System.nanoTime();
        Path building = RebuildDirectories.building(directory);
        try {
            synchronized (journalLock) {
                journal = new ArrayList<>();
            }
            Map<String, String> refused = new LinkedHashMap<>();
            RebuildDirectories.deleteRecursively(building);
            try (Directory target = FSDirectory.open(building);
                    IndexWriter writer =
                            new IndexWriter(target, IndexGeneration.writerConfig(IndexWriterConfig.OpenMode.CREATE))) {
                Iterator<IndexableDocument> iterator = documents.iterator();
                while (iterator.hasNext()) {
                    IndexableDocument document = iterator.next();
                    try {
                        DocumentVectors vectors = carriedOver(document).orElse(null);
                        if (vectors == null && vectoriser != null) {
                            vectors = vectoriser.vectorsOf(document);
                        }
                        writer.updateDocuments(
                                ownerTerm(document.id()), IndexSchema.toDocuments(document, vectors, facetsConfig));
                    } catch (InvalidDocumentException e) {
                        refused.put(e.documentId(), e.getMessage());
                    }
                }
                IndexGeneration.commit(writer, IndexSchema.VERSION);
            }
            RebuildDirectories.move(building, RebuildDirectories.rebuilt(directory));
            long count = swapIn();
            return new RebuildResult(count, refused, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new IndexException(
                    "could not rebuild the index into " + building + ": " + e + "; the live index is unchanged", e);
        } finally {
            synchronized (journalLock) {
                journal = null;
            }
            try {
                RebuildDirectories.deleteRecursively(building);
            } catch (IOException e) {
                LOG.warn("could not delete the unfinished rebuild at {}; it is deleted at next open", building, e);
            }
            rebuilding.set(false);
        }
    }

    /** Replaces the live generation with the rebuilt directory; returns the new document count. */
    private long swapIn() throws IOException {
        Path rebuilt = RebuildDirectories.rebuilt(directory);
        Path retired = RebuildDirectories.retired(directory);
        swapLock.writeLock().lock();
        try {
            IndexGeneration old = open();
            old.close(false);
            RebuildDirectories.deleteRecursively(retired);
            RebuildDirectories.move(directory, retired);
            try {
                RebuildDirectories.move(rebuilt, directory);
            } catch (IOException e) {
                RebuildDirectories.move(retired, directory);
                generation = IndexGeneration.open(directory);
                throw e;
            }
            IndexGeneration fresh = IndexGeneration.open(directory);
            generation = fresh;
            List<Write> replay;
            synchronized (journalLock) {
                replay = journal;
                journal = null;
            }
            for (Write write : replay) {
                write.applyTo(fresh.writer);
            }
            IndexGeneration.commit(fresh.writer, fresh.schemaVersion);
            fresh.searchers.maybeRefreshBlocking();
            IndexSearcher searcher = fresh.searchers.acquire();
            try {
                return countDocuments(searcher.getIndexReader());
            } finally {
                fresh.searchers.release(searcher);
            }
        } finally {
            swapLock.writeLock().unlock();
            try {
                RebuildDirectories.deleteRecursively(retired);
            } catch (IOException e) {
                LOG.warn("could not delete the replaced index at {}; it is deleted at next open", retired, e);
            }
        }
    }

    /** Commits and closes; searches still running on a snapshot finish normally. */
    @Override
    public void close() {
        swapLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            generation.close(true);
        } catch (IOException | AlreadyClosedException e) {
            throw failure("close", e);
        } finally {
            ownership.close();
            swapLock.writeLock().unlock();
        }
    }

    private void write(Write write) {
        swapLock.readLock().lock();
        try {
            IndexGeneration current = open();
            if (write instanceof Upsert && current.schemaVersion != IndexSchema.VERSION) {
                throw new StaleIndexException(directory, current.schemaVersion);
            }
            write.applyTo(current.writer);
            synchronized (journalLock) {
                if (journal != null) {
                    journal.add(write);
                }
            }
        } catch (IOException | AlreadyClosedException e) {
            throw failure("write to", e);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    private IndexGeneration open() {
        if (closed) {
            throw new IndexException("the index at " + directory + " is closed; open it again");
        }
        return generation;
    }

    private IndexException failure(String action, Exception e) {
        if (e instanceof AlreadyClosedException && !closed) {
            return new IndexException(
                    "could not " + action + " the index at " + directory + ": its writer stopped after an earlier"
                            + " error (" + e.getMessage() + "); check disk space, then close and reopen the index",
                    e);
        }
        if (closed) {
            return new IndexException("the index at " + directory + " is closed; open it again", e);
        }
        return new IndexException(
                "could not " + action + " the index at " + directory + ": " + e + "; check disk space and permissions",
                e);
    }

    private static long sizeOnDisk(Directory directory) throws IOException {
        long bytes = 0;
        for (String file : directory.listAll()) {
            try {
                bytes += directory.fileLength(file);
            } catch (NoSuchFileException e) {
                // merged away between listing and measuring
            }
        }
        return bytes;
    }

    private static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The term of a document's whole block: itself and its pages. */
    static Term ownerTerm(String id) {
        return new Term(IndexSchema.OWNER, id);
    }

    /** A write, kept so that it can be replayed on a rebuilt index. */
    private sealed interface Write permits Upsert, Delete, DeleteAll {
        void applyTo(IndexWriter writer) throws IOException;
    }

    /**
     * The Lucene documents hold only string, numeric and vector values, so they can be indexed again when replayed. One update
     * replaces the block atomically, and gives its documents consecutive doc ids, which merges preserve.
     */
    private record Upsert(String id, List<Document> block) implements Write {
        @Override
        public void applyTo(IndexWriter writer) throws IOException {
            writer.updateDocuments(ownerTerm(id), block);
        }
    }

    private record Delete(String id) implements Write {
        @Override
        public void applyTo(IndexWriter writer) throws IOException {
            writer.deleteDocuments(ownerTerm(id));
        }
    }

    private record DeleteAll() implements Write {
        @Override
        public void applyTo(IndexWriter writer) throws IOException {
            writer.deleteAll();
        }
    }
}
