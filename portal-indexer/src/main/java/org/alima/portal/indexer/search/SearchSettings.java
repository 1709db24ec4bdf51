package org.alima.portal.indexer.search;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PortalSearch} ranks and how long it may work, immutable. Every value can be changed without reindexing.
 *
 * @param weights boosts of the fields matched by unqualified words
 * @param tieBreaker share of a word's score that its other matching fields add to the best one: 0 counts the best
 *     field only, 1 sums all fields
 * @param minimumShouldMatch fraction of the words of a long query (more than {@value
 *     UserQueryParser#ALL_WORDS_REQUIRED_UP_TO} words, no explicit OR) that a document must contain; 0 ranks any
 *     document containing one of them
 * @param k1 BM25 term-frequency saturation
 * @param b BM25 length normalisation, 0 to 1
 * @param timeLimit wall-clock budget of one search; beyond it the search stops with {@link SearchTimeoutException}
 * @param mode how requests that do not say are ranked; {@link RankingMode#HYBRID} needs a dense model and falls back
 *     to {@link RankingMode#LEXICAL} without one
 * @param fusion how BM25 and dense rankings are combined
 */
public record SearchSettings(
        FieldWeights weights,
        float tieBreaker,
        float minimumShouldMatch,
        float k1,
        float b,
        Duration timeLimit,
        RankingMode mode,
        Fusion fusion) {

    public SearchSettings {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(fusion, "fusion");
        if (!(tieBreaker >= 0 && tieBreaker <= 1) || !(minimumShouldMatch >= 0 && minimumShouldMatch <= 1)) {
            throw new IllegalArgumentException("tieBreaker and minimumShouldMatch must be between 0 and 1, got "
                    + tieBreaker + " and " + minimumShouldMatch);
        }
        if (!(k1 >= 0 && k1 <= 10) || !(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("BM25 needs 0 <= k1 <= 10 and 0 <= b <= 1, got k1=" + k1 + " b=" + b);
        }
        if (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("timeLimit must be between 1 ns and 1 minute, got " + timeLimit);
        }
    }

    /**
     * Equal weights, tie-breaker 0.3, no minimum match, Lucene's BM25 (k1 1.2, b 0.75), 2 s. Measured on SciFact
     * (nDCG@10, 809 claims): tie-breaker 0 gives 0.673, 0.3 0.683, 0.5 0.677; a minimum match of 0.2 changes nothing
     * there and costs recall on MED; k1 0.9 b 0.4 gives 0.680.
     */
    public static SearchSettings defaults() {
        return new SearchSettings(
                FieldWeights.defaults(),
                0.3f,
                0f,
                1.2f,
                0.75f,
                Duration.ofSeconds(2),
                RankingMode.HYBRID,
                Fusion.defaults());
    }

    /**
     * The defaults for a measurement ({@code eval}, {@code bench}), not a reader waiting: the longest time limit
     * allowed, so that no query is cut short by a machine loaded with other work and a run never dies half-way.
     */
    public static SearchSettings measuring() {
        return defaults().withTimeLimit(Duration.ofMinutes(1));
    }

    public SearchSettings withWeights(FieldWeights weights) {
        return new SearchSettings(weights, tieBreaker, minimumShouldMatch, k1, b, timeLimit, mode, fusion);
    }

    public SearchSettings withTieBreaker(float tieBreaker) {
        return new SearchSettings(weights, tieBreaker, minimumShouldMatch, k1, b, timeLimit, mode, fusion);
    }

    public SearchSettings withMinimumShouldMatch(float minimumShouldMatch) {
        return new SearchSettings(weights, tieBreaker, minimumShouldMatch, k1, b, timeLimit, mode, fusion);
    }

    public SearchSettings withBm25(float k1, float b) {
        return new SearchSettings(weights, tieBreaker, minimumShouldMatch, k1, b, timeLimit, mode, fusion);
    }

    public SearchSettings withTimeLimit(Duration timeLimit) {
        return new SearchSettings(weights, tieBreaker, minimumShouldMatch, k1, b, timeLimit, mode, fusion);
    }

    public SearchSettings withMode(RankingMode mode) {
        return new SearchSettings(weights, tieBreaker, minimumShouldMatch, k1, b, timeLimit, mode, fusion);
    }

    public SearchSettings withFusion(Fusion fusion) {
        return new SearchSettings(weights, tieBreaker, minimumShouldMatch, k1, b, timeLimit, mode, fusion);
    }
}
