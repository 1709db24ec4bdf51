package org.alima.portal.indexer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.alima.portal.indexer.SuppressForbidden;
import org.alima.portal.indexer.search.Neighbour;
import org.alima.portal.indexer.search.PortalSearch;

/**
 * {@code eval --similarities}: the cosine similarities the floor on hits found by meaning alone is chosen from. For a
 * test collection's queries: the similarity of each judged-relevant document among the 100 nearest (all of them, and
 * those the query's words do not match, the only ones a floor can remove); for nonsense, the similarity of the
 * nearest document, where every hit is wrong: each query with the letters of each word shuffled (same letters, no
 * sense) and random strings of letters like a mistyped search. Then, for candidate floors, the share of relevant
 * neighbours kept and the share of nonsense queries that still list a neighbour. Written here: it is this project's
 * measurement, not a generic statistic.
 */
@SuppressForbidden(reason = "seeded java.util.Random on purpose: a measurement's nonsense is the same at every run")
final class SimilarityReport {

    /** Random strings of letters, one to three words of 3 to 9 letters, from a fixed seed. */
    static final int RANDOM_STRINGS = 300;

    private static final int NEAREST = 100;

    private final List<Float> relevant = new ArrayList<>();
    private final List<Float> relevantNoWords = new ArrayList<>();
    private final List<Float> shuffledTop = new ArrayList<>();
    private final List<Float> randomTop = new ArrayList<>();

    /** Adds one query: its relevant neighbours, and its shuffled twin's nearest document. */
    void add(PortalSearch search, String queryId, String text, Map<String, Integer> judged) {
        for (Neighbour neighbour : search.neighbours(text, NEAREST)) {
            if (judged.getOrDefault(neighbour.id(), 0) > 0) {
                relevant.add(neighbour.similarity());
                if (!neighbour.wordsMatch()) {
                    relevantNoWords.add(neighbour.similarity());
                }
            }
        }
        nearestUnmatched(search, shuffled(text, new Random(queryId.hashCode()))).ifPresent(shuffledTop::add);
    }

    /** Adds the random strings' nearest documents. */
    void addRandomStrings(PortalSearch search) {
        Random random = new Random(11);
        for (int i = 0; i < RANDOM_STRINGS; i++) {
            int words = 1 + random.nextInt(3);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    text.append(' ');
                }
                int letters = 3 + random.nextInt(7);
                for (int l = 0; l < letters; l++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
            }
            nearestUnmatched(search, text.toString()).ifPresent(randomTop::add);
        }
    }

    /** The best similarity among the neighbours the words do not match (those the floor decides on). */
    private static java.util.Optional<Float> nearestUnmatched(PortalSearch search, String text) {
        return search.neighbours(text, NEAREST).stream()
                .filter(neighbour -> !neighbour.wordsMatch())
                .map(Neighbour::similarity)
                .findFirst();
    }

    static String shuffled(String text, Random random) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split("\\s+")) {
            List<Character> letters = new ArrayList<>();
            for (char c : word.toCharArray()) {
                letters.add(c);
            }
            Collections.shuffle(letters, random);
            if (!out.isEmpty()) {
                out.append(' ');
            }
            letters.forEach(out::append);
        }
        return out.toString();
    }

    void print(PrintWriter out, String name) {
        out.printf(Locale.ROOT, "similarities, %s (cosine; percentiles p1 p5 p10 p25 p50 / p50 p90 p99 max)%n", name);
        printLow(out, "relevant among the 100 nearest", relevant);
        printLow(out, "relevant, words not matching", relevantNoWords);
        printHigh(out, "nearest, shuffled letters", shuffledTop);
        if (!randomTop.isEmpty()) {
            printHigh(out, "nearest, random strings", randomTop);
        }
        out.printf(
                Locale.ROOT,
                "  %-6s %15s %15s %15s %15s%n",
                "floor",
                "relevant kept",
                "no-words kept",
                "shuffled hit",
                "random hit");
        for (int f = 50; f <= 80; f += 2) {
            float floor = f / 100f;
            out.printf(
                    Locale.ROOT,
                    "  %-6.2f %15s %15s %15s %15s%n",
                    floor,
                    share(relevant, floor),
                    share(relevantNoWords, floor),
                    share(shuffledTop, floor),
                    share(randomTop, floor));
        }
    }

    /** The share of {@code values} at or above {@code floor}, or "-" when nothing was measured. */
    private static String share(List<Float> values, float floor) {
        if (values.isEmpty()) {
            return "-";
        }
        double share = values.stream().filter(v -> v >= floor).count() / (double) values.size();
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static void printLow(PrintWriter out, String label, List<Float> values) {
        out.printf(
                Locale.ROOT,
                "  %-34s n=%5d  %.3f %.3f %.3f %.3f %.3f%n",
                label,
                values.size(),
                percentile(values, 1),
                percentile(values, 5),
                percentile(values, 10),
                percentile(values, 25),
                percentile(values, 50));
    }

    private static void printHigh(PrintWriter out, String label, List<Float> values) {
        out.printf(
                Locale.ROOT,
                "  %-34s n=%5d  %.3f %.3f %.3f %.3f%n",
                label,
                values.size(),
                percentile(values, 50),
                percentile(values, 90),
                percentile(values, 99),
                percentile(values, 100));
    }

    private static float percentile(List<Float> values, int p) {
        if (values.isEmpty()) {
            return Float.NaN;
        }
        List<Float> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int at = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, at)));
    }
}
