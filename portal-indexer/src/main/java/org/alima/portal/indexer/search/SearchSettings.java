package org.alima.portal.indexer.search;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PortalSearch} ranks and how long it may work, immutable.
 *
 * @param weights boosts of the fields matched by unqualified words
 * @param k1 BM25 term-frequency saturation (Lucene's default 1.2)
 * @param b BM25 length normalisation, 0 to 1 (Lucene's default 0.75)
 * @param timeLimit wall-clock budget of one search; beyond it the search stops with {@link SearchTimeoutException}
 */
public record SearchSettings(FieldWeights weights, float k1, float b, Duration timeLimit) {

    public SearchSettings {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (!(k1 >= 0 && k1 <= 10) || !(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("BM25 needs 0 <= k1 <= 10 and 0 <= b <= 1, got k1=" + k1 + " b=" + b);
        }
        if (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("timeLimit must be between 1 ns and 1 minute, got " + timeLimit);
        }
    }

    /** Default weights, Lucene's BM25 parameters and a 2 s limit. */
    public static SearchSettings defaults() {
        return new SearchSettings(FieldWeights.defaults(), 1.2f, 0.75f, Duration.ofSeconds(2));
    }

    public SearchSettings withWeights(FieldWeights weights) {
        return new SearchSettings(weights, k1, b, timeLimit);
    }

    public SearchSettings withBm25(float k1, float b) {
        return new SearchSettings(weights, k1, b, timeLimit);
    }

    public SearchSettings withTimeLimit(Duration timeLimit) {
        return new SearchSettings(weights, k1, b, timeLimit);
    }
}
