package org.alima.portal.indexer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.TranslationSource;
import org.alima.portal.indexer.eval.Judgements;
import org.alima.portal.indexer.eval.KnownItems;
import org.alima.portal.indexer.eval.RankingMetrics;
import org.alima.portal.indexer.eval.TestQueries;
import org.alima.portal.indexer.index.PortalIndex;
import org.alima.portal.indexer.search.FieldWeights;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.SearchSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: ranking quality, one line per way of ranking, named, for each query file: on a test collection in
 * BEIR format (queries JSON Lines, qrels TSV or TREC) as nDCG@10 and recall@100 averaged over the judged queries; or
 * on known-item questions (see {@link KnownItems}) as the share found in the first three hits and at the right page.
 * The first line of each file is the portal's default. Ranking settings can be overridden to tune them.
 */
@Command(
        name = "eval",
        description = "Measure ranking quality (nDCG@10, recall@100, or known items found) for each way of ranking.",
        mixinStandardHelpOptions = true)
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--index", required = true, description = "Index of the collection's corpus.")
    Path indexDir;

    @Option(
            names = "--queries",
            description = "Queries, JSON Lines with _id (or id) and text; repeat for several files (English, French).")
    List<Path> queries;

    @Option(names = "--qrels", description = "Judgements of the queries, BEIR TSV or TREC qrels.")
    Path qrels;

    @Option(
            names = "--known-items",
            description = "Known-item questions (question, language, document, pages; tab-separated) instead of"
                    + " --queries and --qrels.")
    Path knownItems;

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
            names = "--translation",
            split = ",",
            paramLabel = "SOURCE=WEIGHT",
            description = "Translation sources and weights instead of the portal's (curated, cognates),"
                    + " e.g. curated=1,cognates=0.5.")
    Map<String, Float> translation;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean collection = queries != null && !queries.isEmpty();
        if (collection == (knownItems != null) || (collection && qrels == null)) {
            throw new ParameterException(spec.commandLine(), "give either --queries with --qrels, or --known-items");
        }
        SearchSettings settings = settings();
        QueryTranslator translator = translator();
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        int status;
        try (PortalIndex index = PortalIndex.open(indexDir)) {
            Map<String, PortalSearch> rankings = new LinkedHashMap<>();
            rankings.put("bm25 + translation", new PortalSearch(index, settings, translator));
            rankings.put("bm25", new PortalSearch(index, settings, QueryTranslator.off()));
            status = collection ? evalCollection(out, rankings) : evalKnownItems(out, rankings);
        }
        out.printf(Locale.ROOT, "settings:    %s, %s%n", settings, translator);
        out.printf(Locale.ROOT, "time:        %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        return status;
    }

    private int evalCollection(PrintWriter out, Map<String, PortalSearch> rankings) throws IOException {
        Judgements judgements = Judgements.read(qrels);
        for (Path file : queries) {
            Map<String, String> texts = TestQueries.read(file);
            long judged = texts.keySet().stream()
                    .filter(id -> !judgements.of(id).isEmpty())
                    .count();
            if (judged == 0) {
                out.println("No query in " + file + " has judgements in " + qrels + "; check that their ids match.");
                out.flush();
                return 1;
            }
            out.printf(Locale.ROOT, "%s: %d queries%n", file.getFileName(), judged);
            for (Map.Entry<String, PortalSearch> ranking : rankings.entrySet()) {
                double ndcg = 0;
                double recall = 0;
                for (Map.Entry<String, String> query : texts.entrySet()) {
                    Map<String, Integer> judgedDocs = judgements.of(query.getKey());
                    if (judgedDocs.isEmpty()) {
                        continue;
                    }
                    String text = query.getValue();
                    List<String> ranked =
                            text.isEmpty() ? List.of() : ranking.getValue().rankedIds(text, 100);
                    ndcg += RankingMetrics.ndcg(ranked, judgedDocs, 10);
                    recall += RankingMetrics.recall(ranked, judgedDocs, 100);
                }
                out.printf(
                        Locale.ROOT,
                        "  %-20s nDCG@10 %.4f   recall@100 %.4f%n",
                        ranking.getKey(),
                        ndcg / judged,
                        recall / judged);
            }
        }
        return 0;
    }

    private int evalKnownItems(PrintWriter out, Map<String, PortalSearch> rankings) throws IOException {
        KnownItems all = KnownItems.read(knownItems);
        if (all.questions().isEmpty()) {
            out.println("No question in " + knownItems + ".");
            out.flush();
            return 1;
        }
        for (String language : all.questions().stream()
                .map(KnownItems.Question::language)
                .distinct()
                .toList()) {
            KnownItems asked = all.inLanguage(language);
            out.printf(
                    Locale.ROOT,
                    "%s, questions in %s: %d%n",
                    knownItems.getFileName(),
                    language,
                    asked.questions().size());
            for (Map.Entry<String, PortalSearch> ranking : rankings.entrySet()) {
                KnownItems.Score score = asked.score(ranking.getValue());
                out.printf(
                        Locale.ROOT,
                        "  %-20s found in top %d %2d/%d (%.0f %%)   right page first %2d/%d (%.0f %%)%n",
                        ranking.getKey(),
                        KnownItems.TOP,
                        score.found(),
                        score.questions(),
                        100 * score.foundRate(),
                        score.rightPage(),
                        score.questions(),
                        100 * score.rightPageRate());
            }
        }
        return 0;
    }

    private QueryTranslator translator() {
        if (translation == null) {
            return QueryTranslator.standard();
        }
        Map<TranslationSource, Float> sources = new EnumMap<>(TranslationSource.class);
        translation.forEach((name, weight) -> {
            try {
                sources.put(TranslationSource.valueOf(name.strip().toUpperCase(Locale.ROOT)), weight);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(), "--translation: unknown source " + name + "; use curated or cognates");
            }
        });
        try {
            return QueryTranslator.of(sources);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--translation: " + e.getMessage());
        }
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
