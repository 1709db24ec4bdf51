package org.alima.portal.indexer.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * nDCG@k and recall@k over graded judgements, as trec_eval and BEIR compute them. Stateless and thread-safe.
 *
 * <p>Written here because no maintained Java library computes them; the formulas are BEIR's (gain = grade,
 * discount = log2(rank + 1), ideal ranking from the judgements alone).
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    /**
     * Normalised discounted cumulative gain of the first {@code k} results.
     *
     * @param ranked document ids, best first
     * @param judgements document id to relevance grade; grades of 0 or less count as not relevant
     * @return a value in [0, 1]; 0 when no document is judged relevant
     */
    public static double ndcg(List<String> ranked, Map<String, Integer> judgements, int k) {
        checkK(k);
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int grade = Math.max(0, judgements.getOrDefault(ranked.get(i), 0));
            dcg += grade / log2(i + 2);
        }
        List<Integer> ideal = judgements.values().stream()
                .filter(g -> g > 0)
                .sorted(Comparator.reverseOrder())
                .limit(k)
                .toList();
        double idcg = 0;
        for (int i = 0; i < ideal.size(); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /**
     * Share of the relevant documents found in the first {@code k} results.
     *
     * @return a value in [0, 1]; 0 when no document is judged relevant
     */
    public static double recall(List<String> ranked, Map<String, Integer> judgements, int k) {
        checkK(k);
        long relevant = judgements.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranked.stream()
                .limit(k)
                .filter(id -> judgements.getOrDefault(id, 0) > 0)
                .count();
        return (double) found / relevant;
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("cut-off k must be >= 1, got " + k);
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
