package org.alima.portal.indexer.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * Produces the dictionary of words that did-you-mean corrections are drawn from: whole words, lower-cased, elision
 * removed, accents KEPT so that a correction reads as the documents spell it ("réanimation", not "reanimation"), never
 * stemmed so that a correction is a real word. Thread-safe.
 */
final class SpellingAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream chain = new LowerCaseFilter(new ElisionFilter(source, TextAnalyzer.ELISIONS));
        return new TokenStreamComponents(source, chain);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
