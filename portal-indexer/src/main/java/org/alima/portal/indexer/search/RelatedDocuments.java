package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Finds documents similar to a given one with Lucene's MoreLikeThis: the most distinctive words of its title,
 * abstract, keywords and first pages, searched across the same fields, the document itself excluded. Stateless;
 * thread-safe (MoreLikeThis, which is not, is created per call).
 */
final class RelatedDocuments {

    static final int MAX_SIZE = 50;

    /** Only the beginning of the body is read: it bounds the work on 500-page documents and is where topics are. */
    private static final int BODY_CHARS_READ = 20_000;

    private static final String[] FIELDS = {
        IndexSchema.TITLE, IndexSchema.ABSTRACT, IndexSchema.KEYWORDS, IndexSchema.BODY
    };

    /** The query for documents like {@code id}, excluding it. */
    Query likeQuery(IndexSearcher searcher, String id, int size) throws IOException {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidSearchRequestException(
                    "related size must be between 1 and " + MAX_SIZE + " (MAX_SIZE), got " + size);
        }
        Term idTerm = new Term(IndexSchema.ID, id);
        ScoreDoc[] found = searcher.search(new TermQuery(idTerm), 1).scoreDocs;
        if (found.length == 0) {
            throw new DocumentNotFoundException(id);
        }
        Document doc = searcher.storedFields().document(found[0].doc, Set.of(FIELDS));
        Map<String, Collection<Object>> text = Map.of(
                IndexSchema.TITLE, values(doc, IndexSchema.TITLE, Integer.MAX_VALUE),
                IndexSchema.ABSTRACT, values(doc, IndexSchema.ABSTRACT, Integer.MAX_VALUE),
                IndexSchema.KEYWORDS, values(doc, IndexSchema.KEYWORDS, Integer.MAX_VALUE),
                IndexSchema.BODY, values(doc, IndexSchema.BODY, BODY_CHARS_READ));
        MoreLikeThis like = new MoreLikeThis(searcher.getIndexReader());
        like.setAnalyzer(IndexSchema.analyzer());
        like.setFieldNames(FIELDS);
        like.setMinTermFreq(1);
        like.setMinDocFreq(2);
        like.setMinWordLen(3);
        like.setMaxQueryTerms(25);
        like.setBoost(true);
        return new BooleanQuery.Builder()
                .add(like.like(text), BooleanClause.Occur.MUST)
                .add(new TermQuery(idTerm), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    private static Collection<Object> values(Document doc, String field, int maxChars) {
        List<Object> values = new ArrayList<>();
        int budget = maxChars;
        for (String value : doc.getValues(field)) {
            if (budget <= 0) {
                break;
            }
            String kept = value.length() > budget ? value.substring(0, budget) : value;
            values.add(kept);
            budget -= kept.length();
        }
        return values;
    }
}
