package org.alima.portal.indexer.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Finds the best-matching pages of documents: Lucene's unified highlighter over the body, whose values are the pages,
 * reading offsets from the postings. Immutable once built; create one per search (it holds the searcher).
 */
final class PageHighlighter extends UnifiedHighlighter {

    /** Target passage length in characters; passages follow sentence boundaries and never cross pages. */
    private static final int PASSAGE_LENGTH = 200;

    /** More passages than pages are scored, so that several good passages on one page leave room for other pages. */
    private static final int PASSAGES_PER_PAGE = 3;

    private PageHighlighter(Builder builder) {
        super(builder);
    }

    static PageHighlighter create(IndexSearcher searcher, int pagesPerHit) {
        Builder builder = builder(searcher, IndexSchema.analyzer())
                .withMaxLength(Integer.MAX_VALUE - 1) // the whole document, not the first 10,000 characters
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), PASSAGE_LENGTH, 0.5f))
                .withPassageSortComparator(Comparator.comparingDouble(Passage::getScore)
                        .reversed()
                        .thenComparingInt(Passage::getStartOffset))
                .withMaxNoHighlightPassages(0)
                .withFormatter(new PageFormatter(pagesPerHit, MULTIVAL_SEP_CHAR));
        return new PageHighlighter(builder);
    }

    /** The best pages of each document, parallel to {@code docIds}. */
    List<List<PageHit>> pages(Query highlight, int[] docIds, int pagesPerHit) throws IOException {
        Object[] formatted = highlightFieldsAsObjects(
                        new String[] {IndexSchema.BODY}, highlight, docIds, new int[] {pagesPerHit * PASSAGES_PER_PAGE})
                .get(IndexSchema.BODY);
        List<List<PageHit>> pages = new ArrayList<>(docIds.length);
        for (Object perDoc : formatted) {
            @SuppressWarnings("unchecked")
            List<PageHit> hits = perDoc == null ? List.of() : (List<PageHit>) perDoc;
            pages.add(hits);
        }
        return pages;
    }
}
