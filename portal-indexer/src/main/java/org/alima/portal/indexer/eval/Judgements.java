package org.alima.portal.indexer.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Relevance judgements read from a BEIR qrels file ({@code query-id<TAB>corpus-id<TAB>score}, with a header line) or a
 * TREC qrels file ({@code qid iteration docid grade}). Immutable once read.
 *
 * @param byQuery query id to (document id to grade), in file order
 */
public record Judgements(Map<String, Map<String, Integer>> byQuery) {

    public Judgements {
        byQuery = Map.copyOf(byQuery);
    }

    /** Reads either format, telling them apart line by line by their number of columns. */
    public static Judgements read(Path file) throws IOException {
        Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("query-id") || trimmed.startsWith("#")) {
                    continue;
                }
                String[] cols = trimmed.split("\\s+");
                String query;
                String doc;
                String grade;
                if (cols.length == 3) {
                    query = cols[0];
                    doc = cols[1];
                    grade = cols[2];
                } else if (cols.length == 4) {
                    query = cols[0];
                    doc = cols[2];
                    grade = cols[3];
                } else {
                    throw new IOException(file + ":" + lineNumber
                            + ": expected 3 columns (BEIR: query-id corpus-id score) or 4 (TREC: qid iter docid grade),"
                            + " found " + cols.length);
                }
                try {
                    byQuery.computeIfAbsent(query, q -> new LinkedHashMap<>())
                            .put(doc, (int) Math.round(Double.parseDouble(grade)));
                } catch (NumberFormatException e) {
                    throw new IOException(
                            file + ":" + lineNumber + ": the relevance grade '" + grade + "' is not a number", e);
                }
            }
        }
        return new Judgements(byQuery);
    }

    /** The judgements of one query; empty when it has none. */
    public Map<String, Integer> of(String queryId) {
        return byQuery.getOrDefault(queryId, Map.of());
    }
}
