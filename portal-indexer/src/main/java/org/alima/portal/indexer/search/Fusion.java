package org.alima.portal.indexer.search;

import java.util.Objects;

/**
 * How the BM25 and dense rankings are combined into one, immutable; every value can change without reindexing.
 * The defaults and the measurements behind them are in the package documentation.
 *
 * @param method reciprocal rank fusion, or a weighted sum of scores normalised per query
 * @param rrfK RRF's constant: a document at rank r of a list gains 1 / (rrfK + r)
 * @param denseWeight weight of the dense list, 0 to 1; the BM25 list weighs 1 - denseWeight
 * @param lexicalWindow how many of BM25's best documents enter the fusion
 * @param denseCandidates how many nearest documents the vector search returns (and passages: twice as many), the
 *     dense list's length; documents beyond both lists rank after every fused one, by BM25
 * @param denseSource which vectors give a document its dense score
 * @param crossLanguage what the dense model reads of a query in another language than its own
 * @param meaningFloor the cosine similarity, -1 to 1, that a document the words do not match must reach to be a hit
 *     by meaning alone; -1 keeps every nearest document (see {@link #defaults()} for the value and its measurement)
 */
public record Fusion(
        Method method,
        int rrfK,
        float denseWeight,
        int lexicalWindow,
        int denseCandidates,
        DenseSource denseSource,
        CrossLanguage crossLanguage,
        float meaningFloor) {

    /** How the two lists are combined. */
    public enum Method {
        /** Sum over the lists of weight / (k + rank). */
        RRF,
        /** Weighted sum of the scores, each list min-max normalised over its own top documents. */
        LINEAR
    }

    /** Which vectors score a document. */
    public enum DenseSource {
        /** The document's own vector only. */
        DOCUMENT,
        /** Its best passage only. */
        PASSAGES,
        /** The better of the two. */
        BOTH
    }

    /**
     * What the dense model (English) reads of a query its translator found to be in the other language (French): the
     * query as typed, its translation into the model's language ({@code Translation.text()}), or both one after the
     * other. A query in the model's language, or whose language was not told, is always read as typed. Measured on
     * SciFact's 809 French training claims against the English abstracts, dense alone, nDCG@10: typed 0.550,
     * translated 0.687, both 0.664 (English claims: 0.750). The English model reads French as noise, so the
     * translation, word-for-word as it is, is what it should see; adding the French only blurs it.
     */
    public enum CrossLanguage {
        TYPED,
        TRANSLATED,
        BOTH
    }

    /** Longest list a fusion takes from either side. */

    /**
     * The cosine similarity a document must reach to be a hit by meaning alone (its words do not match the query):
     * without a floor, the nearest documents of any query are hits, so nonsense ("xqzvbn flurp") lists the library
     * instead of the empty state, and in a small library neighbours by meaning outrank an upload whose vectors the
     * background pass has not computed yet. bge-small's cosines are compressed (most of a corpus lies between 0.5 and
     * 0.8 of any query), so the value is read off measured distributions, not reasoned: {@code eval --similarities} on
     * SciFact's training claims (5,183 abstracts) and MED (1,033), cosine of the nearest document the words do not
     * match, for 300 random strings of letters: p99 0.675 / max 0.700 on SciFact, 0.657 / 0.670 on MED; for each
     * claim with the letters of its words shuffled: p99 0.716 (English) and 0.720 (French). Relevant documents among
     * the 100 nearest: p5 0.678 (English claims), 0.676 (French), 0.631 (MED). nDCG@10 of hybrid without a floor and
     * with this one: SciFact English 0.7721 and 0.7718, French 0.7238 and 0.7238, MED 0.8067 and 0.8067 (0.8012 at
     * 0.70, 0.7991 at 0.72: the relevant documents MED's long queries share no word with lie at 0.60-0.75). 0.68 is
     * the highest floor that costs no nDCG@10 on MED and at most 0.0004 on SciFact; at it no random string finds
     * anything on MED and 1 % do on SciFact, while a tenth of the shuffled claims (which keep their numbers and short
     * words) still list something. It costs recall@100 on MED's long queries (hybrid 0.938 to 0.897), where the
     * neighbours below it ranked after the first ten anyway. Every figure is in the README's ranking section.
     */
    static final float MEANING_FLOOR = 0.68f;

    public static final int MAX_LIST = 1_000;

    public Fusion {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(denseSource, "denseSource");
        Objects.requireNonNull(crossLanguage, "crossLanguage");
        if (rrfK < 1 || rrfK > 1_000) {
            throw new IllegalArgumentException("rrfK must be between 1 and 1000, got " + rrfK);
        }
        if (!(denseWeight >= 0 && denseWeight <= 1)) {
            throw new IllegalArgumentException("denseWeight must be between 0 and 1, got " + denseWeight);
        }
        if (lexicalWindow < 1 || lexicalWindow > MAX_LIST || denseCandidates < 1 || denseCandidates > MAX_LIST) {
            throw new IllegalArgumentException("lexicalWindow and denseCandidates must be between 1 and " + MAX_LIST
                    + " (MAX_LIST), got " + lexicalWindow + " and " + denseCandidates);
        }
        if (!(meaningFloor >= -1 && meaningFloor <= 1)) {
            throw new IllegalArgumentException(
                    "meaningFloor must be a cosine similarity, -1 to 1, got " + meaningFloor);
        }
    }

    /**
     * The measured best: a weighted sum of the two lists' scores, each min-max normalised over its own top 100, the
     * dense side weighing 0.6; a document scored by the better of its own vector and its best passage; a French query
     * read by the model in its English translation. nDCG@10 on SciFact's 809 training claims, English / French, and
     * MED's 30 queries: BM25 0.690 / 0.640 / 0.658, dense 0.750 / 0.687 / 0.822, this 0.772 / 0.724 / 0.806; RRF k=10
     * with the dense list weighing 0.7 (the earlier default) 0.765 / 0.710 / 0.807, RRF k=60 with equal weights (the
     * usual default) 0.754 / - / 0.792; every variant tried is in the README's ranking table. A heavier dense side
     * helped on both collections (the dense ranking is the better one here; BM25 mostly breaks its ties and adds what
     * shares rare words, gene and drug names, with the query); normalised scores beat ranks on SciFact because they
     * keep how far apart two documents are, and tie with them on MED.
     */
    public static Fusion defaults() {
        return new Fusion(Method.LINEAR, 10, 0.6f, 100, 100, DenseSource.BOTH, CrossLanguage.TRANSLATED, MEANING_FLOOR);
    }

    public Fusion withMethod(Method method) {
        return new Fusion(
                method, rrfK, denseWeight, lexicalWindow, denseCandidates, denseSource, crossLanguage, meaningFloor);
    }

    public Fusion withRrfK(int rrfK) {
        return new Fusion(
                method, rrfK, denseWeight, lexicalWindow, denseCandidates, denseSource, crossLanguage, meaningFloor);
    }

    public Fusion withDenseWeight(float denseWeight) {
        return new Fusion(
                method, rrfK, denseWeight, lexicalWindow, denseCandidates, denseSource, crossLanguage, meaningFloor);
    }

    public Fusion withLexicalWindow(int lexicalWindow) {
        return new Fusion(
                method, rrfK, denseWeight, lexicalWindow, denseCandidates, denseSource, crossLanguage, meaningFloor);
    }

    public Fusion withDenseCandidates(int denseCandidates) {
        return new Fusion(
                method, rrfK, denseWeight, lexicalWindow, denseCandidates, denseSource, crossLanguage, meaningFloor);
    }

    public Fusion withDenseSource(DenseSource denseSource) {
        return new Fusion(
                method, rrfK, denseWeight, lexicalWindow, denseCandidates, denseSource, crossLanguage, meaningFloor);
    }

    public Fusion withCrossLanguage(CrossLanguage crossLanguage) {
        return new Fusion(
                method, rrfK, denseWeight, lexicalWindow, denseCandidates, denseSource, crossLanguage, meaningFloor);
    }

    public Fusion withMeaningFloor(float meaningFloor) {
        return new Fusion(
                method, rrfK, denseWeight, lexicalWindow, denseCandidates, denseSource, crossLanguage, meaningFloor);
    }

    /** Whether a document whose words do not match the query stays a hit with this Lucene vector score, (1 + cosine) / 2. */
    boolean passesFloor(float vectorScore) {
        return 2 * vectorScore - 1 >= meaningFloor;
    }
}
