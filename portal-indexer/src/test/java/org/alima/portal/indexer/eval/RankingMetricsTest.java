package org.alima.portal.indexer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void perfectRankingScoresOne() {
        var judgements = Map.of("a", 2, "b", 1);
        assertThat(RankingMetrics.ndcg(List.of("a", "b", "c"), judgements, 10)).isEqualTo(1.0);
        assertThat(RankingMetrics.recall(List.of("a", "b", "c"), judgements, 10))
                .isEqualTo(1.0);
    }

    @Test
    void relevantDocumentAtRankTwoIsDiscountedByLogTwoOfThree() {
        double ndcg = RankingMetrics.ndcg(List.of("x", "a"), Map.of("a", 1), 10);
        assertThat(ndcg).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-9));
    }

    @Test
    void documentsBeyondTheCutOffDoNotCount() {
        var judgements = Map.of("a", 1, "b", 1);
        assertThat(RankingMetrics.recall(List.of("x", "a", "b"), judgements, 2)).isEqualTo(0.5);
        assertThat(RankingMetrics.ndcg(List.of("x", "y", "a"), judgements, 2)).isZero();
    }

    @Test
    void queryWithoutRelevantDocumentsScoresZero() {
        assertThat(RankingMetrics.ndcg(List.of("a"), Map.of("a", 0), 10)).isZero();
        assertThat(RankingMetrics.recall(List.of("a"), Map.of(), 10)).isZero();
    }

    @Test
    void rejectsCutOffBelowOne() {
        assertThatThrownBy(() -> RankingMetrics.ndcg(List.of(), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 1");
    }
}
