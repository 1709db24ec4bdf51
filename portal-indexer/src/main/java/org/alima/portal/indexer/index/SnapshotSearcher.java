package org.alima.portal.indexer.index;

import java.io.IOException;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * The searcher that the searcher manager hands out, carrying the facet ordinal map of its reader, built once per
 * refresh rather than once per search. Immutable; thread-safe.
 */
final class SnapshotSearcher extends IndexSearcher {

    private final SortedSetDocValuesReaderState facetState;

    private SnapshotSearcher(IndexReader reader, SortedSetDocValuesReaderState facetState) {
        super(reader);
        this.facetState = facetState;
        setSimilarity(IndexSchema.similarity());
    }

    SortedSetDocValuesReaderState facetState() {
        return facetState;
    }

    /** Creates a {@link SnapshotSearcher} for every reader the searcher manager opens. */
    static final class Factory extends SearcherFactory {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            FacetsConfig config = IndexSchema.facetsConfig();
            FieldInfo facetField =
                    FieldInfos.getMergedFieldInfos(reader).fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
            // The state cannot be built before some document has a facet value.
            SortedSetDocValuesReaderState state =
                    facetField == null ? null : new DefaultSortedSetDocValuesReaderState(reader, config);
            return new SnapshotSearcher(reader, state);
        }
    }
}
