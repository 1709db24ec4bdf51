package org.alima.portal.indexer.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines two rankings of the same documents into one, by {@link Fusion}'s rule. Pure functions; thread-safe.
 * Written here rather than taken from a library: it is a dozen lines, and Lucene offers RRF only over whole
 * {@code TopDocs} with equal weights and no score combination.
 */
final class RankFusion {

    /** A document (top-level doc id) and its score in one list. */
    record Scored(int doc, float score) {}

    private RankFusion() {}

    /**
     * The documents of either list with their fused score (greater is better, at most 1), best first; ties keep
     * the lexical order, then the dense order.
     *
     * @param lexical BM25's list, best first
     * @param dense the dense list, best first
     */
    static List<Scored> fuse(Fusion fusion, List<Scored> lexical, List<Scored> dense) {
        Map<Integer, float[]> parts = new HashMap<>();
        Map<Integer, Integer> firstSeen = new HashMap<>();
        float lexicalWeight = 1 - fusion.denseWeight();
        float denseWeight = fusion.denseWeight();
        switch (fusion.method()) {
            case RRF -> {
                // Scaled so that a document first in both lists scores 1.
                float scale = fusion.rrfK() + 1;
                for (int rank = 0; rank < lexical.size(); rank++) {
                    add(
                            parts,
                            firstSeen,
                            lexical.get(rank).doc(),
                            0,
                            scale * lexicalWeight / (fusion.rrfK() + rank + 1));
                }
                for (int rank = 0; rank < dense.size(); rank++) {
                    add(parts, firstSeen, dense.get(rank).doc(), 1, scale * denseWeight / (fusion.rrfK() + rank + 1));
                }
            }
            case LINEAR -> {
                addNormalised(parts, firstSeen, lexical, 0, lexicalWeight);
                addNormalised(parts, firstSeen, dense, 1, denseWeight);
            }
        }
        List<Scored> fused = new ArrayList<>(parts.size());
        parts.forEach((doc, score) -> fused.add(new Scored(doc, score[0] + score[1])));
        fused.sort(Comparator.comparingDouble((Scored s) -> -s.score()).thenComparingInt(s -> firstSeen.get(s.doc())));
        return fused;
    }

    private static void addNormalised(
            Map<Integer, float[]> parts, Map<Integer, Integer> firstSeen, List<Scored> list, int side, float weight) {
        if (list.isEmpty()) {
            return;
        }
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (Scored scored : list) {
            max = Math.max(max, scored.score());
            min = Math.min(min, scored.score());
        }
        float range = max - min;
        for (Scored scored : list) {
            float normalised = range > 0 ? (scored.score() - min) / range : 1;
            add(parts, firstSeen, scored.doc(), side, weight * normalised);
        }
    }

    private static void add(Map<Integer, float[]> parts, Map<Integer, Integer> firstSeen, int doc, int side, float v) {
        parts.computeIfAbsent(doc, d -> new float[2])[side] = v;
        firstSeen.putIfAbsent(doc, firstSeen.size());
    }
}
