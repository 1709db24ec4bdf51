package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
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
 * abstract, keywords and first pages, searched across the same fields, the document itself and its other versions
 * (the same {@link IndexSchema#WORK}) excluded, among the latest versions of the documents the caller may see. Stateless; thread-safe (MoreLikeThis, which is not, is created per
 * call).
 */
final class RelatedDocuments {

    static final int MAX_SIZE = 50;

    /** Only the beginning of the body is read: it bounds the work on 500-page documents and is where topics are. */
    private static final int BODY_CHARS_READ = 20_000;

    private static final String[] FIELDS = {
        IndexSchema.TITLE, IndexSchema.ABSTRACT, IndexSchema.KEYWORDS, IndexSchema.BODY
    };

    /**
     * The query for visible documents like {@code id}, excluding it and every other version of its work: those are
     * its versions, not documents related to it, and leaving them out here keeps the count right.
     *
     * @throws DocumentNotFoundException when {@code id} is not in the index or {@code access} may not see it
     */
    Query likeQuery(IndexSearcher searcher, Access access, String id, int size) throws IOException {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidSearchRequestException(
                    "related size must be between 1 and " + MAX_SIZE + " (MAX_SIZE), got " + size);
        }
        Term idTerm = new Term(IndexSchema.ID, id);
        // Any version the caller may see: an older one that a reader opened by its link has related documents too.
        ScoreDoc[] found = searcher.search(new Visibility(access, true).restrict(new TermQuery(idTerm)), 1).scoreDocs;
        if (found.length == 0) {
            throw new DocumentNotFoundException(id);
        }
        StoredFields stored = searcher.storedFields();
        int doc = found[0].doc;
        Document fields = stored.document(
                doc,
                Set.of(
                        IndexSchema.TITLE,
                        IndexSchema.ABSTRACT,
                        IndexSchema.KEYWORDS,
                        IndexSchema.PAGE_COUNT,
                        IndexSchema.WORK,
                        IndexSchema.TRANSLATIONS));
        Map<String, Collection<Object>> text = Map.of(
                IndexSchema.TITLE, List.of((Object[]) fields.getValues(IndexSchema.TITLE)),
                IndexSchema.ABSTRACT, List.of((Object[]) fields.getValues(IndexSchema.ABSTRACT)),
                IndexSchema.KEYWORDS, List.of((Object[]) fields.getValues(IndexSchema.KEYWORDS)),
                IndexSchema.BODY, firstPages(stored, doc, fields.getField(IndexSchema.PAGE_COUNT)));
        MoreLikeThis similar = new MoreLikeThis(searcher.getIndexReader());
        similar.setAnalyzer(IndexSchema.analyzer());
        similar.setFieldNames(FIELDS);
        similar.setMinTermFreq(1);
        similar.setMinDocFreq(2);
        similar.setMinWordLen(3);
        similar.setMaxQueryTerms(25);
        similar.setBoost(true);
        BooleanQuery.Builder like = new BooleanQuery.Builder()
                .add(similar.like(text), BooleanClause.Occur.MUST)
                .add(new TermQuery(idTerm), BooleanClause.Occur.MUST_NOT);
        String work = fields.get(IndexSchema.WORK);
        if (work != null) {
            like.add(new TermQuery(new Term(IndexSchema.WORK, work)), BooleanClause.Occur.MUST_NOT);
        }
        // Its translations are the same work too, in another language: not related documents either.
        String translations = fields.get(IndexSchema.TRANSLATIONS);
        if (translations != null) {
            like.add(new TermQuery(new Term(IndexSchema.TRANSLATIONS, translations)), BooleanClause.Occur.MUST_NOT);
        }
        return Visibility.current(access).restrict(like.build());
    }

    /** The text of the first pages, up to {@link #BODY_CHARS_READ} characters; page k follows its document by k. */
    private static Collection<Object> firstPages(StoredFields stored, int doc, IndexableField pageCount)
            throws IOException {
        List<Object> pages = new ArrayList<>();
        int count = pageCount == null ? 0 : pageCount.numericValue().intValue();
        int budget = BODY_CHARS_READ;
        for (int page = 1; page <= count && budget > 0; page++) {
            String text =
                    stored.document(doc + page, Set.of(IndexSchema.PAGE_TEXT)).get(IndexSchema.PAGE_TEXT);
            String kept = text.length() > budget ? text.substring(0, budget) : text;
            pages.add(kept);
            budget -= kept.length();
        }
        return pages;
    }
}
