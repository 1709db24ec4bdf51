package org.alima.portal.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    /** The documents in this order, best first, with decreasing scores. */
    private static List<RankFusion.Scored> list(int... docs) {
        List<RankFusion.Scored> list = new java.util.ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            list.add(new RankFusion.Scored(docs[i], 100f - i));
        }
        return list;
    }

    private static List<Integer> docs(List<RankFusion.Scored> fused) {
        return fused.stream().map(RankFusion.Scored::doc).toList();
    }

    @Nested
    class ReciprocalRankFusion {

        private final Fusion rrf =
                Fusion.defaults().withMethod(Fusion.Method.RRF).withRrfK(60).withDenseWeight(0.5f);

        @Test
        void documentFirstInBothListsScoresOne() {
            List<RankFusion.Scored> fused = RankFusion.fuse(rrf.withDenseWeight(0.5f), list(7, 8), list(7, 9));
            assertThat(fused.get(0).doc()).isEqualTo(7);
            assertThat(fused.get(0).score()).isCloseTo(1f, within(1e-6f));
        }

        @Test
        void documentInBothListsBeatsDocumentsFirstInOnlyOne() {
            // 3 is second in both lists; 1 is first in BM25 only, 2 first by meaning only.
            List<RankFusion.Scored> fused = RankFusion.fuse(rrf.withDenseWeight(0.5f), list(1, 3), list(2, 3));
            assertThat(docs(fused)).containsExactly(3, 1, 2);
        }

        @Test
        void weightFavoursTheDenseList() {
            List<RankFusion.Scored> fused = RankFusion.fuse(rrf.withDenseWeight(0.7f), list(1, 2), list(2, 1));
            assertThat(docs(fused)).containsExactly(2, 1);
        }

        @Test
        void smallerKRewardsTheTopRanksMore() {
            // 1 is first by BM25 and absent by meaning; 2 is fourth in both lists.
            List<RankFusion.Scored> lexical = list(1, 5, 6, 2);
            List<RankFusion.Scored> dense = list(3, 7, 8, 2);
            assertThat(RankFusion.fuse(rrf.withRrfK(1), lexical, dense).get(0).doc())
                    .isEqualTo(1);
            assertThat(RankFusion.fuse(rrf.withRrfK(60), lexical, dense).get(0).doc())
                    .isEqualTo(2);
        }

        @Test
        void tiesKeepTheLexicalOrder() {
            List<RankFusion.Scored> fused = RankFusion.fuse(rrf.withDenseWeight(0.5f), list(4, 5), list(5, 4));
            assertThat(docs(fused)).containsExactly(4, 5);
        }

        @Test
        void anEmptyDenseListKeepsTheBm25Order() {
            List<RankFusion.Scored> fused = RankFusion.fuse(rrf, list(3, 1, 2), List.of());
            assertThat(docs(fused)).containsExactly(3, 1, 2);
        }
    }

    @Nested
    class NormalisedScoreCombination {

        private final Fusion linear = Fusion.defaults().withMethod(Fusion.Method.LINEAR);

        @Test
        void scoresAreMinMaxNormalisedPerListThenWeighted() {
            List<RankFusion.Scored> lexical = List.of(
                    new RankFusion.Scored(1, 30f), new RankFusion.Scored(2, 20f), new RankFusion.Scored(3, 10f));
            List<RankFusion.Scored> dense = List.of(new RankFusion.Scored(3, 0.9f), new RankFusion.Scored(1, 0.8f));
            List<RankFusion.Scored> fused = RankFusion.fuse(linear.withDenseWeight(0.4f), lexical, dense);
            // 1: 0.6 * 1 + 0.4 * 0 = 0.6; 2: 0.6 * 0.5 = 0.3; 3: 0.6 * 0 + 0.4 * 1 = 0.4
            assertThat(docs(fused)).containsExactly(1, 3, 2);
            assertThat(fused.get(0).score()).isCloseTo(0.6f, within(1e-6f));
            assertThat(fused.get(1).score()).isCloseTo(0.4f, within(1e-6f));
            assertThat(fused.get(2).score()).isCloseTo(0.3f, within(1e-6f));
        }

        @Test
        void aListOfEqualScoresCountsEachAsTheBest() {
            List<RankFusion.Scored> fused =
                    RankFusion.fuse(linear.withDenseWeight(0.5f), List.of(new RankFusion.Scored(1, 5f)), List.of());
            assertThat(fused.get(0).score()).isCloseTo(0.5f, within(1e-6f));
        }

        @Test
        void denseWeightZeroIsBm25Alone() {
            List<RankFusion.Scored> fused = RankFusion.fuse(linear.withDenseWeight(0f), list(2, 1, 3), list(3, 1, 2));
            assertThat(docs(fused)).containsExactly(2, 1, 3);
        }
    }
}
