package org.alima.portal.indexer.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Queries of a test collection in BEIR's JSON Lines format ({@code {"_id", "text"}}), as plain words. Stateless.
 *
 * <p>Test-collection queries are natural language ("1-1% of patients…?"), so query-syntax characters are replaced by
 * spaces: they are searched as words, the way BM25 baselines score them.
 */
public final class TestQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SYNTAX = Pattern.compile("[+\\-&|!(){}\\[\\]^\"~*?:\\\\/]");

    private TestQueries() {}

    /**
     * Query id to its text as plain words, in file order; a query of syntax characters only becomes empty (and still
     * counts in averages: it finds nothing).
     *
     * @throws IOException naming the line of a query without {@code _id} (or {@code id}) or {@code text}
     */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                JsonNode id = node.has("_id") ? node.get("_id") : node.get("id");
                JsonNode text = node.get("text");
                if (id == null || text == null) {
                    throw new IOException(file + ":" + lineNumber + ": a query needs \"_id\" (or \"id\") and \"text\"");
                }
                texts.put(
                        id.asText(),
                        SYNTAX.matcher(text.asText()).replaceAll(" ").strip());
            }
        }
        return texts;
    }
}
