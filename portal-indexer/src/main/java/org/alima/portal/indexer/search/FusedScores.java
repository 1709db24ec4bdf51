package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The score of a hybrid search, for Lucene's {@code FunctionScoreQuery} over "the words match, or the document is
 * among the fused ones": 1 + its fused score for a fused document, else its BM25 score s squeezed below 1 as
 * s / (1 + s). So the fused documents come first in fused order, every other match follows in BM25 order, and totals,
 * facets, sorting and cursors work as for any query. Valid for one index snapshot only (doc ids); never cached.
 */
final class FusedScores extends DoubleValuesSource {

    private final int[] docs;
    private final float[] scores;

    /** @param fused the fused documents (top-level doc ids of the snapshot being searched) and scores */
    FusedScores(List<RankFusion.Scored> fused) {
        RankFusion.Scored[] sorted = fused.toArray(RankFusion.Scored[]::new);
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.doc(), b.doc()));
        docs = new int[sorted.length];
        scores = new float[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            docs[i] = sorted[i].doc();
            scores[i] = sorted[i].score();
        }
    }

    @Override
    public DoubleValues getValues(LeafReaderContext leaf, DoubleValues inner) {
        int base = leaf.docBase;
        return new DoubleValues() {
            private int doc;

            @Override
            public double doubleValue() throws IOException {
                int at = Arrays.binarySearch(docs, base + doc);
                if (at >= 0) {
                    return 1 + scores[at];
                }
                double score = inner == null ? 0 : inner.doubleValue();
                return score / (1 + score);
            }

            @Override
            public boolean advanceExact(int target) throws IOException {
                doc = target;
                if (inner != null) {
                    inner.advanceExact(target);
                }
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return true;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "fused(" + docs.length + " documents)";
    }
}
