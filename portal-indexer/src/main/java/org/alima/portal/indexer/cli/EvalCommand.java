package org.alima.portal.indexer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alima.portal.indexer.eval.Judgements;
import org.alima.portal.indexer.eval.RankingMetrics;
import org.alima.portal.indexer.eval.TestQueries;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.FieldWeights;
import org.alima.portal.indexer.search.Fusion;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.RankingMode;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.semantic.SemanticModel;
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

    @Option(
            names = "--modes",
            split = ",",
            description = "Rankings to measure, side by side: bm25, dense, hybrid (default: all three; dense and hybrid"
                    + " need vectors in the index).")
    List<String> modes = List.of("bm25", "dense", "hybrid");

    @Option(names = "--fusion", description = "Fusion of BM25 and dense: rrf or linear (default: the portal's).")
    Fusion.Method fusionMethod;

    @Option(names = "--rrf-k", description = "RRF's k (default: the portal's).")
    Integer rrfK;

    @Option(names = "--dense-weight", description = "Weight of the dense ranking in the fusion, 0 to 1.")
    Float denseWeight;

    @Option(names = "--lexical-window", description = "BM25's best documents that enter the fusion.")
    Integer lexicalWindow;

    @Option(names = "--dense-candidates", description = "Nearest documents the vector search returns.")
    Integer denseCandidates;

    @Option(names = "--dense-source", description = "Vectors scoring a document: DOCUMENT, PASSAGES or BOTH.")
    Fusion.DenseSource denseSource;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What one ranking scored. */
    private record Score(String mode, int queries, double ndcg, double recall, double seconds) {}

    @Override
    public Integer call() throws IOException {
        Judgements judgements = Judgements.read(qrels);
        Map<String, String> queryTexts = TestQueries.read(queries);
        SearchSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        List<Score> scores = new ArrayList<>();
        try (PortalIndex index = PortalIndex.open(indexDir)) {
            SemanticModel model = SemanticModel.shared(SemanticModel.DEFAULT);
            boolean vectors = index.countWithVectors(model.model().id()) > 0;
            PortalSearch search = new PortalSearch(index, settings, vectors ? model : null);
            for (String name : modes) {
                RankingMode mode = mode(name);
                if (mode != RankingMode.LEXICAL && !vectors) {
                    out.printf(
                            Locale.ROOT,
                            "%-8s skipped: the index holds no vectors of %s (index it without --no-semantic)%n",
                            name,
                            model.model().id());
                    continue;
                }
                scores.add(evaluate(search, name, mode, judgements, queryTexts));
            }
            if (model.loaded()) {
                out.printf(
                        Locale.ROOT,
                        "model:      %s, loaded in %d ms%n",
                        model.model().id(),
                        model.loadMillis());
            }
        }
        if (scores.isEmpty() || scores.get(0).queries() == 0) {
            out.println("No query in " + queries + " has judgements in " + qrels + "; check that their ids match.");
            out.flush();
            return 1;
        }
        // The headline is the portal's own ranking: the default mode when it was measured, else the first measured.
        String headline = scores.stream()
                .filter(score -> mode(score.mode()) == settings.mode())
                .findFirst()
                .orElse(scores.get(0))
                .mode();
        Score best = scores.stream()
                .filter(score -> score.mode().equals(headline))
                .findFirst()
                .orElseThrow();
        out.printf(Locale.ROOT, "queries:    %d%n", best.queries());
        for (Score score : scores) {
            out.printf(
                    Locale.ROOT,
                    "%-8s    nDCG@10 %.4f   recall@100 %.4f   %5.1f s%s%n",
                    score.mode(),
                    score.ndcg(),
                    score.recall(),
                    score.seconds(),
                    score.mode().equals(headline) ? "   (the portal's default)" : "");
        }
        out.printf(Locale.ROOT, "nDCG@10:    %.4f%n", best.ndcg());
        out.printf(Locale.ROOT, "recall@100: %.4f%n", best.recall());
        out.printf(Locale.ROOT, "settings:   %s%n", settings);
        out.flush();
        return 0;
    }

    private Score evaluate(
            PortalSearch search, String name, RankingMode mode, Judgements judgements, Map<String, String> queryTexts) {
        double ndcg = 0;
        double recall = 0;
        int evaluated = 0;
        long started = System.nanoTime();
        for (var query : queryTexts.entrySet()) {
            Map<String, Integer> judged = judgements.of(query.getKey());
            if (judged.isEmpty()) {
                continue;
            }
            String text = query.getValue();
            List<String> ranked = text.isEmpty() ? List.of() : search.rankedIds(text, null, 100, mode);
            ndcg += RankingMetrics.ndcg(ranked, judged, 10);
            recall += RankingMetrics.recall(ranked, judged, 100);
            evaluated++;
        }
        return new Score(
                name,
                evaluated,
                evaluated == 0 ? 0 : ndcg / evaluated,
                evaluated == 0 ? 0 : recall / evaluated,
                (System.nanoTime() - started) / 1e9);
    }

    private RankingMode mode(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "bm25", "lexical" -> RankingMode.LEXICAL;
            case "dense" -> RankingMode.DENSE;
            case "hybrid" -> RankingMode.HYBRID;
            default ->
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "Unknown mode " + name + " in --modes; use bm25, dense or hybrid");
        };
    }

    private SearchSettings settings() {
        // A measurement, not a reader waiting: no query is cut short by a busy machine.
        SearchSettings settings = SearchSettings.defaults().withTimeLimit(java.time.Duration.ofMinutes(1));
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
        Fusion fusion = settings.fusion();
        if (fusionMethod != null) {
            fusion = fusion.withMethod(fusionMethod);
        }
        if (rrfK != null) {
            fusion = fusion.withRrfK(rrfK);
        }
        if (denseWeight != null) {
            fusion = fusion.withDenseWeight(denseWeight);
        }
        if (lexicalWindow != null) {
            fusion = fusion.withLexicalWindow(lexicalWindow);
        }
        if (denseCandidates != null) {
            fusion = fusion.withDenseCandidates(denseCandidates);
        }
        if (denseSource != null) {
            fusion = fusion.withDenseSource(denseSource);
        }
        return settings.withFusion(fusion);
    }
}
