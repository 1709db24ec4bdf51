package org.alima.portal.indexer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.alima.portal.indexer.search.Fusion;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.RankingMode;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.semantic.SemanticModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: ranking quality, one line per way of ranking (bm25, dense, hybrid), named, for each query file: on a
 * test collection in BEIR format (queries JSON Lines, qrels TSV or TREC) as nDCG@10 and recall@100 averaged over the
 * judged queries; or on known-item questions (see {@link KnownItems}) as the share found in the first three hits and
 * at the right page. Every ranking translates queries as the portal does; the portal's default is marked, and is the
 * headline. Ranking settings can be overridden to tune them.
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

    @Option(
            names = "--cross-language",
            description = "What the dense model reads of a French query: TYPED, TRANSLATED or BOTH.")
    Fusion.CrossLanguage crossLanguage;

    @Option(
            names = "--meaning-floor",
            description = "Cosine similarity a document the words do not match needs to be a hit by meaning alone,"
                    + " -1 to 1 (-1: no floor; default: the portal's).")
    Float meaningFloor;

    @Option(
            names = "--similarities",
            description = "Instead of rankings: the similarities of relevant documents and of nonsense queries'"
                    + " nearest ones, and what candidate floors keep (needs vectors in the index).")
    boolean similarities;

    @Option(names = "--no-translation", description = "Search the typed words only (no French/English translation).")
    boolean noTranslation;

    @Option(
            names = "--translation",
            split = ",",
            paramLabel = "SOURCE=WEIGHT",
            description = "Translation sources and weights instead of the portal's (curated, cognates),"
                    + " e.g. curated=1,cognates=0.5.")
    Map<String, Float> translation;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The ranking the portal uses, whose figure is the headline. */
    private String headline;

    @Override
    public Integer call() throws IOException {
        boolean collection = queries != null && !queries.isEmpty();
        if (collection == (knownItems != null) || (collection && qrels == null)) {
            throw new ParameterException(spec.commandLine(), "give either --queries with --qrels, or --known-items");
        }
        for (Path input : inputs()) {
            if (!Files.isRegularFile(input)) {
                throw new NoSuchFileException(input.toString());
            }
        }
        SearchSettings settings = settings();
        QueryTranslator translator = translator();
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        int status;
        try (PortalIndex index = PortalIndex.openExisting(indexDir)) {
            SemanticModel model = SemanticModel.shared(SemanticModel.DEFAULT);
            boolean vectors = index.countWithVectors(model.model().id()) > 0;
            Map<String, PortalSearch> rankings = new LinkedHashMap<>();
            for (String name : modes) {
                RankingMode mode = mode(name);
                if (mode != RankingMode.LEXICAL && !vectors) {
                    out.printf(
                            Locale.ROOT,
                            "%-8s skipped: the index holds no vectors of %s (index it without --no-semantic)%n",
                            name.strip(),
                            model.model().id());
                    continue;
                }
                String label = name.strip().toLowerCase(Locale.ROOT);
                if (mode == settings.mode()) {
                    headline = label;
                }
                rankings.put(
                        label, new PortalSearch(index, settings.withMode(mode), translator, vectors ? model : null));
            }
            if (rankings.isEmpty()) {
                out.println("Nothing to measure: no ranking of --modes can run on this index.");
                out.flush();
                return 1;
            }
            if (!rankings.containsKey(headline)) {
                // What the portal ranks by on this index: without vectors, hybrid is BM25.
                headline = rankings.keySet().iterator().next();
            }
            // The model loads before the first search that needs it, outside the measured time.
            if (similarities) {
                if (!collection || !vectors) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--similarities needs --queries with --qrels and an index with vectors");
                }
                status = similarities(out, new PortalSearch(index, settings, translator, model));
            } else {
                status = collection ? evalCollection(out, rankings) : evalKnownItems(out, rankings);
            }
            if (model.loaded()) {
                out.printf(
                        Locale.ROOT,
                        "model:       %s, loaded in %d ms%n",
                        model.model().id(),
                        model.loadMillis());
            }
        }
        out.printf(Locale.ROOT, "settings:    %s, %s%n", settings, translator);
        out.printf(Locale.ROOT, "time:        %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        return status;
    }

    /** The files this run reads besides the index, checked before the index and the model are opened. */
    private List<Path> inputs() {
        List<Path> inputs = new ArrayList<>();
        if (queries != null) {
            inputs.addAll(queries);
        }
        if (qrels != null) {
            inputs.add(qrels);
        }
        if (knownItems != null) {
            inputs.add(knownItems);
        }
        return inputs;
    }

    private int evalCollection(PrintWriter out, Map<String, PortalSearch> rankings) throws IOException {
        Judgements judgements = Judgements.read(qrels);
        List<String> headlines = new ArrayList<>();
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
                long rankingStarted = System.nanoTime();
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
                        "  %-30s nDCG@10 %.4f   recall@100 %.4f   %6.1f s%n",
                        label(ranking.getKey()),
                        ndcg / judged,
                        recall / judged,
                        (System.nanoTime() - rankingStarted) / 1e9);
                if (ranking.getKey().equals(headline)) {
                    headlines.add(
                            String.format(Locale.ROOT, "nDCG@10:     %.4f  (%s)", ndcg / judged, file.getFileName()));
                }
            }
        }
        headlines.forEach(out::println);
        return 0;
    }

    private int similarities(PrintWriter out, PortalSearch search) throws IOException {
        Judgements judgements = Judgements.read(qrels);
        SimilarityReport random = new SimilarityReport();
        random.addRandomStrings(search);
        random.print(out, SimilarityReport.RANDOM_STRINGS + " random strings");
        for (Path file : queries) {
            SimilarityReport report = new SimilarityReport();
            for (Map.Entry<String, String> query : TestQueries.read(file).entrySet()) {
                Map<String, Integer> judged = judgements.of(query.getKey());
                if (!judged.isEmpty() && !query.getValue().isEmpty()) {
                    report.add(search, query.getKey(), query.getValue(), judged);
                }
            }
            report.print(out, file.getFileName().toString());
        }
        out.flush();
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
                        "  %-30s found in top %d %2d/%d (%.0f %%)   right page first %2d/%d (%.0f %%)%n",
                        label(ranking.getKey()),
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

    private String label(String ranking) {
        return ranking.equals(headline) ? ranking + " (the portal's default)" : ranking;
    }

    private RankingMode mode(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "bm25", "lexical" -> RankingMode.LEXICAL;
            case "dense" -> RankingMode.DENSE;
            case "hybrid" -> RankingMode.HYBRID;
            default ->
                throw new ParameterException(
                        spec.commandLine(), "Unknown mode " + name + " in --modes; use bm25, dense or hybrid");
        };
    }

    private QueryTranslator translator() {
        if (noTranslation) {
            return QueryTranslator.off();
        }
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
        SearchSettings settings = SearchSettings.measuring();
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
        if (crossLanguage != null) {
            fusion = fusion.withCrossLanguage(crossLanguage);
        }
        if (meaningFloor != null) {
            fusion = fusion.withMeaningFloor(meaningFloor);
        }
        return settings.withFusion(fusion);
    }
}
