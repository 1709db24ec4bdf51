package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The nearest documents to a query vector: a k-nearest-neighbour search over the documents' vectors and one over
 * their passages' vectors, each filtered inside the graph walk by the caller's {@link Visibility} and the query's
 * model, the passages then credited to their documents. Stateless; thread-safe.
 */
final class DenseRetrieval {

    /** A document found by meaning, and its best passage (page 0 when no passage was among the nearest). */
    record Match(int doc, float score, int page, int start, int end) {
        boolean hasPassage() {
            return page > 0;
        }
    }

    private DenseRetrieval() {}

    /** Up to {@code fusion.denseCandidates()} documents, best first; the scores are Lucene's (1 + cosine) / 2. */
    static List<Match> nearest(
            IndexSearcher searcher, float[] vector, String model, Visibility visibility, Fusion fusion)
            throws IOException {
        Query filter = visibility.restrict(new TermQuery(new Term(IndexSchema.VECTOR_MODEL, model)));
        int k = fusion.denseCandidates();
        Map<Integer, Match> byDoc = new HashMap<>();
        if (fusion.denseSource() != Fusion.DenseSource.PASSAGES) {
            for (ScoreDoc hit : searcher.search(
                            new KnnFloatVectorQuery(IndexSchema.DOCUMENT_VECTOR, vector, k, filter), k)
                    .scoreDocs) {
                byDoc.put(hit.doc, new Match(hit.doc, hit.score, 0, 0, 0));
            }
        }
        if (fusion.denseSource() != Fusion.DenseSource.DOCUMENT) {
            // Several passages of one document may be near: twice as many, so that k documents remain.
            TopDocs passages =
                    searcher.search(new KnnFloatVectorQuery(IndexSchema.PASSAGE_VECTOR, vector, 2 * k, filter), 2 * k);
            StoredFields stored = searcher.storedFields();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (ScoreDoc hit : passages.scoreDocs) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                NumericDocValues parent = leaf.reader().getNumericDocValues(IndexSchema.PASSAGE_PARENT);
                if (parent == null || !parent.advanceExact(hit.doc - leaf.docBase)) {
                    continue;
                }
                int doc = hit.doc - (int) parent.longValue();
                Match known = byDoc.get(doc);
                if (known != null && known.hasPassage() && known.score() >= hit.score) {
                    continue;
                }
                Document fields = stored.document(
                        hit.doc, Set.of(IndexSchema.PASSAGE_PAGE, IndexSchema.PASSAGE_START, IndexSchema.PASSAGE_END));
                Match passage = new Match(
                        doc,
                        known == null ? hit.score : Math.max(known.score(), hit.score),
                        fields.getField(IndexSchema.PASSAGE_PAGE).numericValue().intValue(),
                        fields.getField(IndexSchema.PASSAGE_START)
                                .numericValue()
                                .intValue(),
                        fields.getField(IndexSchema.PASSAGE_END).numericValue().intValue());
                byDoc.put(doc, passage);
            }
        }
        List<Match> matches = new ArrayList<>(byDoc.values());
        matches.sort(Comparator.comparingDouble((Match m) -> -m.score()).thenComparingInt(Match::doc));
        return matches.size() > k ? matches.subList(0, k) : matches;
    }
}
