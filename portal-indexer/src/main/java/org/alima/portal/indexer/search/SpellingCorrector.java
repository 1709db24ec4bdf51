package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.Locale;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.spell.SuggestWordQueue;

/**
 * Proposes a corrected query text by replacing each unknown or very rare word with the closest more frequent word of
 * the documents (within two edits, same first letter). It reads the index's own words, so it is as fresh as the index
 * and needs no dictionary to build. Thread-safe (the spell checker is configured once and then only read).
 *
 * <p>Only the documents a search may see count: how rare a typed word is, and which nearby words are more frequent,
 * are counted among them, so a word found only in hidden documents is neither proposed nor treated as known. The
 * spell checker draws the {@value #CANDIDATES} nearest words from the whole index's dictionary; each is then counted
 * among the visible documents.
 */
final class SpellingCorrector {

    /** A word found in at most this many documents may be a misspelling of a more frequent one. */
    private static final int RARE = 2;

    /** Nearest words of the index considered per misspelled word, before visibility is checked. */
    static final int CANDIDATES = 25;

    private static final int MIN_WORD_LENGTH = 4;

    private final DirectSpellChecker checker = new DirectSpellChecker();

    SpellingCorrector() {
        checker.setMaxEdits(2);
        checker.setMinPrefix(1);
        checker.setMinQueryLength(MIN_WORD_LENGTH);
        // How rare the typed word is is decided among the visible documents, below, not by the whole index.
        checker.setMaxQueryFrequency(Integer.MAX_VALUE);
    }

    /** The query with its misspelled plain words replaced, or null when no word needs correcting. */
    String correct(IndexSearcher searcher, Visibility visibility, String query) throws IOException {
        StringBuilder corrected = new StringBuilder(query.length());
        boolean changed = false;
        boolean inQuotes = false;
        for (String token : query.split("(?<=\\s)|(?=\\s)")) {
            String replacement = token;
            if (!inQuotes && isPlainWord(token)) {
                String better = correctWord(searcher, visibility, token);
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

    private static boolean isPlainWord(String token) {
        if (token.isBlank() || token.contains(":") || token.contains("*") || token.contains("~")) {
            return false;
        }
        return !token.equals("AND") && !token.equals("OR") && !token.equals("NOT");
    }

    /** The token with its misspelled word replaced, or null. */
    private String correctWord(IndexSearcher searcher, Visibility visibility, String token) throws IOException {
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
                    String better = suggest(searcher, visibility, word);
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
     * The nearest word more frequent than {@code word} among the visible documents, ties going to the more frequent,
     * then to the first in alphabetical order (the spell checker's own order); null when {@code word} is not rare.
     */
    private String suggest(IndexSearcher searcher, Visibility visibility, String word) throws IOException {
        if (word.length() < MIN_WORD_LENGTH) {
            return null;
        }
        Term term = new Term(IndexSchema.SPELLING, word.toLowerCase(Locale.ROOT));
        int frequency = visibility.documentFrequency(searcher, term);
        if (frequency > RARE) {
            return null;
        }
        SuggestWord best = null;
        for (SuggestWord candidate :
                checker.suggestSimilar(term, CANDIDATES, searcher.getIndexReader(), SuggestMode.SUGGEST_ALWAYS)) {
            // freq was counted in the whole index; only what the caller may see decides.
            candidate.freq = visibility.documentFrequency(searcher, new Term(IndexSchema.SPELLING, candidate.string));
            if (candidate.freq > frequency
                    && (best == null || SuggestWordQueue.DEFAULT_COMPARATOR.compare(candidate, best) > 0)) {
                best = candidate;
            }
        }
        return best == null ? null : best.string;
    }
}
