package org.alima.portal.indexer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alima.portal.indexer.eval.Judgements;
import org.alima.portal.indexer.eval.RankingMetrics;
import org.alima.portal.indexer.eval.TestQueries;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.FieldWeights;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.SearchSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: ranking quality on a test collection in BEIR format (queries JSON Lines, qrels TSV or TREC), as nDCG@10
 * and recall@100 averaged over the judged queries. Ranking settings can be overridden to tune them.
 */
@Command(
        name = "eval",
        description = "Measure ranking quality (nDCG@10, recall@100) against relevance judgements.",
        mixinStandardHelpOptions = true)
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--index", required = true, description = "Index of the collection's corpus.")
    Path indexDir;

    @Option(names = "--queries", required = true, description = "Queries, JSON Lines with _id (or id) and text.")
    Path queries;

    @Option(names = "--qrels", required = true, description = "Judgements, BEIR TSV or TREC qrels.")
    Path qrels;

    @Option(names = "--k1", description = "BM25 k1 (default: the portal's).")
    Float k1;

    @Option(names = "--b", description = "BM25 b (default: the portal's).")
    Float b;

    @Option(names = "--tie-breaker", description = "Share of other fields' scores added to a word's best field.")
    Float tieBreaker;

    @Option(
            names = "--weights",
            split = ",",
            arity = "4",
            paramLabel = "W",
            description = "Field weights: title, abstract+keywords, body, authors.")
    List<Float> weights;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Judgements judgements = Judgements.read(qrels);
        Map<String, String> queryTexts = TestQueries.read(queries);
        SearchSettings settings = settings();
        double ndcg = 0;
        double recall = 0;
        int evaluated = 0;
        long started = System.nanoTime();
        try (PortalIndex index = PortalIndex.open(indexDir)) {
            PortalSearch search = new PortalSearch(index, settings);
            for (var query : queryTexts.entrySet()) {
                Map<String, Integer> judged = judgements.of(query.getKey());
                if (judged.isEmpty()) {
                    continue;
                }
                String text = query.getValue();
                List<String> ranked = text.isEmpty() ? List.of() : search.rankedIds(text, 100);
                ndcg += RankingMetrics.ndcg(ranked, judged, 10);
                recall += RankingMetrics.recall(ranked, judged, 100);
                evaluated++;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (evaluated == 0) {
            out.println("No query in " + queries + " has judgements in " + qrels + "; check that their ids match.");
            out.flush();
            return 1;
        }
        out.printf(Locale.ROOT, "queries:    %d%n", evaluated);
        out.printf(Locale.ROOT, "nDCG@10:    %.4f%n", ndcg / evaluated);
        out.printf(Locale.ROOT, "recall@100: %.4f%n", recall / evaluated);
        out.printf(Locale.ROOT, "settings:   %s%n", settings);
        out.printf(Locale.ROOT, "time:       %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        return 0;
    }

    private SearchSettings settings() {
        SearchSettings settings = SearchSettings.defaults();
        if (k1 != null || b != null) {
            settings = settings.withBm25(k1 != null ? k1 : settings.k1(), b != null ? b : settings.b());
        }
        if (tieBreaker != null) {
            settings = settings.withTieBreaker(tieBreaker);
        }
        if (weights != null) {
            settings = settings.withWeights(
                    new FieldWeights(weights.get(0), weights.get(1), weights.get(2), weights.get(3)));
        }
        return settings;
    }
}
