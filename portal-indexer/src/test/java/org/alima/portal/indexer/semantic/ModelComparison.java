package org.alima.portal.indexer.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alima.portal.indexer.eval.Judgements;
import org.alima.portal.indexer.eval.RankingMetrics;
import org.alima.portal.indexer.eval.TestQueries;

/** Scratch: dense-only retrieval of each model, exact (brute-force) cosine, on a BEIR folder. */
public final class ModelComparison {
    public static void main(String[] args) throws Exception {
        EncoderModel model = EncoderModel.byId(args[0]);
        Path folder = Path.of(args[1]);
        String queriesFile = args[2];
        String qrelsFile = args[3];
        int maxChars = args.length > 4 ? Integer.parseInt(args[4]) : Integer.MAX_VALUE;
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(folder.resolve("corpus.jsonl"))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = json.readTree(line);
                ids.add(node.get("_id").asText());
                String title = node.path("title").asText("");
                String text = node.path("text").asText("");
                String all = title.isBlank() ? text : title + "\n" + text;
                texts.add(all.length() > maxChars ? all.substring(0, maxChars) : all);
            }
        }
        long t0 = System.nanoTime();
        SentenceEncoder encoder = SentenceEncoder.load(model, Integer.getInteger("threads", 1));
        System.out.printf(Locale.ROOT, "load %.2f s%n", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        List<float[]> docs = encoder.encodePassages(texts);
        double docSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "docs %d in %.1f s (%.1f ms each)%n",
                docs.size(),
                docSeconds,
                docSeconds * 1000 / docs.size());
        Judgements judgements = Judgements.read(folder.resolve(qrelsFile));
        Map<String, String> queries = TestQueries.read(folder.resolve(queriesFile));
        double ndcg = 0, recall = 0;
        int n = 0;
        t0 = System.nanoTime();
        for (var q : queries.entrySet()) {
            Map<String, Integer> judged = judgements.of(q.getKey());
            if (judged.isEmpty()) continue;
            float[] qv = encoder.encodeQuery(q.getValue());
            float[] scores = new float[docs.size()];
            for (int i = 0; i < docs.size(); i++) {
                float[] d = docs.get(i);
                float s = 0;
                for (int k = 0; k < d.length; k++) s += d[k] * qv[k];
                scores[i] = s;
            }
            Integer[] order = new Integer[docs.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
            List<String> ranked = new ArrayList<>();
            for (int i = 0; i < 100; i++) ranked.add(ids.get(order[i]));
            ndcg += RankingMetrics.ndcg(ranked, judged, 10);
            recall += RankingMetrics.recall(ranked, judged, 100);
            n++;
        }
        double qSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s %s queries %d nDCG@10 %.4f recall@100 %.4f query %.1f ms%n",
                model.id(),
                folder.getFileName(),
                n,
                ndcg / n,
                recall / n,
                qSeconds * 1000 / n);
        encoder.close();
    }
}
