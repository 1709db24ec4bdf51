package org.alima.portal.indexer.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * Analyzes titles and keywords for type-ahead: folded words (elision removed, no stop words, since "de" may be the
 * start of "dengue"), and at index time every prefix of each word from {@value #MIN_PREFIX} to {@value #MAX_PREFIX}
 * characters. The query side emits whole folded words cut to {@value #MAX_PREFIX} characters, so each typed word is
 * one term lookup. Thread-safe.
 */
final class CompletionAnalyzer extends Analyzer {

    static final int MIN_PREFIX = 2;
    static final int MAX_PREFIX = 20;

    private final boolean indexing;

    private CompletionAnalyzer(boolean indexing) {
        this.indexing = indexing;
    }

    static CompletionAnalyzer forIndexing() {
        return new CompletionAnalyzer(true);
    }

    static CompletionAnalyzer forQuerying() {
        return new CompletionAnalyzer(false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream chain = new ElisionFilter(source, TextAnalyzer.ELISIONS);
        chain = new ASCIIFoldingFilter(new LowerCaseFilter(chain));
        chain = indexing
                ? new EdgeNGramTokenFilter(chain, MIN_PREFIX, MAX_PREFIX, false)
                : new TruncateTokenFilter(chain, MAX_PREFIX);
        return new TokenStreamComponents(source, chain);
    }
}
