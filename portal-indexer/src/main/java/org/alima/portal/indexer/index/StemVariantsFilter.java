package org.alima.portal.indexer.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Emits each token unchanged, then every distinct stem that the given stemmers produce for it, stacked at the same
 * position (increment 0) with the same offsets. Not thread-safe, like every token stream.
 *
 * <p>Why stack instead of indexing one field per language: a query word then matches whatever the document's
 * language, the original form still scores an exact match, phrases and highlighting work on a single field, and the
 * index holds each field once. Lucene's stem filters are reused as they are, each fed one term at a time through a
 * private single-term stream, because their stemmer classes are not public.
 */
final class StemVariantsFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute positionIncrement = addAttribute(PositionIncrementAttribute.class);
    private final List<Stemmer> stemmers = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private State original;

    /**
     * @param stemFilters factories wrapping a token stream in one Lucene stem filter each (e.g.
     *     {@code FrenchLightStemFilter::new}); order decides the order of stacked variants
     */
    StemVariantsFilter(TokenStream input, List<UnaryOperator<TokenStream>> stemFilters) {
        super(input);
        for (UnaryOperator<TokenStream> stemFilter : stemFilters) {
            stemmers.add(new Stemmer(stemFilter));
        }
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(original);
            term.setEmpty().append(pending.removeLast());
            positionIncrement.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        String surface = term.toString();
        for (Stemmer stemmer : stemmers) {
            String stem = stemmer.stem(surface);
            if (!stem.isEmpty() && !stem.equals(surface) && !pending.contains(stem)) {
                pending.addFirst(stem);
            }
        }
        if (!pending.isEmpty()) {
            original = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        original = null;
    }

    @Override
    public void close() throws IOException {
        try {
            for (Stemmer stemmer : stemmers) {
                stemmer.chain.close();
            }
        } finally {
            super.close();
        }
    }

    /** One stem filter over a stream that yields a single term on demand. */
    private static final class Stemmer {
        private final SingleTermStream source = new SingleTermStream();
        private final TokenStream chain;
        private final CharTermAttribute output;

        Stemmer(UnaryOperator<TokenStream> stemFilter) {
            this.chain = stemFilter.apply(source);
            this.output = chain.getAttribute(CharTermAttribute.class);
        }

        String stem(String surface) throws IOException {
            source.set(surface);
            chain.reset();
            String stem = chain.incrementToken() ? output.toString() : "";
            chain.end();
            return stem;
        }
    }

    /** Yields the one term it was last given. */
    private static final class SingleTermStream extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private String value;
        private boolean consumed;

        void set(String value) {
            this.value = value;
        }

        @Override
        public boolean incrementToken() {
            if (consumed) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(value);
            consumed = true;
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            consumed = false;
        }
    }
}
