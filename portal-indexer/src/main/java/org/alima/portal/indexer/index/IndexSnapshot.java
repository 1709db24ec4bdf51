package org.alima.portal.indexer.index;

import java.io.IOException;
import java.util.Optional;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;

/**
 * A point-in-time view of the index for one search; close it (try-with-resources) to release it. Its reader may be
 * searched from several threads at once; close it once, from one thread.
 */
public final class IndexSnapshot implements AutoCloseable {

    private final ReferenceManager<IndexSearcher> manager;
    private final SnapshotSearcher searcher;
    private boolean released;

    IndexSnapshot(ReferenceManager<IndexSearcher> manager, SnapshotSearcher searcher) {
        this.manager = manager;
        this.searcher = searcher;
    }

    /** The reader of this view; build a per-request {@link IndexSearcher} on it to set a timeout. */
    public IndexReader reader() {
        return searcher.getIndexReader();
    }

    /** Facet ordinals of this view, or empty while no document has any facet value. */
    public Optional<SortedSetDocValuesReaderState> facetState() {
        return Optional.ofNullable(searcher.facetState());
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            manager.release(searcher);
        } catch (IOException e) {
            throw new IndexException("could not release an index reader: " + e.getMessage(), e);
        }
    }
}
