package org.alima.portal.indexer.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;

/**
 * One open Lucene index directory: its writer, its near-real-time searcher manager and the thread that refreshes it.
 * {@link PortalIndex} replaces the whole generation when a rebuild is swapped in. Thread-safe (Lucene's classes are).
 */
final class IndexGeneration {

    static final String SCHEMA_VERSION_KEY = "portal.schema.version";
    static final String COMMITTED_AT_KEY = "portal.committed.at";

    /** An added document becomes searchable within this many seconds without an explicit refresh. */
    static final double MAX_STALE_SECONDS = 0.5;

    private static final double MIN_STALE_SECONDS = 0.02;

    final Path path;
    final Directory directory;
    final IndexWriter writer;
    final SearcherManager searchers;
    final int schemaVersion;
    private final ControlledRealTimeReopenThread<IndexSearcher> refresher;

    private IndexGeneration(
            Path path, Directory directory, IndexWriter writer, SearcherManager searchers, int version) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.schemaVersion = version;
        this.refresher = new ControlledRealTimeReopenThread<>(writer, searchers, MAX_STALE_SECONDS, MIN_STALE_SECONDS);
        refresher.setName("portal-index-refresh " + path.getFileName());
        refresher.setDaemon(true);
        refresher.start();
    }

    /** Opens the index at {@code path}, creating an empty one (with the current schema version) when none exists. */
    static IndexGeneration open(Path path) {
        Directory directory = null;
        IndexWriter writer = null;
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            boolean exists = DirectoryReader.indexExists(directory);
            writer = new IndexWriter(directory, writerConfig(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            int version;
            if (exists) {
                version = versionOf(writer);
            } else {
                version = IndexSchema.VERSION;
                commit(writer, version);
            }
            SearcherManager searchers = new SearcherManager(writer, new SnapshotSearcher.Factory());
            return new IndexGeneration(path, directory, writer, searchers, version);
        } catch (LockObtainFailedException e) {
            IOUtils.closeWhileHandlingException(writer, directory);
            throw new IndexLockedException(path, e);
        } catch (IndexFormatTooOldException | IndexFormatTooNewException | CorruptIndexException e) {
            IOUtils.closeWhileHandlingException(writer, directory);
            throw new IndexException(
                    "the index at " + path + " cannot be read (" + e.getMessage() + "); delete the directory and"
                            + " index the documents again",
                    e);
        } catch (IOException e) {
            IOUtils.closeWhileHandlingException(writer, directory);
            throw new IndexException(
                    "could not open the index at " + path + ": " + e + "; check that the directory is writable", e);
        }
    }

    static IndexWriterConfig writerConfig(IndexWriterConfig.OpenMode mode) {
        IndexWriterConfig config = new IndexWriterConfig(IndexSchema.analyzer());
        config.setSimilarity(IndexSchema.similarity());
        config.setCodec(IndexSchema.codec());
        config.setOpenMode(mode);
        // PortalIndex.close() commits explicitly, with the commit's user data.
        config.setCommitOnClose(false);
        config.setRAMBufferSizeMB(64);
        return config;
    }

    /** Makes every change so far durable, recording the schema version and the time. */
    static void commit(IndexWriter writer, int schemaVersion) throws IOException {
        writer.setLiveCommitData(Map.of(
                        SCHEMA_VERSION_KEY,
                        Integer.toString(schemaVersion),
                        COMMITTED_AT_KEY,
                        Instant.now().toString())
                .entrySet());
        writer.commit();
    }

    private static int versionOf(IndexWriter writer) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(SCHEMA_VERSION_KEY)) {
                    try {
                        return Integer.parseInt(entry.getValue());
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }

    /** Stops refreshing and closes everything, committing first when asked; open snapshots stay usable. */
    void close(boolean commit) throws IOException {
        try {
            refresher.close();
            searchers.close();
            if (commit) {
                commit(writer, schemaVersion);
                writer.close();
            } else {
                writer.rollback();
            }
        } finally {
            IOUtils.closeWhileHandlingException(writer, directory);
        }
    }
}
