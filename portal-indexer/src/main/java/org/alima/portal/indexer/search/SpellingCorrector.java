package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.spell.SuggestWordQueue;

/**
 * Proposes a corrected query text by replacing each unknown word with the closest frequent word of the documents in
 * the query's language (within two edits, same first letter). It reads the index's own words, so it is as fresh as
 * the index and needs no dictionary to build. Thread-safe (the spell checker is configured once and then only read).
 *
 * <p>A word is unknown when no visible document holds it and the caller does not know it otherwise ({@link
 * KnownWord}: its forms or translations find documents, a translation table has it): a word that finds documents is
 * what the reader meant, never corrected ("malaria" is not "maladie"). Only the documents a search may see, in the
 * query's language when it is known, count for a candidate: a word found only in hidden documents, or only in
 * documents of a third language ("paludismo"), is never proposed. The spell checker draws the {@value #CANDIDATES}
 * nearest words from the whole index's dictionary; each is then counted among those documents.
 */
final class SpellingCorrector {

    /** Whether a typed word is the reader's own, to be left as typed. */
    @FunctionalInterface
    interface KnownWord {
        boolean test(String word) throws IOException;
    }

    /** Nearest words of the index considered per misspelled word, before visibility is checked. */
    static final int CANDIDATES = 25;

    static final int MIN_WORD_LENGTH = 4;

    private final DirectSpellChecker checker = new DirectSpellChecker();

    SpellingCorrector() {
        checker.setMaxEdits(2);
        checker.setMinPrefix(1);
        checker.setMinQueryLength(MIN_WORD_LENGTH);
        // How rare the typed word is is decided among the visible documents, below, not by the whole index.
        checker.setMaxQueryFrequency(Integer.MAX_VALUE);
    }

    /**
     * The query with its misspelled plain words replaced, or null when no word needs correcting.
     *
     * @param inLanguage the documents of the query's language, where candidates are counted; null to count them in all
     * @param known words never corrected
     */
    String correct(IndexSearcher searcher, Visibility visibility, String query, Query inLanguage, KnownWord known)
            throws IOException {
        return correct(query, known, word -> suggest(searcher, visibility, word, inLanguage));
    }

    /** Corrects one analysed word of the query: the nearest word the caller may see, or null to leave it. */
    @FunctionalInterface
    interface WordCorrection {
        String better(String word) throws IOException;
    }

    /**
     * The query with each plain word outside quotes that is not {@code known} replaced by its {@code correction}, or
     * null when no word changed: the rule both engines follow, whatever index they ask for words.
     */
    static String correct(String query, KnownWord known, WordCorrection correction) throws IOException {
        StringBuilder corrected = new StringBuilder(query.length());
        boolean changed = false;
        boolean inQuotes = false;
        for (String token : query.split("(?<=\\s)|(?=\\s)")) {
            String replacement = token;
            if (!inQuotes && isPlainWord(token)) {
                String better = known.test(token) ? null : correctWord(token, correction);
                if (better != null) {
                    replacement = better;
                    changed = true;
                }
            }
            inQuotes ^= token.chars().filter(c -> c == '"').count() % 2 == 1;
            corrected.append(replacement);
        }
        return changed ? corrected.toString() : null;
    }

    /**
     * The best of the candidates whose {@code freq} was counted among the visible documents: nearest first, then the
     * more frequent, then the spell checker's own order; null when none occurs in a visible document.
     */
    static SuggestWord best(List<SuggestWord> counted) {
        SuggestWord best = null;
        for (SuggestWord candidate : counted) {
            if (candidate.freq > 0
                    && (best == null || SuggestWordQueue.DEFAULT_COMPARATOR.compare(candidate, best) > 0)) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean isPlainWord(String token) {
        if (token.isBlank() || token.contains(":") || token.contains("*") || token.contains("~")) {
            return false;
        }
        return !token.equals("AND") && !token.equals("OR") && !token.equals("NOT");
    }

    /** The token with its misspelled word replaced, or null. */
    private static String correctWord(String token, WordCorrection correction) throws IOException {
        try (TokenStream words = IndexSchema.analyzer().tokenStream(IndexSchema.SPELLING, token)) {
            CharTermAttribute term = words.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = words.addAttribute(OffsetAttribute.class);
            words.reset();
            String result = null;
            if (words.incrementToken()) {
                String word = term.toString();
                int start = offset.startOffset();
                int end = offset.endOffset();
                if (!words.incrementToken() && word.codePoints().allMatch(Character::isLetter)) {
                    String better = correction.better(word);
                    if (better != null) {
                        result = token.substring(0, start) + better + token.substring(end);
                    }
                }
            }
            words.end();
            return result;
        }
    }

    /**
     * The nearest word of the visible documents in the query's language, ties going to the more frequent, then to the
     * first in alphabetical order (the spell checker's own order); null when {@code word} is in a visible document.
     */
    private String suggest(IndexSearcher searcher, Visibility visibility, String word, Query inLanguage)
            throws IOException {
        if (word.length() < MIN_WORD_LENGTH) {
            return null;
        }
        Term term = new Term(IndexSchema.SPELLING, word.toLowerCase(Locale.ROOT));
        if (visibility.documentFrequency(searcher, term) > 0) {
            return null;
        }
        List<SuggestWord> candidates = new ArrayList<>();
        for (SuggestWord candidate :
                checker.suggestSimilar(term, CANDIDATES, searcher.getIndexReader(), SuggestMode.SUGGEST_ALWAYS)) {
            // freq was counted in the whole index; only what the caller may see, in the query's language, decides.
            candidate.freq =
                    frequency(searcher, visibility, new Term(IndexSchema.SPELLING, candidate.string), inLanguage);
            candidates.add(candidate);
        }
        SuggestWord best = best(candidates);
        return best == null ? null : best.string;
    }

    private static int frequency(IndexSearcher searcher, Visibility visibility, Term term, Query inLanguage)
            throws IOException {
        if (inLanguage == null) {
            return visibility.documentFrequency(searcher, term);
        }
        return searcher.count(visibility.restrict(new BooleanQuery.Builder()
                .add(new TermQuery(term), BooleanClause.Occur.MUST)
                .add(inLanguage, BooleanClause.Occur.FILTER)
                .build()));
    }
}
