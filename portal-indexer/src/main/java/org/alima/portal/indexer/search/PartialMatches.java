package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alima.portal.indexer.crosslang.Translation;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * A short query whose words must all match, relaxed when together they find too little: the documents holding some of
 * the words, those holding more of them first, each able to say which of the query's words it lacks. Immutable;
 * thread-safe once built (its weights belong to one searcher, for one search).
 *
 * <p>Only a query of plain words ({@link QueryText#isPlainWords}) that requires all of them (two to {@value
 * UserQueryParser#ALL_WORDS_REQUIRED_UP_TO} words, no OR) is relaxed: longer text is already ranked by any of its
 * words, and syntax (a phrase, a required word, a field) says what the reader insists on. A search by date never
 * relaxes: newest first would mix the documents lacking words with those that hold them all.
 *
 * @param words the query's words as typed, edge punctuation removed, stop words left out
 * @param allWords how many visible documents hold every word (the query before it was relaxed)
 */
record PartialMatches(List<String> words, List<Weight> perWord, Query scoring, long allWords) {

    /**
     * A document's score rises by this for each of the query's words it holds, above any BM25 score of the words: a
     * document holding every word ranks before one lacking a word, two words before one. Hand-written because
     * Lucene has no coordination factor since BM25 became its default.
     */
    static final float PER_WORD = 1_000f;

    /**
     * The relaxed query, or null when the query is not relaxed: it is not plain words that must all match, or all its
     * words together find at least {@code fewHits} visible documents under {@code filters}.
     */
    static PartialMatches of(
            IndexSearcher searcher,
            UserQueryParser parser,
            String text,
            Translation translation,
            Query strict,
            Visibility visibility,
            Map<String, Query> filters,
            int fewHits)
            throws IOException {
        List<String> typed = parser.requiredWords(text);
        if (typed.size() < 2) {
            return null;
        }
        long allWords = searcher.count(FacetedSearch.filtered(visibility.restrict(strict), filters));
        if (allWords >= fewHits) {
            return null;
        }
        List<String> words = new ArrayList<>(typed.size());
        List<Weight> perWord = new ArrayList<>(typed.size());
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String word : typed) {
            Query query = parser.parse(word, translation).scoring();
            if (isEmpty(query)) {
                continue; // a stop word: never required, so never lacking
            }
            words.add(word);
            perWord.add(searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f));
            addWord(any, query);
        }
        if (words.size() < 2) {
            return null; // one word that counts: nothing to relax
        }
        return new PartialMatches(List.copyOf(words), List.copyOf(perWord), any.build(), allWords);
    }

    /** Adds a word to the relaxed query: its own score, plus {@link #PER_WORD} when the document holds it. */
    static void addWord(BooleanQuery.Builder any, Query word) {
        any.add(word, BooleanClause.Occur.SHOULD);
        any.add(new BoostQuery(new ConstantScoreQuery(word), PER_WORD), BooleanClause.Occur.SHOULD);
    }

    /** Whether a word's query matches nothing (a stop word). */
    static boolean isEmptyWord(Query query) {
        return isEmpty(query);
    }

    /** The words of the query that the top-level document {@code doc} of this search's searcher does not hold. */
    List<String> missingFrom(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (perWord.get(i).matches(leaf, doc - leaf.docBase) == null) {
                missing.add(words.get(i));
            }
        }
        return missing;
    }

    private static boolean isEmpty(Query query) {
        return query == null
                || query instanceof MatchNoDocsQuery
                || (query instanceof BooleanQuery bool && bool.clauses().isEmpty());
    }
}
