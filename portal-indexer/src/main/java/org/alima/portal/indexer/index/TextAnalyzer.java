package org.alima.portal.indexer.index;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * Analyzes French and English prose so that a query matches whatever the document's language and whatever accents the
 * user types. Thread-safe: Lucene keeps one token stream chain per thread.
 *
 * <p>Chain: Unicode word tokenizer; French elision (l', d', qu', jusqu'…) removed; lower case; accents folded to ASCII
 * (so "reanimation" and "réanimation" are one term, and the stemmers see the same input whatever the user typed);
 * English and French function words removed; then the folded word, its English (Porter) stem and its French light stem
 * are stacked at one position (see {@link StemVariantsFilter}). The query side uses the same chain, so a query word
 * becomes a synonym set of its variants.
 */
final class TextAnalyzer extends Analyzer {

    /** Elided French forms, matched case-insensitively before the apostrophe (straight or curly). */
    static final CharArraySet ELISIONS = new CharArraySet(
            List.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);

    /**
     * Function words of both languages, folded. French: articles, pronouns, prepositions, conjunctions and the most
     * frequent forms of être; deliberately NOT "pas", "sans" (negation matters in clinical text: "pas de fièvre"), nor
     * "se", "eu", "es", "as" and the conjugations of avoir (they collide with abbreviations such as SE, EU, AS).
     */
    static final CharArraySet STOP_WORDS = stopWords();

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        set.addAll(List.of(
                "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "elles", "en", "et", "eux", "il",
                "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "mes", "moi", "mon", "ne",
                "nos", "notre", "nous", "on", "ou", "par", "pour", "qu", "que", "qui", "sa", "ses", "son", "sur", "ta",
                "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d", "j", "l", "a", "m", "n",
                "s", "t", "y", "ceci", "cela", "cet", "cette", "ici", "soi", "est", "sont", "ete", "etait", "etaient",
                "dont", "ainsi", "lors"));
        return CharArraySet.unmodifiableSet(set);
    }

    private static final List<UnaryOperator<TokenStream>> STEMMERS =
            List.of(PorterStemFilter::new, FrenchLightStemFilter::new);

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream chain = new ElisionFilter(source, ELISIONS);
        chain = new LowerCaseFilter(chain);
        chain = new ASCIIFoldingFilter(chain);
        chain = new StopFilter(chain, STOP_WORDS);
        chain = new StemVariantsFilter(chain, STEMMERS);
        return new TokenStreamComponents(source, chain);
    }

    /** Prefix and fuzzy terms are not analyzed; they are still lower-cased and folded so "Réani*" finds "reanimation". */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
