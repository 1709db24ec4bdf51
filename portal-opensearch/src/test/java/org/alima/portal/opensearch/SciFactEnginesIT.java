package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.engine.EmbeddedEngine;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.eval.Judgements;
import org.alima.portal.indexer.eval.RankingMetrics;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.records.JsonLinesRecords;
import org.alima.portal.indexer.search.SearchSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relevance of both engines side by side on SciFact: its 5,183 abstracts indexed as one-page documents into each, its
 * 809 training claims asked of each, nDCG@10 printed for both; the OpenSearch engine must stay within 0.01 of the
 * embedded one. The corpus is the shared one, read in place and never committed: skipped when it is absent.
 */
@ExtendWith(OpenSearchNode.class)
class SciFactEnginesIT {

    private static final Logger LOG = LoggerFactory.getLogger(SciFactEnginesIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How far the OpenSearch engine's nDCG@10 may be from the embedded engine's (issue 16). */
    private static final double TOLERANCE = 0.01;

    @TempDir
    Path directory;

    private static Path scifact() {
        Path scifact = Stream.of("../../shared/corpus", "../shared/corpus")
                .map(base -> Path.of(base, "ir", "scifact"))
                .filter(Files::isDirectory)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(scifact != null, "SciFact is not in ../shared/corpus/ir/scifact; skipping");
        return scifact;
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String[]> claims(Path file) throws IOException {
        List<String[]> claims = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.map(SciFactEnginesIT::json)
                    .forEach(query -> claims.add(new String[] {
                        query.get("_id").asText(), query.get("text").asText()
                    }));
        }
        return claims;
    }

    /**
     * The English training claims, and their French translations (searched through the portal's query translation,
     * the English abstracts found by their translated words): each must rank within {@link #TOLERANCE} on both engines.
     */
    @Test
    void openSearchRanksTrainingClaimsWithinOneHundredthOfTheEmbeddedIndex(OpenSearchNode.Running node)
            throws IOException {
        Path scifact = scifact();
        Judgements judgements = Judgements.read(scifact.resolve("qrels-train.tsv"));
        try (SearchEngine embedded = EmbeddedEngine.open(
                        directory.resolve("index"), SearchSettings.defaults(), QueryTranslator.standard(), null);
                SearchEngine opensearch = OpenSearchEngine.open(
                        OpenSearchSettings.of(node.url()).withIndexPrefix("scifact-" + UUID.randomUUID()),
                        SearchSettings.defaults(),
                        QueryTranslator.standard())) {
            List<SearchEngine> engines = List.of(embedded, opensearch);
            for (SearchEngine engine : engines) {
                // Read as the indexer's command line reads a BEIR corpus: one English page a record.
                try (Stream<IndexableDocument> documents =
                        JsonLinesRecords.read(scifact.resolve("corpus.jsonl"), text -> "en")) {
                    engine.rebuild(documents, null);
                }
            }
            for (String file : List.of("queries-train.jsonl", "queries-train-fr.jsonl")) {
                Path queries = scifact.resolve(file);
                if (!Files.exists(queries)) {
                    continue;
                }
                double[] ndcg = new double[2];
                long[] millis = new long[2];
                int judged = 0;
                int differentTop = 0;
                for (String[] claim : claims(queries)) {
                    Map<String, Integer> wanted = judgements.of(claim[0]);
                    if (wanted.isEmpty()) {
                        continue;
                    }
                    judged++;
                    List<List<String>> ranked = new ArrayList<>();
                    for (int e = 0; e < engines.size(); e++) {
                        long started = System.nanoTime();
                        List<String> ids = engines.get(e).rankedIds(claim[1], 10);
                        millis[e] += (System.nanoTime() - started) / 1_000_000;
                        ndcg[e] += RankingMetrics.ndcg(ids, wanted, 10);
                        ranked.add(ids);
                    }
                    if (!ranked.get(0).equals(ranked.get(1))
                            && !(ranked.get(0).isEmpty() && ranked.get(1).isEmpty())
                            && (ranked.get(0).isEmpty()
                                    || ranked.get(1).isEmpty()
                                    || !ranked.get(0)
                                            .getFirst()
                                            .equals(ranked.get(1).getFirst()))) {
                        differentTop++;
                    }
                }
                double embeddedNdcg = ndcg[0] / judged;
                double openSearchNdcg = ndcg[1] / judged;
                LOG.info(
                        "SciFact {}, {} claims: nDCG@10 embedded = {}, opensearch = {} (difference {}); first hit"
                                + " differs on {} claims; rankedIds total {} ms embedded, {} ms opensearch",
                        file,
                        judged,
                        String.format(Locale.ROOT, "%.4f", embeddedNdcg),
                        String.format(Locale.ROOT, "%.4f", openSearchNdcg),
                        String.format(Locale.ROOT, "%+.4f", openSearchNdcg - embeddedNdcg),
                        differentTop,
                        millis[0],
                        millis[1]);
                assertThat(judged).as(file).isGreaterThan(800);
                assertThat(openSearchNdcg)
                        .as(file)
                        .isCloseTo(embeddedNdcg, org.assertj.core.data.Offset.offset(TOLERANCE));
            }
        }
    }
}
