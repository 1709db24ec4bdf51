package org.alima.portal.indexer.search;

import java.io.IOException;
import java.util.Locale;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * Proposes a corrected query text by replacing each unknown or very rare word with the closest more frequent word of
 * the documents (within two edits, same first letter). It reads the index's own words, so it is as fresh as the index
 * and needs no dictionary to build. Thread-safe (the spell checker is configured once and then only read).
 */
final class SpellingCorrector {

    /** A word found in at most this many documents may be a misspelling of a more frequent one. */
    private static final int RARE = 2;

    private static final int MIN_WORD_LENGTH = 4;

    private final DirectSpellChecker checker = new DirectSpellChecker();

    SpellingCorrector() {
        checker.setMaxEdits(2);
        checker.setMinPrefix(1);
        checker.setMinQueryLength(MIN_WORD_LENGTH);
        checker.setMaxQueryFrequency(RARE);
    }

    /** The query with its misspelled plain words replaced, or null when no word needs correcting. */
    String correct(IndexReader reader, String query) throws IOException {
        StringBuilder corrected = new StringBuilder(query.length());
        boolean changed = false;
        boolean inQuotes = false;
        for (String token : query.split("(?<=\\s)|(?=\\s)")) {
            String replacement = token;
            if (!inQuotes && isPlainWord(token)) {
                String better = correctWord(reader, token);
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
    private String correctWord(IndexReader reader, String token) throws IOException {
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
                    String better = suggest(reader, word);
                    if (better != null) {
                        result = token.substring(0, start) + better + token.substring(end);
                    }
                }
            }
            words.end();
            return result;
        }
    }

    private String suggest(IndexReader reader, String word) throws IOException {
        if (word.length() < MIN_WORD_LENGTH) {
            return null;
        }
        Term term = new Term(IndexSchema.SPELLING, word.toLowerCase(Locale.ROOT));
        int docFreq = reader.docFreq(term);
        if (docFreq > RARE) {
            return null;
        }
        SuggestMode mode = docFreq == 0 ? SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX : SuggestMode.SUGGEST_MORE_POPULAR;
        SuggestWord[] suggestions = checker.suggestSimilar(term, 1, reader, mode);
        return suggestions.length == 0 ? null : suggestions[0].string;
    }
}
