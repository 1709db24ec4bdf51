package org.alima.portal.indexer.search;

import java.io.IOException;
import org.alima.portal.indexer.crosslang.Language;
import org.alima.portal.indexer.crosslang.Vocabulary;
import org.alima.portal.indexer.index.IndexSchema;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * The words of one index snapshot, for cognate guesses: an English guess must be a word of the did-you-mean
 * dictionary (whole words, never stems, accents kept, which English words lack), a French guess a folded word of the
 * body (the dictionary keeps French accents that a guess made from an English word cannot know). Thread-safe, like
 * the reader; valid while the snapshot is open.
 */
final class IndexVocabulary implements Vocabulary {

    private final IndexReader reader;

    IndexVocabulary(IndexReader reader) {
        this.reader = reader;
    }

    @Override
    public boolean contains(String foldedWord, Language language) {
        String field = language == Language.ENGLISH ? IndexSchema.SPELLING : IndexSchema.BODY;
        try {
            return reader.docFreq(new Term(field, foldedWord)) > 0;
        } catch (IOException e) {
            throw new SearchFailedException("look up \"" + foldedWord + "\" in the index's words", e);
        }
    }
}
